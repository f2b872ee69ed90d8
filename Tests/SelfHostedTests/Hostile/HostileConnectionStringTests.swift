import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// Connection strings with passwords in every place libpq reads one, and strings libpq cannot parse:
/// `read`, `plan` and `status` fail to connect (nothing listens on port 1) and their errors, in the one
/// diagnostic shape, never show the password in any form it was written or decoded.
@Suite struct HostileConnectionStringTests {
    /// Every password below contains `Hunter2`; the percent-encoded one decodes to `Hunter2/pct`.
    static let hostile = [
        "postgresql://sentry:Hunter2-userinfo@127.0.0.1:1/postgres",
        "postgresql://sentry@127.0.0.1:1/postgres?password=Hunter2-query",
        "postgresql://sentry@127.0.0.1:1/postgres?pass%77ord=Hunter2-encoded-keyword",
        "postgresql://sentry:Hunter2%2Fpct@127.0.0.1:1/postgres",
        "host=127.0.0.1 port=1 password='Hunter2 with spaces' dbname=postgres",
        "host=127.0.0.1 port=1 sslpassword=Hunter2-ssl dbname=postgres",
        "dbname='postgresql://sentry:Hunter2-nested@127.0.0.1:1/postgres'",
        "host=127.0.0.1 port=1 password='Hunter2-unclosed",
        "postgresql://sentry:Hunter2-bad-option@127.0.0.1:1/postgres?nosuchoption=1",
        "postgresql://sentry:Hunter2-bad-host@[127.0.0.1:1/postgres",
    ]

    @Test(arguments: hostile)
    func readPlanAndStatusNeverShowThePassword(database: String) throws {
        try withTemporaryFolder { folder in
            let snapshot = folder.appendingPathComponent("desired").path
            _ = try SnapshotWriter.write(
                DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                exportedAt: Date(), to: URL(fileURLWithPath: snapshot))
            let commands = [
                [
                    "read", "--database", database, "--target-org", "acme", "--out",
                    folder.appendingPathComponent("r").path,
                ],
                ["plan", "--snapshot", snapshot, "--database", database],
                ["status", "--database", database],
            ]
            for arguments in commands {
                let result = try SentryMigrateBinary.run(arguments, environment: ["PGCONNECT_TIMEOUT": "3"])
                #expect(result.status == ExitStatus.unavailable.rawValue, "\(arguments[0]): \(result.stderr)")
                #expect(result.stderr.contains("error: could not connect to PostgreSQL at "), "\(result.stderr)")
                #expect(result.stderr.contains("\n  next: "), "\(result.stderr)")
                #expect(!result.stderr.contains("Hunter2"), "\(arguments[0]) leaked: \(result.stderr)")
                #expect(!result.stdout.contains("Hunter2"), "\(arguments[0]) leaked: \(result.stdout)")
            }
        }
    }
}
