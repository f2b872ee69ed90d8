import SentryModel
import Testing

@testable import Mapping

/// `environments.rename` (issue 12 item 2: environments renamable): hosted environment names become
/// self-hosted ones on every project, in `defaultEnvironment` and in the alert rules that name them.
@Suite struct TransformEnvironmentTests {
    static var snapshot: Snapshot {
        var snapshot = SampleOrganization.compatible
        let api = snapshot.projects.firstIndex { $0.slug == "api" }!
        snapshot.projects[api].environments = ["production": false, "prod": true, "staging": true]
        snapshot.projects[api].settings = SettingValues(["defaultEnvironment": .string("production")])
        let web = snapshot.projects.firstIndex { $0.slug == "web" }!
        snapshot.projects[web].environments = ["production": true]
        snapshot.rules = [
            IssueAlertRule(project: "api", name: "Prod errors", environment: "production", hostedId: "1"),
            IssueAlertRule(project: "web", name: "Any", hostedId: "2"),
        ]
        // Only a metric alert names 'canary': it may be renamed too.
        snapshot.metricAlerts = [
            MetricAlert(projects: ["web"], name: "Errors", environment: "production", hostedId: "11"),
            MetricAlert(projects: ["api"], name: "Canary", environment: "canary", hostedId: "12"),
        ]
        return snapshot
    }

    @Test func renamesReachProjectsDefaultEnvironmentAndRules() throws {
        let yaml = """
            version: 1
            environments:
              rename:
                production: prod
                staging: stage
                canary: early
            """
        let output = try transformed(yaml, Self.snapshot)
        let api = try #require(output.snapshot.projects.first { $0.slug == "api" })
        // 'production' (visible) merges into 'prod' (hidden): one visible side keeps it visible.
        #expect(api.environments == ["prod": false, "stage": true])
        #expect(api.settings?["defaultEnvironment"] == .string("prod"))
        #expect(output.snapshot.projects.first { $0.slug == "web" }?.environments == ["prod": true])
        #expect(output.snapshot.rules.first { $0.name == "Prod errors" }?.environment == "prod")
        #expect(output.snapshot.rules.first { $0.name == "Any" }?.environment == nil)
        #expect(output.snapshot.metricAlerts.first { $0.name == "Errors" }?.environment == "prod")
        #expect(output.snapshot.metricAlerts.first { $0.name == "Canary" }?.environment == "early")
        let explanations = output.explanations.map(\.description)
        #expect(
            explanations.contains("m.yaml:4:5: environments.rename: project 'api': environment 'production' → 'prod'"))
        #expect(
            explanations.contains("m.yaml:5:5: environments.rename: project 'api': environment 'staging' → 'stage'"))
        #expect(
            explanations.contains(
                "m.yaml:4:5: environments.rename: alert rule 'Prod errors' of project 'api': environment 'production' → 'prod'"
            ))
    }

    @Test func unknownAndInvalidNamesAreErrorsWithTheirPositions() {
        let yaml = """
            version: 1
            environments:
              rename:
                prodution: prod
                staging: "qa/1"
                stage: [x]
              renames: {}
            """
        #expect(
            messages(yaml, against: Self.snapshot) == [
                "m.yaml:4:5: error: environment 'prodution' in environments.rename is not in the snapshot (did you mean 'production'?)",
                "m.yaml:5:14: error: environments.rename: environment name 'qa/1' holds a line break, form feed or '/', which Sentry refuses",
                "m.yaml:6:12: error: environments.rename.stage must be a string, found a list",
                "m.yaml:7:3: error: unknown key 'renames' in environments (did you mean 'rename'?)",
            ])
    }

    @Test func settingsThatNameARenamedEnvironmentAreWarned() throws {
        let yaml = """
            version: 1
            environments:
              rename: {production: prod}
            settings:
              projects:
                api:
                  environments: {production: true}
            """
        #expect(
            try warnings(yaml, against: Self.snapshot) == [
                "m.yaml:7:22: warning: settings.projects.api.environments names 'production', which environments.rename turns into 'prod'"
            ])
    }
}
