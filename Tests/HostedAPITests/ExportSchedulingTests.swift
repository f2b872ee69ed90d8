import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

/// When requests go: sentry.io counts the keys lists, the members list and everything else on three
/// counters of their own (docs/export.md, "Rate limits"), so no counter should wait for another's.
/// Orderings only, never durations: which requests the simulator had answered when something else
/// happened.
@Suite(.timeLimit(.minutes(3))) struct ExportSchedulingTests {
    /// The members list (6 pages) may go at one page per window; nothing else is limited.
    static func slowMembers() -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration.testing
        configuration.rateLimit = RateLimitSettings(
            limit: 100_000, windowSeconds: 1, overrides: ["members": 1], concurrentLimit: 64)
        return configuration
    }

    @Test func projectsKeysAreReadWhileTheMembersListIsStillBeingRead() async throws {
        let org = OrgGenerator.generate(GeneratorSpec(teams: 4, projects: 24, members: 550, seed: 31))
        let memberPages = RequestFormula.pages(org.members.count)
        try await withSimulator(org, configuration: Self.slowMembers()) { simulator, base in
            // Members-list pages the simulator had answered when each project's keys were in.
            let seen = Log<Int>()
            let exporter = Exporter(client: ExportTests.client(base), organization: "acme") { progress in
                guard progress.kind == .keys else { return }
                let pages = simulator.metrics.current.byEndpoint["members", default: 0]
                seen.append(pages)
            }
            let exported = try await exporter.export()
            #expect(exported == org)
            let pagesWhenKeysWereIn = seen.all
            #expect(pagesWhenKeysWereIn.count == org.projects.count)
            // The first project's keys were in before the members list's last page (five windows of
            // the members counter after its first): the keys lists did not wait for the members list,
            // nor for the team roles read after it.
            #expect(pagesWhenKeysWereIn.first.map { $0 < memberPages } == true, "\(pagesWhenKeysWereIn)")
            #expect(simulator.metrics.current.total == ExportTests.expectedRequests(org))
        }
    }

    @Test func aClosedOrganizationAnswersNothingAboutProjectsOutOfReachOnAnyPage() async throws {
        // 250 projects (three pages), the first page all within reach of dana's team; closed membership.
        var org = OrgGenerator.generate(GeneratorSpec(teams: 2, projects: 250, members: 4, pendingEvery: 0, seed: 9))
        org.organization.openMembership = false
        org.members[0].email = "dana@example.com"
        org.members[0].role = "member"
        org.members[0].teams = [TeamMembership(slug: "team-1")]
        let slugs = org.projects.map(\.slug).sorted()
        let reachable = Set(slugs.prefix(100))
        for index in org.projects.indices {
            org.projects[index].teams = reachable.contains(org.projects[index].slug) ? ["team-1"] : ["team-2"]
        }
        org = org.canonicalized()
        var configuration = SimulatorConfiguration.testing
        configuration.tokens["dana"] = .user("dana@example.com")
        try await withSimulator(org, configuration: configuration) { simulator, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base, token: "dana"), organization: "acme").export()
            }
            #expect(error?.exitStatus == .unavailable)
            // Every project out of reach is named, though the first page had none.
            #expect(error?.description.contains("150 of 250 projects are out of reach") == true)
            let counts = simulator.metrics.current
            #expect(counts.byEndpoint["projects"] == 3)
            // No team roles, inventory or alerts before the whole list passed the check.
            // (`member` once: the caller's own membership, before the lists.)
            #expect(counts.byEndpoint["member"] == 1 && counts.byEndpoint["team-members"] == nil)
            #expect(counts.byEndpoint["combined-rules"] == nil)
            // Requests about projects were only ever about the first page's (no 403 from sentry.io).
            #expect(counts.byStatus[403] == nil, "\(counts.byStatus)")
        }
    }
}
