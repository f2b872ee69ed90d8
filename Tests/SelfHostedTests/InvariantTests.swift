import SentryModel
import Testing

@testable import SelfHosted

/// The post-cutover invariants on seeded databases: clean as Sentry's ORM leaves them, and each
/// injected drift found and named.
@Suite(.requiresDatabase) struct InvariantTests {
    @Test(arguments: SchemaFixture.allCases)
    func aSeededDatabaseHoldsEveryInvariant(_ fixture: SchemaFixture) throws {
        let violations = try violations(fixture) { _ in }
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func findsADeactivatedKey() throws {
        let key = try #require(seededAcmeSnapshot.keys.first { $0.active })
        let violations = try violations(.v24) { connection in
            try connection.execute("UPDATE sentry_projectkey SET status = 1 WHERE public_key = \(key.publicKey)")
        }
        #expect(
            violations == [
                InvariantViolation(
                    check: "key-resolves", entity: "keys/\(key.publicKey)",
                    message: "is inactive: events sent with this DSN are dropped")
            ])
    }

    @Test func findsAKeyThatMovedToAnotherProject() throws {
        let key = try #require(seededAcmeSnapshot.keys.first)
        let other = try #require(seededAcmeSnapshot.projects.first { $0.slug != key.project })
        let violations = try violations(.v25) { connection in
            try connection.execute(
                """
                UPDATE sentry_projectkey SET project_id = (SELECT id FROM sentry_project WHERE slug = \(other.slug)
                  AND organization_id = 4242) WHERE public_key = \(key.publicKey)
                """)
        }
        // Both the project and the project id the DSN names are now wrong.
        #expect(violations.map(\.check) == ["key-resolves", "key-resolves"])
        #expect(violations.first?.message == "resolves to project '\(other.slug)', not '\(key.project)'")
        #expect(violations.last?.message.hasPrefix("its DSNs name project id \(key.hostedProjectId ?? "")") == true)
    }

    @Test func findsADSNWhoseProjectIdWasNotKept() throws {
        var desired = seededAcmeSnapshot
        desired.keys[0].hostedProjectId = "999999"
        let key = desired.keys[0]
        let violations = try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v26.load(into: try scratch.connect(), seeded: true)
            return try TargetDatabase(target: scratch.target).checkInvariants(
                organization: "acme-corp", desired: desired)
        }
        #expect(violations.map(\.entity) == ["keys/\(key.publicKey)"])
        #expect(
            violations.first?.message.hasPrefix("its DSNs name project id 999999, but project '\(key.project)'") == true
        )
    }

    @Test func findsAMissingMemberMapping() throws {
        let violations = try violations(.v23) { connection in
            try connection.execute(
                "DELETE FROM sentry_organizationmembermapping WHERE organizationmember_id = 5003")
        }
        #expect(violations.map(\.entity) == ["members/ada@acme.example"])
        #expect(violations.first?.check == "member-mapping")
    }

    /// A mapping must agree on role and user too; a member found is named by its user's e-mail, or by the
    /// invited address when it has no user.
    @Test func findsMemberMappingsThatDisagreeOnRoleOrUser() throws {
        let violations = try violations(.v23) { connection in
            try connection.execute(
                "UPDATE sentry_organizationmembermapping SET role = 'member' WHERE organizationmember_id = 5003")
            try connection.execute(
                "UPDATE sentry_organizationmembermapping SET user_id = 101 WHERE organizationmember_id = 5008")
        }
        #expect(violations.map(\.entity).sorted() == ["members/ada@acme.example", "members/pending.one@acme.example"])
        #expect(Set(violations.map(\.check)) == ["member-mapping"])
    }

    @Test func findsARenamedTeamWhoseReplicaWasNotUpdated() throws {
        let violations = try violations(.v26) { connection in
            try connection.execute("UPDATE sentry_team SET name = 'Back end' WHERE id = 301")
        }
        #expect(violations.map(\.check) == ["team-replica"])
        #expect(violations.first?.entity == "teams/backend")
    }

    @Test func findsAMissingSlugReservationAndKeyMapping() throws {
        let key = try #require(seededAcmeSnapshot.keys.first)
        let violations = try violations(.v26) { connection in
            try connection.execute("DELETE FROM sentry_organizationslugreservation WHERE organization_id = 4242")
            try connection.execute("DELETE FROM sentry_projectkeymapping WHERE public_key = \(key.publicKey)")
        }
        #expect(Set(violations.map(\.check)) == ["slug-reservation", "key-mapping"])
    }

    @Test func findsDriftOfBothHalvesInCheckOrder() throws {
        let key = try #require(seededAcmeSnapshot.keys.first)
        let violations = try violations(.v26) { connection in
            try connection.execute("UPDATE sentry_team SET name = 'Back end' WHERE id = 301")
            try connection.execute(
                "DELETE FROM sentry_organizationmembermapping WHERE organizationmember_id = 5003")
            try connection.execute("DELETE FROM sentry_projectkeymapping WHERE public_key = \(key.publicKey)")
            try connection.execute("UPDATE sentry_projectkey SET status = 1 WHERE public_key = \(key.publicKey)")
        }
        #expect(violations.map(\.check) == ["key-resolves", "key-mapping", "member-mapping", "team-replica"])
    }

    @Test func findsAMembershipOfADeletedTeam() throws {
        let violations = try violations(.v24) { connection in
            // Bypass the foreign keys, as a hand-made delete or a broken restore would.
            try connection.execute("SET session_replication_role = replica")
            try connection.execute("DELETE FROM sentry_team WHERE id = 302")
            try connection.execute("DELETE FROM sentry_teamreplica WHERE team_id = 302")
            try connection.execute("SET session_replication_role = DEFAULT")
        }
        #expect(violations.contains { $0.check == "membership-orphan" && $0.message.contains("missing team 302") })
    }

    @Test func findsAMembershipOfADeletedMember() throws {
        let violations = try violations(.v26) { connection in
            try connection.execute("SET session_replication_role = replica")
            try connection.execute(
                """
                DELETE FROM sentry_organizationmember
                WHERE id = (SELECT min(organizationmember_id) FROM sentry_organizationmember_teams)
                """)
            try connection.execute("SET session_replication_role = DEFAULT")
        }
        let orphans = violations.filter { $0.check == "membership-orphan" }
        #expect(!orphans.isEmpty)
        #expect(orphans.allSatisfy { $0.message.contains("points at a missing member") })
    }

    @Test func findsAnOwnerThatDoesNotResolve() throws {
        let violations = try violations(.v25) { connection in
            try connection.execute(
                """
                UPDATE sentry_projectownership SET raw = 'path:checkout/** #frontend #ghosts nobody@acme.example'
                WHERE project_id = (SELECT id FROM sentry_project WHERE organization_id = 4242
                  AND slug = 'customer-facing-checkout-experience-web-frontend-1')
                """)
        }
        #expect(
            violations == [
                InvariantViolation(
                    check: "owner-resolves", entity: "ownership/customer-facing-checkout-experience-web-frontend-1",
                    message: "owners that are no team or member of the organization: #ghosts, nobody@acme.example")
            ])
    }

    private func violations(
        _ fixture: SchemaFixture, drift: (PostgresConnection) throws -> Void
    ) throws -> [InvariantViolation] {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection, seeded: true)
            try drift(connection)
            let database = try TargetDatabase(target: scratch.target)
            let alone = try database.checkInvariants(organization: "acme-corp", desired: seededAcmeSnapshot)
            // As verify runs them: the organization read already, the owner check made, and half of the
            // queries on a second connection. The same violations, in the same order.
            let current = try database.readOrganization(slug: "acme-corp")
            let beside = try #require(database.sibling())
            let asVerify = try database.checkInvariants(
                organization: "acme-corp", desired: seededAcmeSnapshot, current: current,
                owners: current.map { OwnerCheck(desired: seededAcmeSnapshot, target: $0) }, beside: beside)
            #expect(asVerify == alone)
            return alone
        }
    }
}
