import Foundation
import SentryModel
import Testing

@testable import Mapping

/// Member features: e-mail map and domain rewrite, roles, exclusion, identity and pending invites.
@Suite struct TransformMemberTests {
    func member(_ email: String, _ yaml: String, _ snapshot: Snapshot = SampleOrganization.compatible) throws -> Member?
    {
        try transformed(yaml, snapshot).snapshot.members.first { $0.email == email }
    }

    @Test func emailMapWinsOverDomainRewrite() throws {
        let result = try transformed(
            "version: 1\nmembers:\n  email: {Dave@ACME.io: David@Acme.com}\n  domains: {ACME.io: acme.com}\n"
        ).snapshot
        #expect(
            result.members.map(\.email) == [
                "alice@acme.com", "bob@acme.com", "carol@acme.com", "david@acme.com", "erin@acme.com",
                "frank@contractor.example", "grace@acme.com", "heidi@acme.com", "ivan@acme.com",
            ])
        // Dave's name was his e-mail, so it follows; Alice's is a real name and stays.
        #expect(result.members.first { $0.email == "david@acme.com" }?.name == "david@acme.com")
        #expect(result.members.first { $0.email == "alice@acme.com" }?.name == "Alice")
        #expect(result.members.first { $0.email == "grace@acme.com" }?.hostedId == "107")
    }

    @Test func emailsRewriteOwnershipOwners() throws {
        let result = try transformed("version: 1\nmembers:\n  domains: {acme.io: acme.com}\n").snapshot
        let api = try #require(result.ownership.first { $0.project == "api" }?.raw)
        #expect(api.contains("path:src/payments/*      #payments erin@acme.com\n"))
        // Erin@ACME.io is Erin too: Sentry compares owners without case.
        #expect(api.contains("module:acme.billing  erin@acme.com\n"))
        #expect(
            result.ownership.first { $0.project == "web" }?.raw
                == SampleOrganization.ownershipWeb.replacingOccurrences(of: "carol@acme.io", with: "carol@acme.com"))
    }

    @Test func rolesAreMapped() throws {
        let erin = try member(
            "erin@acme.io", "version: 1\nmembers:\n  roles: {billing: member}\n", SampleOrganization.snapshot)
        #expect(erin?.role == "member")
        let carol = try member("carol@acme.io", "version: 1\nmembers:\n  teamRoles: {admin: contributor}\n")
        #expect(
            carol?.teams == [TeamMembership(slug: "frontend", role: "contributor"), TeamMembership(slug: "mobile")])
    }

    @Test func excludedMembersAreGone() throws {
        let result = try transformed(
            "version: 1\nmembers:\n  exclude: [\"*@CONTRACTOR.example\", heidi@acme.io]\nownership:\n  unknownOwners: keep\n"
        ).snapshot
        #expect(!result.members.contains { $0.email == "frank@contractor.example" || $0.email == "heidi@acme.io" })
        #expect(result.members.count == 7)
        // `keep` leaves the owner of an excluded member in the rules.
        #expect(result.ownership.first { $0.project == "api" }?.raw == SampleOrganization.ownershipAPI)
    }

    @Test func noIdentitySectionRecordsNoPolicy() throws {
        let result = try transformed("version: 1\n").snapshot
        #expect(result.members.allSatisfy { $0.identity == nil })
    }

    @Test func identityDefaultOverridesAndInvites() throws {
        let yaml = """
            version: 1
            members:
              identity:
                default: link
                members: {ivan@acme.io: create, carol@acme.io: invite}
            """
        let members = try transformed(yaml).snapshot.members
        let policies = Dictionary(uniqueKeysWithValues: members.map { ($0.email, $0.identity) })
        #expect(policies["alice@acme.io"] == .link)
        #expect(policies["ivan@acme.io"] == .create)
        #expect(policies["carol@acme.io"] == .invite)
        // Pending invites stay invites.
        #expect(policies["grace@acme.io"] == .invite)
        // An invited member is a pending invite on self-hosted, so the desired state says so.
        #expect(members.first { $0.email == "carol@acme.io" }?.pending == true)
        #expect(members.first { $0.email == "alice@acme.io" }?.pending == false)
    }

    @Test func pendingInvitePolicies() throws {
        let excluded = try transformed("version: 1\nmembers:\n  pendingInvites: exclude\n").snapshot.members
        #expect(excluded.allSatisfy { !$0.pending })
        #expect(excluded.count == 7)

        let kept = try transformed("version: 1\nmembers:\n  pendingInvites: keep\n").snapshot.members
        #expect(kept.filter(\.pending).map(\.email) == ["grace@acme.io", "heidi@acme.io"])

        let promoted = try transformed(
            "version: 1\nmembers:\n  pendingInvites: promote\n  identity: {default: create, members: {heidi@acme.io: invite}}\n"
        ).snapshot.members
        #expect(
            promoted.first { $0.email == "grace@acme.io" }.map { ($0.pending, $0.identity) } ?? (true, nil) == (
                false, .create
            ))
        #expect(
            promoted.first { $0.email == "heidi@acme.io" }.map { ($0.pending, $0.identity) } ?? (false, nil) == (
                true, .invite
            ))
    }

    @Test func identityIsEncodedOnlyWhenPresent() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plain = try String(
            decoding: encoder.encode(Member(email: "a@b.c", name: "A", role: "member")), as: UTF8.self)
        #expect(!plain.contains("identity"))
        let chosen = try String(
            decoding: encoder.encode(Member(email: "a@b.c", name: "A", role: "member", identity: .create)),
            as: UTF8.self)
        #expect(chosen.contains("\"identity\":\"create\""))
        #expect(try JSONDecoder().decode(Member.self, from: Data(plain.utf8)).identity == nil)
    }
}
