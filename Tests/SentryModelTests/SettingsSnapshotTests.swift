import Foundation
import Testing

@testable import SentryModel

/// Settings, environments and security tokens in snapshot files: written and read back, checked
/// strictly with their positions, the tokens in `secrets/settings.json` (0600) only.
@Suite struct SettingsSnapshotTests {
    static func withSettings() -> Snapshot {
        var snapshot = SampleSnapshot.make()
        snapshot.organization.settings = SettingValues([
            "allowJoinRequests": .bool(false), "storeCrashReports": .number(-1),
            "relayPiiConfig": .string("{\"rules\":{}}"),
            "trustedRelays": .array([.object(["publicKey": .string("abc"), "name": .string("edge")])]),
        ])
        snapshot.projects[0].settings = SettingValues([
            "allowedDomains": .array([.string("https://a.example")]), "highlightContext": .object(["os": .array([])]),
        ])
        snapshot.projects[0].environments = ["production": false, "staging": true]
        snapshot.projectSecrets = [ProjectSecret(project: snapshot.projects[0].slug, securityToken: "s3cr3t-token")]
        return snapshot
    }

    @Test func settingsEnvironmentsAndTokensRoundTrip() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(Self.withSettings(), in: parent)
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.snapshot == Self.withSettings().canonicalized())
            #expect(try permissions(directory.appendingPathComponent("secrets/settings.json")) == 0o600)
            #expect(try !fileText(directory, "projects.json").contains("s3cr3t-token"))
            #expect(try fileText(directory, "manifest.json").contains("secrets/settings.json"))
        }
    }

    @Test func aSnapshotWithoutTokensHasNoSettingsSecretsFile() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            #expect(
                !FileManager.default.fileExists(atPath: directory.appendingPathComponent("secrets/settings.json").path))
            #expect(try !fileText(directory, "manifest.json").contains("settings.json"))
            #expect(try SnapshotReader.read(from: directory).snapshot.projectSecrets.isEmpty)
        }
    }

    @Test func unknownSettingsWrongValuesAndBadEnvironmentsAreReportedWithTheirPlace() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(Self.withSettings(), in: parent)
            try edit("organization.json", in: directory) {
                $0.replacingOccurrences(of: "\"allowJoinRequests\": false", with: "\"allowJoinRequest\": false")
                    .replacingOccurrences(of: "\"storeCrashReports\": -1", with: "\"storeCrashReports\": \"all\"")
            }
            try edit("projects.json", in: directory) {
                $0.replacingOccurrences(of: "\"staging\": true", with: "\"stag/ing\": true")
            }
            let error = try readFailure(directory)
            let lines = error.problems.map { "\($0.file) \($0.jsonPath ?? "-"): \($0.message)" }
            #expect(
                lines.contains(
                    "organization.json $.settings.allowJoinRequest: unknown setting 'allowJoinRequest'; did you mean 'allowJoinRequests'?"
                ))
            #expect(
                lines.contains("organization.json $.settings.storeCrashReports: storeCrashReports must be an integer"))
            #expect(
                lines.contains {
                    $0.hasPrefix("projects.json $[0].environments") && $0.contains("environment name 'stag/ing'")
                }, "\(lines)")
            let problem = try #require(error.problems.first { $0.jsonPath == "$.settings.storeCrashReports" })
            let text = try fileText(directory, "organization.json")
            let expected = try #require(position(of: "\"all\"", in: text))
            #expect(problem.line == expected.line && problem.column == expected.column)
        }
    }

    @Test func tokenProblemsNeverShowTheToken() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(Self.withSettings(), in: parent)
            try edit("secrets/settings.json", in: directory) {
                $0.replacingOccurrences(of: "\"securityToken\"", with: "\"s3cr3t-token-name\": 1, \"securityToken\"")
            }
            let error = try readFailure(directory)
            #expect(!error.description.contains("s3cr3t-token"))
            #expect(error.problems.contains { $0.file == "secrets/settings.json" && $0.kind == .unknownField })
        }
    }

    @Test func relayPiiConfigMustHoldAJSONObject() {
        let definition = SettingsCatalog.organizationByName["relayPiiConfig"]!
        #expect(definition.problem(with: .string("{\"rules\":{}}")) == nil)
        #expect(definition.problem(with: .string("None")) != nil, "what an old writer could leave")
        #expect(definition.problem(with: .object([:])) != nil, "Sentry stores JSON text, not an object")
    }
}
