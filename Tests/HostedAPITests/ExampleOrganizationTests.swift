import Foundation
import SentryModel
import Testing

@testable import HostedAPI

/// The organization Sentry's published API examples describe ("the-interstellar-jurisdiction"),
/// assembled with the exporter's own readers, is the fixture `Tests/Fixtures/snapshots/example-hosted`
/// that the pipeline tests serve. Its ownership rules name `jane.smith@org.com`, who is no member:
/// an owner sentry.io itself does not resolve. `UPDATE_FIXTURES=1` rewrites the fixture.
@Suite(.enabled(if: runConformance, "needs /work/shared/reference")) struct ExampleOrganizationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/snapshots/example-hosted")

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(
            T.self, from: Data(contentsOf: referenceFolder.appendingPathComponent("sentry-api-examples/\(name).json")))
    }

    /// What an export of the example organization gives. The examples come from different
    /// organizations in places; where they disagree, the organization's own lists win: the keys
    /// example's `projectId` is not the listed project's id, and member details name a team
    /// (`cool-team`) the teams list lacks, so team roles come from `teamRoles`.
    static func build() throws -> Snapshot {
        let org = try decode(APIOrganization.self, "organization-details-full")
        let teams = try decode([APITeam].self, "organization-teams")
        let details = try decode(APIMemberDetails.self, "organization-member-details")
        let members = try decode([APIMember].self, "organization-members").map { member -> Member in
            let roles = member.id == details.id ? details.teamRoles ?? [] : []
            let email = (member.email ?? "").lowercased()
            return Member(
                email: email, name: member.name ?? email, role: member.orgRole ?? member.role ?? "member",
                pending: member.pending ?? false,
                teams: roles.map { TeamMembership(slug: $0.teamSlug, role: $0.role) }.sorted { $0.slug < $1.slug },
                hostedId: member.id)
        }
        let project = try #require(try decode([APIProject].self, "organization-projects").first)
        var keys = try decode([APIKey].self, "project-keys").map { Exporter.clientKey($0, project: project.slug) }
        for index in keys.indices { keys[index].hostedProjectId = project.id }
        let filters = try Exporter.filters(
            decode([APIFilter].self, "project-filters"), options: [:], project: project.slug)
        let ownership = try Exporter.ownership(decode(APIOwnership.self, "project-ownership"), project: project.slug)
        return Snapshot(
            organization: Organization(
                slug: org.slug, name: org.name, defaultRole: org.defaultRole ?? "member",
                openMembership: org.openMembership ?? true, enhancedPrivacy: org.enhancedPrivacy ?? false,
                allowSharedIssues: org.allowSharedIssues ?? true, isEarlyAdopter: org.isEarlyAdopter,
                require2FA: org.require2FA, hostedId: org.id),
            teams: teams.map { Team(slug: $0.slug, name: $0.name, hostedId: $0.id) }, members: members,
            projects: [
                Project(
                    slug: project.slug, name: project.name, platform: project.platform,
                    teams: (project.teams ?? []).map(\.slug).sorted(), hostedId: project.id)
            ],
            keys: keys, filters: [filters], ownership: ownership.map { [$0] } ?? []
        ).canonicalized()
    }

    @Test func theFixtureIsWhatThePublishedExamplesDescribe() throws {
        let built = try Self.build()
        if ProcessInfo.processInfo.environment["UPDATE_FIXTURES"] == "1" {
            // Secrets stay out of the repository; sentry-sim derives them.
            try SnapshotWriter.write(
                built, source: SnapshotSource(kind: .hosted, location: "sentry-api-examples"),
                exportedAt: Date(timeIntervalSince1970: 1_780_000_000), to: Self.fixture)
            try? FileManager.default.removeItem(at: Self.fixture.appendingPathComponent("secrets"))
        }
        let committed = try SnapshotReader.read(from: Self.fixture, requireSecrets: false).snapshot
        #expect(committed == built)
        #expect(built.ownership.first?.raw?.contains("jane.smith@org.com") == true)
        #expect(!built.members.contains { $0.email == "jane.smith@org.com" })
    }
}
