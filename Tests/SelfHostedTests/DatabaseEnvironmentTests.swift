import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// Without `--database`, the database commands use libpq's environment alone, as psql does.
@Suite(.requiresDatabase) struct DatabaseEnvironmentTests {
    @Test func planAndStatusConnectThroughPGDATABASEWithoutTheFlag() throws {
        try ApplyScratch.withTarget(.v26) { scratch, _ in
            try withTemporaryFolder { folder in
                let desired = folder.appendingPathComponent("desired").path
                _ = try SnapshotWriter.write(
                    DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                    exportedAt: Date(), to: URL(fileURLWithPath: desired))
                let environment = try Self.libpqEnvironment(database: scratch.name)

                let plan = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired, "--detailed-exitcode"], environment: environment)
                #expect(plan.status == 2, "\(plan.stderr)")
                #expect(plan.stderr.contains("connected to (libpq environment defaults): self-hosted Sentry 26.x"))
                #expect(plan.stdout.contains("acme-io"))

                let status = try SentryMigrateBinary.run(["status"], environment: environment)
                #expect(status.status == 0, "\(status.stderr)")
                #expect(status.stdout == "Nothing applied yet.\n")
            }
        }
    }

    /// The environment names a database that does not exist: the error says which and what to check.
    @Test func aMissingDatabaseInTheEnvironmentIsNamed() throws {
        let environment = try Self.libpqEnvironment(database: "sm_no_such_database")
        let result = try SentryMigrateBinary.run(["status"], environment: environment)
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(result.stderr.contains("sm_no_such_database"), "\(result.stderr)")
    }

    /// PGHOST, PGPORT and PGUSER of the test server (from its URL), and `database` as PGDATABASE.
    static func libpqEnvironment(database: String) throws -> [String: String] {
        let base = try #require(TestDatabase.url)
        let url = try #require(URLComponents(string: base))
        var environment = ["PGDATABASE": database]
        for item in url.queryItems ?? [] {
            switch item.name {
            case "host": environment["PGHOST"] = item.value
            case "port": environment["PGPORT"] = item.value
            case "user": environment["PGUSER"] = item.value
            default: continue
            }
        }
        return environment
    }
}
