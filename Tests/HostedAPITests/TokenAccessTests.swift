import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Which tokens can export what, against the simulator's copy of Sentry's permission checks.
@Suite(.timeLimit(.minutes(3))) struct TokenAccessTests {
    /// Closed membership; dana (member) is on team-1 only, so she reaches project-1, project-4 and
    /// project-7 of eight projects; olga owns the organization.
    static let org: Snapshot = {
        var snapshot = OrgGenerator.generate(GeneratorSpec(teams: 3, projects: 8, members: 6, pendingEvery: 0, seed: 4))
        snapshot.organization.openMembership = false
        snapshot.members[0].email = "dana@example.com"
        snapshot.members[0].role = "member"
        snapshot.members[0].teams = [TeamMembership(slug: "team-1")]
        snapshot.members[1].email = "olga@example.com"
        snapshot.members[1].role = "owner"
        snapshot.members[1].teams = []
        return snapshot.canonicalized()
    }()

    static func configuration(_ tokens: [String: SimulatedToken]) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration.testing
        configuration.tokens.merge(tokens) { $1 }
        return configuration
    }

    @Test func aMembersTokenInAClosedOrganizationStopsBeforeThePerProjectRequests() async throws {
        let configuration = Self.configuration(["dana": .user("dana@example.com")])
        try await withSimulator(Self.org, configuration: configuration) { simulator, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base, token: "dana"), organization: "acme").export()
            }
            #expect(error?.exitStatus == .unavailable)
            let text = error?.description ?? ""
            #expect(text.contains("a 'member' of the organization and Open Membership is off"))
            #expect(
                text.contains(
                    "5 of 8 projects are out of reach (project-2, project-3, project-5, project-6, project-8)"))
            #expect(text.contains("Owner or Manager"))
            let counts = simulator.metrics.current
            // index, organization, me, teams, members, projects: no keys, filters or ownership.
            #expect(counts.total == 6)
            #expect(counts.byEndpoint["keys"] == nil && counts.byEndpoint["filters"] == nil)
        }
    }

    @Test func theSameMemberExportsWhenTheOrganizationHasOpenMembership() async throws {
        var changed = Self.org
        changed.organization.openMembership = true
        let open = changed
        try await withSimulator(open, configuration: Self.configuration(["dana": .user("dana@example.com")])) {
            _, base in
            let exported = try await Exporter(client: ExportTests.client(base, token: "dana"), organization: "acme")
                .export()
            #expect(exported == open)
        }
    }

    @Test func anOwnersTokenExportsEverythingInTheFormulasRequests() async throws {
        try await withSimulator(Self.org, configuration: Self.configuration(["olga": .user("olga@example.com")])) {
            simulator, base in
            let exported = try await Exporter(client: ExportTests.client(base, token: "olga"), organization: "acme")
                .export()
            #expect(exported == Self.org)
            #expect(simulator.metrics.current.total == ExportTests.expectedRequests(Self.org))
            #expect(simulator.metrics.current.byStatus[403] == nil)
        }
    }

    @Test func anInternalIntegrationsTokenReachesEveryProject() async throws {
        try await withSimulator(Self.org, configuration: Self.configuration(["integration": .integration()])) {
            simulator, base in
            let exported = try await Exporter(
                client: ExportTests.client(base, token: "integration"), organization: "acme"
            ).export()
            #expect(exported == Self.org)
            // Its proxy user has no membership: `members/me/` answers 404 and that is expected.
            #expect(simulator.metrics.current.byStatus[404] == 1)
        }
    }

    @Test func anOrganizationAuthTokenIsNamedAfterOneRequest() async throws {
        // Made up, in the shape of an org auth token; split so no committed line looks like a real one.
        let token = "sntrys_" + "eyJpYXQiOjE3MDAwMDAwMDB9_abcdef"
        try await withSimulator(Self.org, configuration: Self.configuration([token: .organizationAuth])) {
            simulator, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base, token: token), organization: "acme").export()
            }
            #expect(error == .organizationToken)
            #expect(error?.description.contains("organization auth token (sntrys_…)") == true)
            #expect(error?.description.contains("org:ci") == true)
            #expect(error?.description.contains(token) == false)
            #expect(simulator.metrics.current.total == 1)
        }
    }

    @Test func aTokenWithoutMemberReadIsStoppedByTheIndexAlone() async throws {
        let configuration = Self.configuration(["narrow": ["org:read", "team:read", "project:write"]])
        try await withSimulator(Self.org, configuration: configuration) { simulator, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base, token: "narrow"), organization: "acme").export()
            }
            #expect(
                error == .missingScopes(missing: ["member:read"], held: ["org:read", "project:write", "team:read"]))
            #expect(simulator.metrics.current.total == 1)
        }
    }

    @Test func theSimulatorRefusesWhatSentryRefuses() async throws {
        let configuration = Self.configuration([
            "dana": .user("dana@example.com"), "ci": .organizationAuth,
            "dana-narrow": .user("dana@example.com", scopes: ["org:read"]),
        ])
        try await withSimulator(Self.org, configuration: configuration) { _, base in
            func status(_ path: String, _ token: String) async throws -> Int {
                var request = URLRequest(url: URL(string: base.absoluteString + path)!)
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                let (_, response) = try await URLSession.shared.data(for: request)
                return (response as? HTTPURLResponse)?.statusCode ?? 0
            }
            // Team-based project access (ProjectPermission → has_project_access).
            let reachable = try await status("/api/0/projects/acme/project-1/keys/", "dana")
            let unreachable = try await status("/api/0/projects/acme/project-2/keys/", "dana")
            let otherTeam = try await status("/api/0/teams/acme/team-2/members/", "dana")
            #expect((reachable, unreachable, otherTeam) == (200, 403, 403))
            // Member details do not depend on teams (RelaxedMemberPermission).
            let me = try await status("/api/0/organizations/acme/members/me/", "dana")
            #expect(me == 200)
            // org:ci satisfies no read endpoint.
            let ci = try await status("/api/0/organizations/acme/", "ci")
            #expect(ci == 403)
            // The token's own scopes are checked first.
            let narrowMembers = try await status("/api/0/organizations/acme/members/", "dana-narrow")
            let narrowOrg = try await status("/api/0/organizations/acme/", "dana-narrow")
            #expect((narrowMembers, narrowOrg) == (403, 200))
        }
    }
}
