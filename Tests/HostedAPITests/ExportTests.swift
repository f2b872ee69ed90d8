import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

/// The exporter against the simulator over real HTTP on loopback.
@Suite(.timeLimit(.minutes(3))) struct ExportTests {
    /// Several pages of every paginated kind: teams, members, team members, projects and, for
    /// project-1, keys.
    static let org: Snapshot = {
        var snapshot = OrgGenerator.generate(
            GeneratorSpec(teams: 130, projects: 210, members: 260, pendingEvery: 7, maxKeysPerProject: 3, seed: 11))
        for index in 0..<205 {
            let publicKey = String(format: "%032x", 0xabc000 + index)
            snapshot.keys.append(
                ClientKey(
                    project: "project-1", label: "bulk \(index)", publicKey: publicKey,
                    browserSdkVersion: "8.x", loaderOptions: LoaderOptions(), hostedProjectId: "3000000"))
            snapshot.secrets.append(
                KeySecret(publicKey: publicKey, secretKey: String(format: "%032x", 0xdef000 + index)))
        }
        // One big team, so its member list has pages too.
        for index in snapshot.members.indices
        where index < 150 && !snapshot.members[index].teams.contains(where: { $0.slug == "team-1" }) {
            snapshot.members[index].teams.append(TeamMembership(slug: "team-1", role: index % 2 == 0 ? "admin" : nil))
            snapshot.members[index].teams.sort { $0.slug < $1.slug }
        }
        return snapshot.canonicalized()
    }()

    static func client(_ base: URL, token: String = testToken) -> HostedClient {
        HostedClient(
            configuration: HostedClientConfiguration(
                baseURL: base, token: token, maxAttempts: 8, backoffBase: .milliseconds(5),
                backoffCap: .milliseconds(100), timeout: 30))
    }

    static func expectedRequests(_ snapshot: Snapshot) -> Int {
        RequestFormula.requests(
            teamMemberCounts: snapshot.teams.map { team in
                snapshot.members.filter { $0.teams.contains { $0.slug == team.slug } }.count
            },
            members: snapshot.members.count,
            keysPerProject: snapshot.projects.map { project in snapshot.keys.filter { $0.project == project.slug }.count
            })
    }

    @Test func exportReproducesTheOrganizationWithTheFormulasRequestCount() async throws {
        try await withSimulator(Self.org) { simulator, base in
            let client = Self.client(base)
            let exported = try await Exporter(client: client, organization: "acme").export()
            #expect(exported == Self.org)
            let counts = simulator.metrics.current
            #expect(counts.total == Self.expectedRequests(Self.org), "\(counts.byEndpoint)")
            #expect(client.requestsSent == counts.total)
            #expect(counts.byEndpoint["keys"] == 209 + 3)
            // Only the caller's own membership (`members/me/`, 404 for an integration's token).
            #expect(counts.byEndpoint["member"] == 1)
        }
    }

    @Test func memberDetailsAreUsedWhenCheaperThanTeamLists() async throws {
        // 40 teams of mostly empty lists, 12 members: 12 detail requests beat 40 list requests.
        let org = OrgGenerator.generate(GeneratorSpec(teams: 40, projects: 2, members: 12, seed: 5))
        try await withSimulator(org) { simulator, base in
            let exported = try await Exporter(client: Self.client(base), organization: "acme").export()
            #expect(exported == org)
            #expect(simulator.metrics.current.byEndpoint["member"] == 12 + 1)
            #expect(simulator.metrics.current.byEndpoint["team-members"] == nil)
            #expect(simulator.metrics.current.total == Self.expectedRequests(org))
        }
    }

    @Test func exportUnderFaultsIsByteIdenticalToAFaultFreeExport() async throws {
        let when = Date(timeIntervalSince1970: 1_780_000_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = folder.appendingPathComponent("clean")
        let faulty = folder.appendingPathComponent("faulty")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try await withSimulator(Self.org) { _, base in
            try await Exporter(client: Self.client(base), organization: "acme").export(to: clean, exportedAt: when)
        }
        var configuration = SimulatorConfiguration.testing
        configuration.faults = FaultRates(serverError: 0.10, rateLimited: 0.05, reset: 0.03, truncated: 0.03)
        configuration.faultSeed = 77
        try await withSimulator(Self.org, configuration: configuration) { simulator, base in
            try await Exporter(client: Self.client(base), organization: "acme").export(to: faulty, exportedAt: when)
            let counts = simulator.metrics.current
            #expect(
                counts.byStatus[500, default: 0] + counts.byStatus[502, default: 0] + counts.byStatus[503, default: 0]
                    > 0)
            #expect(counts.byStatus[429, default: 0] > 0)
            #expect(counts.disconnects > 0)
            // Every request of the formula but `members/me/`, which answers 404 to an integration's token.
            #expect(counts.successful >= Self.expectedRequests(Self.org) - 1)
        }
        // The manifests differ only in the source URL: each simulator had its own port.
        let manifests = try [clean, faulty].map { folder in
            try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8)
                .replacingOccurrences(of: #"127\.0\.0\.1:[0-9]+"#, with: "HOST", options: .regularExpression)
        }
        #expect(manifests[0] == manifests[1])
        for file in SnapshotFile.allCases.filter({ !$0.isOptional }).map(\.path) {
            let a = try Data(contentsOf: clean.appendingPathComponent(file))
            let b = try Data(contentsOf: faulty.appendingPathComponent(file))
            #expect(a == b, "\(file) differs")
        }
    }

    @Test func invalidTokenSaysSoAndExits69() async throws {
        try await withSimulator(Self.org) { _, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: Self.client(base, token: "sntryu_bad"), organization: "acme").export()
            }
            #expect(error?.exitStatus == .unavailable)
            #expect(error?.description.contains("401 Invalid token: the API token is invalid or expired") == true)
            #expect(error?.description.contains("sntryu_bad") == false)
        }
    }

    @Test func missingScopeIsNamed() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.tokens["no-members"] = ["org:read", "team:read", "project:read"]
        try await withSimulator(Self.org, configuration: configuration) { _, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: Self.client(base, token: "no-members"), organization: "acme").export()
            }
            #expect(error?.exitStatus == .unavailable)
            #expect(error?.description.contains("lacks the scope member:read") == true)
            #expect(error?.description.contains("internal integration") == true)
        }
    }

    @Test func unknownOrganizationIsAUsageError() async throws {
        try await withSimulator(Self.org) { _, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: Self.client(base), organization: "acme-typo").export()
            }
            #expect(error?.exitStatus == .usage)
            #expect(error?.description.contains("organization 'acme-typo' does not exist") == true)
        }
    }

    @Test func malformedAnswerFailsClearlyAndWritesNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = SimulatorConfiguration.testing
        configuration.malformedEndpoints = ["ownership"]
        try await withSimulator(Self.org, configuration: configuration) { _, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: Self.client(base), organization: "acme").export(to: folder)
            }
            #expect(error?.exitStatus == .dataError)
            #expect(
                error?.description.contains(
                    "/ownership/: unexpected answer at $.fallthrough: missing required field 'fallthrough'") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func stalledAnswersTimeOutAndAreRetried() async throws {
        let org = OrgGenerator.generate(GeneratorSpec(teams: 2, projects: 6, members: 4, seed: 8))
        var configuration = SimulatorConfiguration.testing
        configuration.faults = FaultRates(stall: 0.15, stallDuration: .seconds(3))
        configuration.faultSeed = 3
        try await withSimulator(org, configuration: configuration) { simulator, base in
            let client = HostedClient(
                configuration: HostedClientConfiguration(
                    baseURL: base, token: testToken, maxAttempts: 8, backoffBase: .milliseconds(5),
                    backoffCap: .milliseconds(50), timeout: 1))
            let exported = try await Exporter(client: client, organization: "acme").export()
            #expect(exported == org)
            #expect(client.requestsSent > Self.expectedRequests(org))
        }
    }

    /// Behaviour, not a count that depends on scheduling: the export completes equal to the
    /// organization; every request is answered 200 exactly once (429s are the only retries, and
    /// never more per request than `maxRateLimitWaits`, or the export would have failed); and once
    /// a 429 is seen, nothing new starts before the advertised reset, so any one window refuses at
    /// most the requests already in flight (the client stays under the concurrent limit). How few
    /// 429s pacing earns is a quality number for `make bench` (docs/performance.md), not a test.
    @Test func rateLimitedExportWaitsForTheWindowInsteadOfFailing() async throws {
        let org = OrgGenerator.generate(GeneratorSpec(teams: 3, projects: 30, members: 5, seed: 2))
        var configuration = SimulatorConfiguration.testing
        let concurrentLimit = 8
        configuration.rateLimit = RateLimitSettings(
            limit: 25, windowSeconds: 1, overrides: [:], concurrentLimit: concurrentLimit)
        try await withSimulator(org, configuration: configuration) { simulator, base in
            let client = Self.client(base)
            let exported = try await Exporter(client: client, organization: "acme").export()
            #expect(exported == org)
            let counts = simulator.metrics.current
            // Every request answered once (the caller's own membership is a 404 for an integration's
            // token); 429s are the only other answers.
            #expect(counts.byStatus[404] == 1 && counts.byEndpoint["member"] == 1)
            #expect(counts.successful + 1 == Self.expectedRequests(org), "each request once: \(counts.byStatus)")
            #expect(Set(counts.byStatus.keys).isSubset(of: [200, 404, 429]), "\(counts.byStatus)")
            #expect(client.requestsSent == counts.total, "the client retried only what the simulator saw")
            // The client sizes its concurrency below the advertised concurrent limit.
            let inFlight = await client.concurrency
            #expect(inFlight < concurrentLimit)
            for (window, refusals) in counts.refusalsByWindow {
                #expect(refusals <= inFlight, "window \(window) refused \(refusals): requests started after a 429")
            }
        }
    }
}
