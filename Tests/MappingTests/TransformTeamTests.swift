import SentryModel
import Testing

@testable import Mapping

/// Organization and team features: renames, merges and exclusions, and where they reach.
@Suite struct TransformTeamTests {
    func member(_ email: String, in snapshot: Snapshot) throws -> Member {
        try #require(snapshot.members.first { $0.email == email })
    }

    func project(_ slug: String, in snapshot: Snapshot) throws -> Project {
        try #require(snapshot.projects.first { $0.slug == slug })
    }

    @Test func organizationSlugAndName() throws {
        let result = try transformed("version: 1\norganization: {slug: acme-sh, name: \"Acme (self-hosted)\"}\n")
            .snapshot
        #expect(result.organization.slug == "acme-sh")
        #expect(result.organization.name == "Acme (self-hosted)")
        #expect(result.organization.hostedId == "1001")
    }

    @Test func teamRenameReachesMembershipsProjectsAndOwnership() throws {
        let result = try transformed(
            "version: 1\nteams:\n  rename:\n    payments: {slug: billing, name: Billing}\n    mobile: apps\n"
        ).snapshot
        #expect(
            result.teams.map(\.slug) == [
                "apps", "backend", "billing", "data", "frontend", "infra", "legacy-ops", "sre",
            ])
        #expect(result.teams.first { $0.slug == "billing" } == Team(slug: "billing", name: "Billing", hostedId: "17"))
        #expect(result.teams.first { $0.slug == "apps" } == Team(slug: "apps", name: "Mobile", hostedId: "16"))
        #expect(
            try member("ivan@acme.io", in: result).teams == [
                TeamMembership(slug: "backend"), TeamMembership(slug: "billing"),
            ])
        #expect(try project("api", in: result).teams == ["backend", "billing"])
        #expect(try project("ios", in: result).teams == ["apps"])
        #expect(result.ownership.first { $0.project == "checkout" }?.raw == "*.ts #billing ivan@acme.io\n")
    }

    @Test func mergeJoinsTeamsMembershipsAndProjects() throws {
        let result = try transformed(
            "version: 1\nteams:\n  merge:\n    platform: {from: [infra, sre], name: Platform}\n"
        ).snapshot
        #expect(
            result.teams.map(\.slug) == ["backend", "data", "frontend", "legacy-ops", "mobile", "payments", "platform"])
        // A new slug made of several teams has no single hosted id.
        #expect(result.teams.last == Team(slug: "platform", name: "Platform", hostedId: nil))
        // Bob was contributor on infra and admin on sre: the stronger role wins.
        #expect(try member("bob@acme.io", in: result).teams == [TeamMembership(slug: "platform", role: "admin")])
        #expect(try project("ops-scripts", in: result).teams == ["legacy-ops", "platform"])
        #expect(result.ownership.first { $0.project == "api" }?.raw?.contains("codeowners:/infra/  #platform") == true)
    }

    @Test func mergeIntoAnExistingTeamKeepsItsNameAndId() throws {
        let result = try transformed("version: 1\nteams:\n  merge:\n    backend: {from: [backend, payments]}\n")
            .snapshot
        #expect(result.teams.first { $0.slug == "backend" } == Team(slug: "backend", name: "Backend", hostedId: "11"))
        #expect(!result.teams.contains { $0.slug == "payments" })
        #expect(try member("ivan@acme.io", in: result).teams == [TeamMembership(slug: "backend")])
        #expect(try project("api", in: result).teams == ["backend"])
        // `url:… #payments #backend` would list #backend twice: the rewritten duplicate goes.
        let api = try #require(result.ownership.first { $0.project == "api" }?.raw)
        #expect(api.contains("url:https://api.acme.io/checkout/*   #backend\n"))
        #expect(api.contains("path:src/payments/*      #backend erin@acme.io\n"))
    }

    @Test func excludedTeamsLeaveMembershipsAndProjects() throws {
        let result = try transformed(
            "version: 1\nteams:\n  exclude: [\"legacy-*\", sre]\nownership:\n  unknownOwners: drop\n"
        ).snapshot
        #expect(!result.teams.contains { ["legacy-ops", "sre"].contains($0.slug) })
        #expect(try member("dave@acme.io", in: result).teams == [TeamMembership(slug: "data")])
        #expect(try member("bob@acme.io", in: result).teams == [TeamMembership(slug: "infra", role: "contributor")])
        // The project stays, without the excluded teams.
        #expect(try project("ops-scripts", in: result).teams == [])
        let api = try #require(result.ownership.first { $0.project == "api" }?.raw)
        #expect(api.contains("tags.transaction:\"/api/checkout flow\"  frank@contractor.example\n"))
    }

    @Test func unchangedTeamsStayAsTheyWere() throws {
        let result = try transformed("version: 1\nteams:\n  rename: {payments: billing}\n").snapshot
        let hosted = SampleOrganization.compatible
        for team in hosted.teams where team.slug != "payments" {
            #expect(result.teams.contains(team))
        }
        #expect(
            result.members.first { $0.email == "alice@acme.io" } == hosted.members.first { $0.email == "alice@acme.io" }
        )
    }
}
