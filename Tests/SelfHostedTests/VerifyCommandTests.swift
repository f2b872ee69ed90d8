import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// `sentry-migrate verify` run as a process: exit 0 on a matching target, 2 with a precise report
/// for each kind of drift an admin meets after cutover.
@Suite(.requiresDatabase) struct VerifyCommandTests {
    @Test func holdsOnAMatchingTarget() throws {
        let result = try verify(.v26) { _ in }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Verified: the target matches the snapshot and every invariant holds."))
    }

    @Test func reportsAChangedTeamName() throws {
        let result = try verify(.v24) { connection in
            try connection.execute("UPDATE sentry_team SET name = 'Back end' WHERE id = 301")
            try connection.execute("UPDATE sentry_teamreplica SET name = 'Back end' WHERE team_id = 301")
        }
        #expect(result.status == ExitStatus.differences.rawValue)
        #expect(result.stdout.contains("~ backend  — differs"))
        #expect(result.stdout.contains(#"name: "Back end" → "Backend""#))
        #expect(result.stdout.contains("Not verified: 1 difference(s), 0 invariant violation(s)."))
    }

    @Test func reportsARemovedMembership() throws {
        let result = try verify(.v23) { connection in
            try connection.execute(
                "DELETE FROM sentry_organizationmember_teams WHERE organizationmember_id = 5003 AND team_id = 304")
        }
        #expect(result.status == ExitStatus.differences.rawValue)
        #expect(result.stdout.contains("~ ada@acme.example  — differs"))
        #expect(result.stdout.contains("teams:"))
        #expect(result.stdout.contains("quoting"))
    }

    @Test func reportsADeactivatedKey() throws {
        let key = try #require(seededAcmeSnapshot.keys.first { $0.active })
        let result = try verify(.v25) { connection in
            try connection.execute("UPDATE sentry_projectkey SET status = 1 WHERE public_key = \(key.publicKey)")
        }
        #expect(result.status == ExitStatus.differences.rawValue)
        #expect(result.stdout.contains("~ \(key.publicKey)  — differs"))
        #expect(result.stdout.contains("active: false → true"))
        #expect(result.stdout.contains("! [key-resolves] keys/\(key.publicKey): is inactive"))
    }

    @Test func reportsAnEditedOwnershipRule() throws {
        let result = try verify(.v26) { connection in
            try connection.execute(
                """
                UPDATE sentry_projectownership SET raw = 'path:checkout/** #backend'
                WHERE project_id = (SELECT id FROM sentry_project WHERE organization_id = 4242
                  AND slug = 'customer-facing-checkout-experience-web-frontend-1')
                """)
        }
        #expect(result.status == ExitStatus.differences.rawValue)
        #expect(result.stdout.contains("~ customer-facing-checkout-experience-web-frontend-1  — differs"))
        #expect(result.stdout.contains(#"raw: "path:checkout/** #backend" → "path:checkout/** #frontend""#))
    }

    @Test func reportsAMissingMappingRow() throws {
        let result = try verify(.v24) { connection in
            try connection.execute("DELETE FROM sentry_organizationmapping WHERE organization_id = 4242")
        }
        #expect(result.status == ExitStatus.differences.rawValue)
        #expect(result.stdout.contains("! [org-mapping] organization/acme-corp: has no sentry_organizationmapping row"))
        #expect(result.stdout.contains("Not verified: 0 difference(s), 1 invariant violation(s)."))
    }

    @Test func printsNoSecretInAnyFormat() throws {
        let key = try #require(seededAcmeSnapshot.keys.first)
        for format in ["text", "markdown", "json"] {
            let result = try verify(.v26, format: format) { connection in
                try connection.execute(
                    """
                    UPDATE sentry_projectkey SET secret_key = 'ffffffffffffffffffffffffffffffff'
                    WHERE public_key = \(key.publicKey)
                    """)
            }
            #expect(result.status == ExitStatus.differences.rawValue)
            for secret in seededAcmeSnapshot.secrets where secret.secretKey != nil {
                #expect(!result.stdout.contains(secret.secretKey!) && !result.stderr.contains(secret.secretKey!))
            }
            #expect(!result.stdout.contains("ffffffffffffffffffffffffffffffff"))
            #expect(result.stdout.contains("sensitive"))
        }
    }

    /// Seeds `fixture`, takes the desired snapshot with `read`, applies `drift`, then verifies.
    private func verify(
        _ fixture: SchemaFixture, format: String = "text", drift: (PostgresConnection) throws -> Void
    ) throws -> CommandResult {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection, seeded: true)
            return try withTemporaryFolder { folder in
                let desired = folder.appendingPathComponent("desired").path
                let url = try #require(TestDatabase.url).replacingOccurrences(
                    of: "///postgres?", with: "///\(scratch.name)?")
                let read = try SentryMigrateBinary.run(
                    ["read", "--database", url, "--target-org", "acme-corp", "--out", desired])
                try #require(read.status == 0, "\(read.stderr)")
                try drift(connection)
                return try SentryMigrateBinary.run(
                    ["verify", "--snapshot", desired, "--database", url, "--format", format])
            }
        }
    }
}
