import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// `sentry-migrate read` run as a process against seeded databases.
@Suite(.requiresDatabase) struct ReadCommandTests {
    @Test func writesTheSeededOrganizationAsASnapshot() throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v26.load(into: try scratch.connect(), seeded: true)
            try withTemporaryFolder { folder in
                let out = folder.appendingPathComponent("current")
                let result = try SentryMigrateBinary.run(
                    ["read", "--database", try url(of: scratch), "--target-org", "acme-corp", "--out", out.path])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr.contains("26.x"))
                #expect(result.stderr.contains(SnapshotCounts(of: seededAcmeSnapshot).summary))

                let loaded = try SnapshotReader.read(from: out)
                #expect(loaded.snapshot == seededAcmeSnapshot(on: .v26).canonicalized())
                #expect(loaded.manifest.source.kind == .selfHosted)
                let mode =
                    try FileManager.default.attributesOfItem(
                        atPath: out.appendingPathComponent("secrets/keys.json").path)[.posixPermissions] as? Int
                #expect(mode == 0o600)
                for secret in seededAcmeSnapshot.secrets where secret.secretKey != nil {
                    #expect(!result.stdout.contains(secret.secretKey!) && !result.stderr.contains(secret.secretKey!))
                }
            }
        }
    }

    @Test func refusesAnUnknownOrganizationAndWritesNothing() throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v23.load(into: try scratch.connect(), seeded: true)
            try withTemporaryFolder { folder in
                let out = folder.appendingPathComponent("current")
                let result = try SentryMigrateBinary.run(
                    ["read", "--database", try url(of: scratch), "--target-org", "acme", "--out", out.path])
                #expect(result.status == ExitStatus.dataError.rawValue)
                #expect(result.stderr.contains("organization 'acme' is not in the target database"))
                #expect(result.stderr.contains("acme-corp, other-org"))
                #expect(!FileManager.default.fileExists(atPath: out.path))
            }
        }
    }

    @Test func refusesADatabaseThatIsNotSentry() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let result = try SentryMigrateBinary.run(
                ["read", "--database", try url(of: scratch), "--target-org", "acme", "--out", "/nonexistent/out"])
            #expect(result.status == ExitStatus.dataError.rawValue)
            #expect(result.stderr.contains("is not a self-hosted Sentry schema sentry-migrate supports"))
            #expect(result.stderr.contains("\n  next: Point --database at the database Sentry itself uses"))
        }
    }

    @Test func connectionFailureShowsNoPassword() throws {
        let result = try SentryMigrateBinary.run(
            [
                "read", "--database", "postgresql://sentry:hunter2-Secret@127.0.0.1:1/postgres", "--target-org", "acme",
                "--out", "/nonexistent/out",
            ],
            environment: ["PGCONNECT_TIMEOUT": "3"])
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(!result.stderr.contains("hunter2-Secret"))
        #expect(result.stderr.contains("127.0.0.1"))
    }

    /// The scratch database as a URL an admin would type.
    private func url(of scratch: TestDatabase.Scratch) throws -> String {
        let base = try #require(TestDatabase.url)
        // The test cluster's URL is `postgresql:///postgres?host=…`; swap the database name.
        return base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
    }
}
