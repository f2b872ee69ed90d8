import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// Member identity per policy: `link` needs the user, an invite that became a user is claimed.
@Suite(.requiresDatabase) struct ApplyMemberIdentityTests {
    /// Found by the rehearsal before the first stage writes: nothing of the organization is written.
    @Test func linkWithoutTheUserIsRefusedAndWritesNothing() throws {
        try ApplyScratch.withTarget(.v24) { scratch, database in
            try scratch.connect().execute("DELETE FROM auth_user")
            let error = try #require(throws: MemberIdentityError.self) {
                try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            }
            #expect(error.exitStatus == .dataError)
            #expect(error.description.contains("error: member 'erin@example.com': the mapping links it"))
            #expect(try database.readOrganization(slug: "acme-io") == nil, "the rehearsal found it before any stage")
            #expect(try database.journal(organization: "acme-io").isEmpty)
            #expect(try ApplyScratch.count(try scratch.connect(), "SELECT count(*) FROM auth_user") == 0)
        }
    }

    @Test(arguments: [SchemaFixture.v23, .v26])
    func anInviteThatBecameAUserIsClaimed(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            var desired = DesiredOrganization.snapshot
            let index = try #require(desired.members.firstIndex { $0.email == "bob@example.com" })
            desired.members[index].pending = false
            desired.members[index].name = "Bob Builder"
            desired.members[index].identity = .create
            try ApplyScratch.planAndApply(desired, on: database)
            expectSameConfiguration(try ApplyScratch.read(database), desired)
            let db = try scratch.connect()
            let row = try db.query(
                """
                SELECT m.user_id, m.email, m.token, mm.user_id AS mapped_user, mm.email AS mapped_email
                FROM sentry_organizationmember m JOIN sentry_organizationmembermapping mm ON mm.organizationmember_id = m.id
                JOIN auth_user u ON u.id = m.user_id WHERE u.email = 'bob@example.com'
                """)[0]
            #expect(try row.optionalString("email") == nil)
            #expect(try row.optionalString("token") == nil)
            #expect(try row.optionalInt64("mapped_user") == row.optionalInt64("user_id"))
            #expect(try row.optionalString("mapped_email") == nil)
        }
    }

    /// Without a policy, as `plan` decides it: link the user with the e-mail, else invite.
    @Test func withoutAPolicyLinksOrInvites() throws {
        try ApplyScratch.withTarget(.v25) { scratch, database in
            var desired = DesiredOrganization.snapshot
            desired.members = desired.members.map { member in
                var member = member
                member.identity = nil
                return member
            }
            try ApplyScratch.planAndApply(desired, on: database)
            let read = try ApplyScratch.read(database)
            let pending = Dictionary(uniqueKeysWithValues: read.members.map { ($0.email, $0.pending) })
            #expect(pending[DesiredOrganization.linkedEmail] == false, "linked to the existing user")
            #expect(pending["alice@example.com"] == true, "no user: invited")
            #expect(try ApplyScratch.count(try scratch.connect(), "SELECT count(*) FROM auth_user") == 1)
        }
    }
}
