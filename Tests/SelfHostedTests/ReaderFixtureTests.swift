import SentryModel
import Testing

@testable import SelfHosted

/// `read` of the seeded organization on every profile equals the expected snapshot.
@Suite(.requiresDatabase) struct ReaderFixtureTests {
    @Test(arguments: SchemaFixture.allCases, [false, true])
    func readsTheSeededOrganization(_ fixture: SchemaFixture, smallInts: Bool) throws {
        let snapshot = try readSeeded(fixture, smallInts: smallInts)
        expectEqual(snapshot, seededAcmeSnapshot(on: fixture))
    }

    /// 25.8+ installs caught between migrations 0960 and 0962 hold project options as jsonb.
    @Test func readsProjectOptionsStoredAsJSONB() throws {
        let snapshot = try readSeeded(.v25, jsonbProjectOptions: true)
        #expect(snapshot.filters == seededAcmeSnapshot.filters)
    }

    @Test func keepsTrickyNamesByteForByte() throws {
        let snapshot = try readSeeded(.v26)
        // String equality is Unicode-canonical; compare the stored bytes too.
        #expect(Array(snapshot.organization.name.utf8) == Array(seededAcmeSnapshot.organization.name.utf8))
        #expect(snapshot.teams.map { Array($0.name.utf8) } == seededAcmeSnapshot.teams.map { Array($0.name.utf8) })
        #expect(
            snapshot.projects.map { Array($0.name.utf8) } == seededAcmeSnapshot.projects.map { Array($0.name.utf8) })
        #expect(
            snapshot.ownership.map { $0.raw.map { Array($0.utf8) } }
                == seededAcmeSnapshot.ownership.map { $0.raw.map { Array($0.utf8) } })
    }

    @Test func returnsNilForAnUnknownOrganizationAndListsTheOthers() throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v24.load(into: try scratch.connect(), seeded: true)
            let database = try TargetDatabase(target: scratch.target)
            #expect(try database.readOrganization(slug: "acme") == nil)
            #expect(try database.organizationSlugs() == ["acme-corp", "other-org"])
        }
    }

    private func readSeeded(
        _ fixture: SchemaFixture, smallInts: Bool = false, jsonbProjectOptions: Bool = false
    ) throws -> Snapshot {
        try TestDatabase.withScratchDatabase { scratch in
            try fixture.load(
                into: try scratch.connect(), smallInts: smallInts, jsonbProjectOptions: jsonbProjectOptions,
                seeded: true)
            let database = try TargetDatabase(target: scratch.target)
            let snapshot = try #require(try database.readOrganization(slug: "acme-corp"))
            // The seed's trap: project web (9002) stores chunk-load-error as JSON true, which 23.10 and
            // later filter with but show as off in project settings; the reader says so there.
            let legacyBoolean = database.warnings.filter { $0.contains("filters:chunk-load-error is the JSON boolean") }
            #expect(legacyBoolean.count == (fixture == .v23 ? 0 : 1), "\(database.warnings)")
            #expect(legacyBoolean.allSatisfy { $0.contains("project 'web'") })
            #expect(database.warnings.count == legacyBoolean.count, "\(database.warnings)")
            return snapshot
        }
    }

    /// Compares kind by kind so a failure names the entity that differs, not two whole snapshots.
    private func expectEqual(_ actual: Snapshot, _ expected: Snapshot) {
        #expect(actual.organization == expected.organization)
        #expect(actual.teams == expected.teams)
        #expect(actual.members.map(\.email) == expected.members.map(\.email))
        for (a, e) in zip(actual.members, expected.members) { #expect(a == e) }
        #expect(actual.projects == expected.projects)
        #expect(actual.keys.map(\.publicKey) == expected.keys.map(\.publicKey))
        for (a, e) in zip(actual.keys, expected.keys) { #expect(a == e) }
        #expect(actual.filters == expected.filters)
        #expect(actual.ownership == expected.ownership)
        #expect(actual.secrets == expected.secrets)
        #expect(actual == expected)
    }
}
