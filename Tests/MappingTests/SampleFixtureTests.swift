import Foundation
import SentryModel
import Testing

@testable import Mapping

/// `Tests/Fixtures/snapshots/acme-hosted` is the sample organization as a snapshot folder, without
/// `secrets/` (as it would be in git), for end-to-end tests and demos. This keeps it equal to
/// `SampleOrganization.snapshot`; run with SENTRY_MIGRATE_REGENERATE_FIXTURES=1 to rewrite it.
@Suite struct SampleFixtureTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/snapshots/acme-hosted")
    static let exportedAt = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func fixtureMatchesTheSampleOrganization() throws {
        var expected = SampleOrganization.snapshot
        if ProcessInfo.processInfo.environment["SENTRY_MIGRATE_REGENERATE_FIXTURES"] == "1" {
            try SnapshotWriter.write(
                expected,
                source: SnapshotSource(kind: .hosted, location: "https://sentry.io/api/0/organizations/acme/"),
                exportedAt: Self.exportedAt, to: Self.folder)
            try FileManager.default.removeItem(at: Self.folder.appendingPathComponent("secrets"))
        }
        let loaded = try SnapshotReader.read(from: Self.folder, requireSecrets: false)
        expected.secrets = []
        #expect(loaded.snapshot == expected)
        #expect(!loaded.hasSecrets)
        #expect(loaded.manifest.exportedAt == Self.exportedAt)
    }

    @Test func exampleMappingIsValidForTheFixture() throws {
        let loaded = try SnapshotReader.read(from: Self.folder, requireSecrets: false)
        let output = try transformed(try repositoryFile("mappings/example.yaml"), loaded.snapshot)
        #expect(output.warnings.isEmpty)
        #expect(!output.explanations.isEmpty)
    }
}
