import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Settings, environments and security tokens through the exporter, against the simulator over HTTP:
/// stored project values from the projects list's `?options=` (never project details' defaults),
/// organization settings from its details, environments with the hidden flag per project.
@Suite(.timeLimit(.minutes(2))) struct SettingsExportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/snapshots/settings-hosted")

    @Test func exportCarriesEverySettingEnvironmentAndToken() async throws {
        let hosted = try SnapshotReader.read(from: Self.fixture, requireSecrets: false).snapshot
        try await withSimulator(hosted) { simulator, base in
            let client = ExportTests.client(base)
            let (exported, report) = try await Exporter(client: client, organization: "initech").exportWithReport()
            #expect(exported.organization.settings == hosted.organization.settings)
            #expect(exported.projects.map(\.settings) == hosted.projects.map(\.settings))
            #expect(exported.projects.map(\.environments) == hosted.projects.map(\.environments))
            // The simulator's projects with settings have a stored token (their settings page stored one).
            #expect(exported.projectSecrets.map(\.project) == ["api", "web"])
            #expect(exported.projectSecrets.allSatisfy { $0.securityToken.count == 32 })
            #expect(report.settingsLeftOut.isEmpty)
            let counts = simulator.metrics.current
            #expect(counts.byEndpoint["environments"] == hosted.projects.count)
            #expect(counts.byEndpoint["project"] == nil, "no project-details request: its values are defaults")
            #expect(counts.total == ExportTests.expectedRequests(hosted))
        }
    }

    @Test func environmentsEndpointRefusesAnUnknownVisibilityAsSentryDoes() async throws {
        let hosted = try SnapshotReader.read(from: Self.fixture, requireSecrets: false).snapshot
        try await withSimulator(hosted) { _, base in
            func get(_ query: String) async throws -> (Int, String) {
                var request = URLRequest(url: URL(string: "\(base)/api/0/projects/initech/web/environments/\(query)")!)
                request.setValue("Bearer \(testToken)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
            }
            let (status, body) = try await get("?visibility=secret")
            #expect(status == 400)
            #expect(body.contains("Invalid value for 'visibility', valid values are: ['all', 'hidden', 'visible']"))
            let (_, visible) = try await get("")
            #expect(visible.contains("\"production\"") && !visible.contains("\"staging\""), "hidden ones only with all")
            let (_, hidden) = try await get("?visibility=hidden")
            #expect(hidden.contains("\"staging\"") && hidden.contains("\"isHidden\":true"))
        }
    }
}
