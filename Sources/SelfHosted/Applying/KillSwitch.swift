import Foundation
import Planning
import SentryModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test-only: `SENTRY_MIGRATE_TEST_KILL_AFTER=STAGE:N` makes the process SIGKILL itself right after
/// the N-th statement of STAGE, inside that stage's open transaction, so tests can prove that a
/// killed stage is wholly applied or wholly not. Unset in normal use, where it does nothing.
struct KillSwitch: Sendable {
    static let variable = "SENTRY_MIGRATE_TEST_KILL_AFTER"

    let stage: Stage
    let statements: Int

    static func fromEnvironment() -> KillSwitch? {
        guard let value = ProcessInfo.processInfo.environment[variable] else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let stage = Stage(rawValue: String(parts[0])), let count = Int(parts[1]) else {
            return nil
        }
        return KillSwitch(stage: stage, statements: count)
    }

    func statementDone(stage: Stage, count: Int) {
        guard stage == self.stage, count >= statements else { return }
        kill(getpid(), SIGKILL)
    }
}
