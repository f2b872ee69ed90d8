import ArgumentParser
import Foundation
import Planning
import SelfHosted
import SentryModel

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove after apply or cutover that the self-hosted database holds what the snapshot says.",
        discussion: """
            Reads the organization from the self-hosted database and compares it with the desired \
            snapshot, kind by kind: counts, entities missing on the target, extra on the target, and \
            differing field by field (secret keys are compared but never printed). Then checks what a \
            comparison cannot see: every client key's public key resolves to an active key of the right \
            project (so DSNs work), the mapping, replica and slug-reservation rows Sentry reads agree \
            with their primary rows, and no team membership or member points at a missing row. \
            Nothing is changed.

            Exit status: 0 when everything holds, 2 when something does not (the report says what), 65 \
            for a bad snapshot or an unsupported database, 69 when the database is unreachable.

            Example:
              sentry-migrate verify --snapshot desired --database postgresql://sentry@db/postgres
            """
    )

    @Option(help: ArgumentHelp("Desired snapshot folder, with its secrets/ (as given to plan).", valueName: "dir"))
    var snapshot: String

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("What to print on standard output.", valueName: "text|markdown|json"))
    var format: PlanFormat = .text

    func run() async throws {
        let desired = try SnapshotReader.read(from: URL(fileURLWithPath: snapshot), requireSecrets: true).snapshot
        let target = try TargetDatabase(url: database.url)
        Terminal.note("connected to \(target.connection.target): self-hosted Sentry \(target.profile.summary)")
        let current = try target.readOrganization(slug: desired.organization.slug)
        let violations = try target.checkInvariants(organization: desired.organization.slug, desired: desired)
        target.warnings.forEach(Terminal.warning)
        let report = try VerificationReport(
            desired: desired, current: current, violations: violations,
            target: target.connection.target.description, profile: target.profile.summary)
        switch format {
        case .text: print(VerificationText.render(report), terminator: "")
        case .markdown: print(VerificationText.render(report, markdown: true), terminator: "")
        case .json: print(String(decoding: try CanonicalJSON.bytes(of: report), as: UTF8.self))
        }
        if !report.holds { throw ExitCode(ExitStatus.differences.rawValue) }
    }
}
