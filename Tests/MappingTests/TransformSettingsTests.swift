import SentryModel
import Testing

@testable import Mapping

/// `settings:` overrides (issue 14 item 4): organization and per-project settings by slug pattern,
/// environments, each name and value checked with its position, and explained.
@Suite struct TransformSettingsTests {
    @Test func overridesSetAndRemoveSettingsAndAreExplained() throws {
        var snapshot = SampleOrganization.compatible
        snapshot.organization.settings = SettingValues(["scrapeJavaScript": .bool(true)])
        let api = try #require(snapshot.projects.firstIndex { $0.slug == "api" })
        snapshot.projects[api].settings = SettingValues(["resolveAge": .number(24), "subjectPrefix": .string("[api]")])
        snapshot.projects[api].environments = ["production": false, "staging": false]
        let yaml = """
            version: 1
            settings:
              organization:
                scrapeJavaScript: false
                sensitiveFields: [ssn, card]
                relayPiiConfig: {rules: {}, applications: {}}
              projects:
                "a*":
                  resolveAge: 0
                api:
                  subjectPrefix: ~
                  environments: {staging: true, production: ~, qa: false}
            """
        let output = try transformed(yaml, snapshot)
        let organization = output.snapshot.organization.settings
        #expect(organization?["scrapeJavaScript"] == .bool(false))
        #expect(organization?["sensitiveFields"] == .array([.string("ssn"), .string("card")]))
        #expect(organization?["relayPiiConfig"] == .string("{\"applications\":{},\"rules\":{}}"), "stored as JSON text")
        let result = try #require(output.snapshot.projects.first { $0.slug == "api" })
        #expect(result.settings == SettingValues(["resolveAge": .number(0)]), "later rules win; ~ removes")
        #expect(result.environments == ["qa": false, "staging": true])
        // The pattern reaches android too; a project no rule matches keeps what it had.
        #expect(output.snapshot.projects.first { $0.slug == "android" }?.settings?["resolveAge"] == .number(0))
        #expect(output.snapshot.projects.first { $0.slug == "checkout" }?.settings == nil)
        let explanations = output.explanations.map(\.description)
        #expect(
            explanations.contains(
                "m.yaml:4:5: settings.organization.scrapeJavaScript: organization 'acme': setting scrapeJavaScript → false"
            ))
        #expect(
            explanations.contains("m.yaml:9:7: settings.projects.a*.resolveAge: project 'api': setting resolveAge → 0"))
        #expect(
            explanations.contains(
                "m.yaml:11:7: settings.projects.api.subjectPrefix: project 'api': setting subjectPrefix → removed (the target's default applies)"
            ))
        #expect(
            explanations.contains(
                "m.yaml:12:22: settings.projects.api.environments.staging: project 'api': environment 'staging' → hidden"
            ))
        #expect(
            explanations.contains(
                "m.yaml:12:37: settings.projects.api.environments.production: project 'api': environment 'production' → not carried"
            ))
    }

    @Test func namesValuesAndEnvironmentsAreCheckedWithTheirPositions() {
        let yaml = """
            version: 1
            settings:
              organization:
                scrapeJavascript: false
                storeCrashReports: lots
              projects:
                api:
                  allowedDomains: https://acme.io
                  relayPiiConfig: "not json"
                  environments: {"a/b": true, prod: maybe}
                nope:
                  resolveAge: 1
            """
        #expect(
            messages(yaml) == [
                "m.yaml:4:5: error: unknown key 'scrapeJavascript' in settings.organization (did you mean 'scrapeJavaScript'?)",
                "m.yaml:5:24: error: settings.organization.storeCrashReports: storeCrashReports must be an integer",
                "m.yaml:8:23: error: settings.projects.api.allowedDomains: allowedDomains must be a list of strings",
                "m.yaml:9:23: error: settings.projects.api.relayPiiConfig: relayPiiConfig must be a string holding a JSON object (Sentry reads it with json.loads)",
                "m.yaml:10:22: error: settings.projects.api.environments: environment name 'a/b' holds a line break, form feed or '/', which Sentry refuses",
                "m.yaml:10:41: error: settings.projects.api.environments.prod must be true or false, found 'maybe'",
                "m.yaml:11:5: error: project 'nope' in settings.projects.nope is not in the snapshot",
            ])
    }

    @Test func aPatternThatMatchesNothingIsAWarning() throws {
        #expect(
            try warnings("version: 1\nsettings:\n  projects:\n    \"zz-*\": {resolveAge: 1}\n") == [
                "m.yaml:4:5: warning: pattern 'zz-*' in settings.projects.zz-* matches no project"
            ])
    }

    @Test func securityTokensFollowTheirProject() throws {
        var snapshot = SampleOrganization.compatible
        snapshot.projectSecrets = [
            ProjectSecret(project: "api", securityToken: "token-api"),
            ProjectSecret(project: "web", securityToken: "token-web"),
        ]
        let result = try transformed(
            "version: 1\nprojects:\n  rename: {api: backend-api}\n  exclude: [web]\n", snapshot
        ).snapshot
        #expect(result.projectSecrets == [ProjectSecret(project: "backend-api", securityToken: "token-api")])
    }
}
