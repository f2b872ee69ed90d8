import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Organizations shaped like real ones: records the serializers answer with nulls, requests that
/// the members list leaves out, changes during the export, broken paging, shared rate limits.
@Suite(.timeLimit(.minutes(3))) struct OddOrganizationTests {
    static let org = OrgGenerator.generate(GeneratorSpec(teams: 4, projects: 6, members: 12, seed: 21))

    @Test func aMemberWithoutEmailIsLeftOutByIdAndANullSecretIsCarried() async throws {
        var configuration = SimulatorConfiguration.testing
        let service = Self.org.members.first { !$0.pending }!
        let key = Self.org.keys[0]
        configuration.membersWithoutEmail = [service.email]
        configuration.keysWithoutSecret = [key.publicKey]
        try await withSimulator(Self.org, configuration: configuration) { _, base in
            let (snapshot, report) = try await Exporter(client: ExportTests.client(base), organization: "acme")
                .exportWithReport()
            #expect(report.leftOutMembers.map(\.hostedId) == [service.hostedId])
            #expect(report.leftOutMembers.first?.reason.contains("no e-mail") == true)
            #expect(!snapshot.members.contains { $0.hostedId == service.hostedId })
            #expect(snapshot.members.count == Self.org.members.count - 1)
            #expect(report.keysWithoutSecret == [key.publicKey])
            #expect(snapshot.keys.contains(key))
            #expect(snapshot.secrets.contains(KeySecret(publicKey: key.publicKey, secretKey: nil)))
            #expect(snapshot.secrets.count == Self.org.secrets.count)
        }
    }

    @Test func whatIsNotCarriedIsCountedWithAFewOrganizationRequests() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.notCarried = ["integrations": 3, "combined-rules": 250, "dashboards": 7, "searches": 0]
        try await withSimulator(Self.org, configuration: configuration) { simulator, base in
            let (_, report) = try await Exporter(client: ExportTests.client(base), organization: "acme")
                .exportWithReport()
            let counts = Dictionary(uniqueKeysWithValues: report.notCarried.map { ($0.kind.name, $0.count) })
            #expect(counts["integrations"] == 3 && counts["uptimeMonitors"] == 250 && counts["dashboards"] == 7)
            #expect(counts["cronMonitors"] == 0 && counts["codeMappings"] == 0 && counts["savedSearches"] == 0)
            // 250 alert rules take 3 pages; every other list one.
            #expect(simulator.metrics.current.byEndpoint["combined-rules"] == 3)
            #expect(
                simulator.metrics.current.total
                    == ExportTests.expectedRequests(Self.org) - RequestFormula.inventory([])
                    + RequestFormula.inventory([3, 250, 7, 0, 0, 0]))
        }
    }

    @Test func inviteRequestsAreNotInTheMemberList() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.inviteRequests = ["wants-in@example.com", "asked@example.com"]
        try await withSimulator(Self.org, configuration: configuration) { simulator, base in
            #expect(simulator.org.inviteRequestCount == 2)
            var request = URLRequest(url: base.appendingPathComponent("api/0/organizations/acme/members/"))
            request.setValue("Bearer \(testToken)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            #expect(!String(decoding: data, as: UTF8.self).contains("wants-in@example.com"))
            let exported = try await Exporter(client: ExportTests.client(base), organization: "acme").export()
            #expect(exported == Self.org)
        }
    }

    @Test func aTeamCreatedDuringTheExportEndsItWithExit75() async throws {
        // 40 teams and 12 members: team roles come from member details, after the lists.
        let org = OrgGenerator.generate(GeneratorSpec(teams: 40, projects: 2, members: 12, seed: 5))
        var configuration = SimulatorConfiguration.testing
        configuration.changeAfterRequests = 6
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("changed-\(UUID().uuidString)")
        try await withSimulator(org, configuration: configuration) { _, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base), organization: "acme").export(to: folder)
            }
            #expect(error?.exitStatus == .temporaryFailure)
            #expect(error?.description.contains("'new-team', which the teams list did not have") == true)
            #expect(error?.description.contains("next: Run the export again.") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func membersWhoseEmailsDifferOnlyByCaseAreNamedBoth() async throws {
        var changed = Self.org
        let first = changed.members[0]
        changed.members[1].email = first.email.uppercased()
        let second = changed.members[1]
        try await withSimulator(changed) { _, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base), organization: "acme").export()
            }
            #expect(error?.exitStatus == .dataError)
            let text = error?.description ?? ""
            #expect(text.contains("member \(first.hostedId!) (\(first.email))"))
            #expect(text.contains("member \(second.hostedId!) (\(second.email))"))
            #expect(text.contains("Fix it on sentry.io"))
        }
    }

    @Test func aListThatNeverEndsIsStoppedWithinAFewPages() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.endlessEndpoints = ["teams"]
        try await withSimulator(Self.org, configuration: configuration) { simulator, base in
            let error = await #expect(throws: HostedAPIError.self) {
                try await Exporter(client: ExportTests.client(base), organization: "acme").export()
            }
            #expect(error?.exitStatus == .dataError)
            #expect(error?.description.contains("still promises more") == true)
            #expect(simulator.metrics.current.byEndpoint["teams"] == 1 + HostedClient.emptyPagesTolerated)
        }
    }

    /// The limits sentry.io applies, scaled down so a small organization meets them: one shared
    /// counter per caller, and the members and keys lists on counters of their own.
    @Test func underSharedLimitsTheExportStaysWithinFivePercentOfTheMinimum() async throws {
        let org = OrgGenerator.generate(GeneratorSpec(teams: 6, projects: 60, members: 30, seed: 12))
        var configuration = SimulatorConfiguration.testing
        configuration.rateLimit = RateLimitSettings(
            limit: 50, windowSeconds: 1, overrides: ["members": 8, "keys": 8], concurrentLimit: 25)
        try await withSimulator(org, configuration: configuration) { simulator, base in
            let exported = try await Exporter(client: ExportTests.client(base), organization: "acme").export()
            #expect(exported == org)
            let minimum = ExportTests.expectedRequests(org)
            let sent = simulator.metrics.current.total
            #expect(Double(sent) <= 1.05 * Double(minimum), "\(sent) requests for a minimum of \(minimum)")
        }
    }
}
