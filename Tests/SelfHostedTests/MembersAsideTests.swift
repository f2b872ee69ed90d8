import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// Members read on a second connection that shares the first one's snapshot (`MembersAside`):
/// the same moment as the rest of the read, and the one connection when sharing cannot be had.
@Suite(.requiresDatabase) struct MembersAsideTests {
    @Test func theSecondConnectionSeesTheMomentOfTheFirst() throws {
        try withSeededTarget { scratch, target in
            let main = try scratch.connect()
            try main.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", activity: "test")
            let snapshot = try #require(try MembersAside.exportSnapshot(of: main))
            // Committed after the read began: the shared snapshot must not see it.
            try scratch.connect().executeScript(
                "DELETE FROM sentry_organizationmember_teams WHERE organizationmember_id = 5005;"
                    + " DELETE FROM sentry_organizationmember WHERE id = 5005",
                activity: "removing a member meanwhile")
            let teams = try teamSlugs(main)
            let aside = try #require(
                try MembersAside.read(
                    sharing: snapshot, of: main, profile: target.profile, orgId: 4242, teamSlugs: teams))
            #expect(aside.members.contains { $0.email == "zoe@acme.example" })
            let now = try OrganizationReader(connection: try scratch.connect(), profile: target.profile).readMembers(
                orgId: 4242, teamSlugs: teams, warn: { _ in })
            #expect(!now.contains { $0.email == "zoe@acme.example" })
            #expect(now.count == aside.members.count - 1)
            try main.executeScript("ROLLBACK", activity: "test")
        }
    }

    @Test(arguments: ["00000003-0000001B-1", "x'; SELECT 1; --", ""])
    func aSnapshotThatCannotBeSharedLeavesTheMembersToTheFirstConnection(snapshot: String) throws {
        try withSeededTarget { scratch, target in
            let main = try scratch.connect()
            #expect(
                try MembersAside.read(
                    sharing: snapshot, of: main, profile: target.profile, orgId: 4242, teamSlugs: try teamSlugs(main))
                    == nil)
        }
    }

    @Test func theReadWithMembersAsideIsTheReadOnOneConnection() throws {
        try withSeededTarget { scratch, target in
            let shared = try #require(try target.readOrganization(slug: "acme-corp"))
            let one = try scratch.connect()
            let alone = try one.withTransaction { connection in
                try OrganizationReader(connection: connection, profile: target.profile).read(slug: "acme-corp") { _ in }
            }
            #expect(shared == alone)
            #expect(!shared.members.isEmpty)
        }
    }

    /// verify checks its invariants on a second connection (`TargetDatabase.sibling`) beside its facts.
    @Test func aSiblingConnectionChecksTheSameInvariants() throws {
        try withSeededTarget { _, target in
            let desired = try #require(try target.readOrganization(slug: "acme-corp"))
            let sibling = try #require(target.sibling())
            #expect(sibling.profile == target.profile)
            let checks = { (database: TargetDatabase) in
                try database.checkInvariants(organization: "acme-corp", desired: desired)
            }
            #expect(try checks(sibling) == checks(target))
            #expect(
                try sibling.checkInvariants(organization: "nobody", desired: desired).map(\.check) == ["organization"])
        }
    }

    private func withSeededTarget(_ body: (TestDatabase.Scratch, TargetDatabase) throws -> Void) throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v26.load(into: try scratch.connect(), seeded: true)
            try body(scratch, try TargetDatabase(target: scratch.target))
        }
    }

    private func teamSlugs(_ connection: PostgresConnection) throws -> [Int64: String] {
        var slugs: [Int64: String] = [:]
        for row in try connection.query("SELECT id, slug FROM sentry_team WHERE organization_id = 4242 AND status = 0")
        {
            slugs[try row.int64("id")] = try row.string("slug")
        }
        return slugs
    }
}
