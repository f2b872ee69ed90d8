import SentryModel
import Testing

@testable import Planning

/// Settings, environments and security tokens in the plan (issue 14 item 5): field by field,
/// what the target cannot hold left out with a note, target-only environments kept, credentials
/// shown by digest only, caches named with their refresh commands.
@Suite struct SettingsDiffTests {
    /// A target without the flag settings (as 23.x): otherwise a current organization that does not
    /// name them would read as wanting their defaults written.
    private static let withoutFlags = TargetFacts(organizationSettingsNotHeld: [
        "allowMemberInvite": "no such flag", "allowMemberProjectCreation": "no such flag",
    ])

    private func diff(_ desired: Snapshot, _ current: Snapshot?, facts: TargetFacts = withoutFlags) throws
        -> [EntityChange]
    {
        try Differ.changes(desired: desired, current: current, facts: facts)
    }

    private var base: Snapshot {
        Snapshot(
            organization: Organization(slug: "acme", name: "Acme"),
            projects: [Project(slug: "web", name: "Web")])
    }

    @Test func eachSettingAndEnvironmentIsItsOwnField() throws {
        var current = base
        current.projects[0].settings = SettingValues(["resolveAge": .number(24), "verifySSL": .bool(true)])
        current.projects[0].environments = ["production": false]
        var desired = base
        desired.projects[0].settings = SettingValues(["resolveAge": .number(48), "subjectPrefix": .string("")])
        desired.projects[0].environments = ["production": false, "staging": true]
        let change = try #require(try diff(desired, current).first { $0.stage == .projects })
        #expect(change.action == .update)
        #expect(
            change.fields == [
                FieldChange(field: "environments.staging", before: .null, after: .bool(true)),
                FieldChange(field: "settings.resolveAge", before: .number(24), after: .number(48)),
                FieldChange(field: "settings.subjectPrefix", before: .null, after: .string("")),
                FieldChange(field: "settings.verifySSL", before: .bool(true), after: .null),
            ])
        #expect(change.notes.contains { $0.contains("sentry_projectoptions:<id>") && $0.contains("restart relay") })
        #expect(change.notes.contains { $0.contains("env:2:<org id>") })
    }

    @Test func environmentsOnlyTheTargetHasAreKept() throws {
        var current = base
        current.projects[0].environments = ["canary": false, "production": true]
        var desired = base
        desired.projects[0].environments = ["production": true]
        #expect(try diff(desired, current).isEmpty)
    }

    @Test func settingsTheTargetLacksAreLeftOutWithANote() throws {
        var desired = base
        desired.organization.settings = SettingValues(["allowMemberInvite": .bool(false), "dataScrubber": .bool(true)])
        desired.projects[0].settings = SettingValues(["highlightTags": .array([.string("url")])])
        let facts = TargetFacts(
            organizationSettingsNotHeld: ["allowMemberInvite": "no such flag", "allowMemberProjectCreation": "none"],
            projectSettingsNotHeld: ["highlightTags": "23.x has none"])
        let changes = try diff(desired, nil, facts: facts)
        let organization = try #require(changes.first { $0.stage == .organization })
        #expect(organization.fields.map(\.field).contains("settings.dataScrubber"))
        #expect(!organization.fields.map(\.field).contains("settings.allowMemberInvite"))
        #expect(organization.notes.contains("setting allowMemberInvite is not carried: no such flag"))
        let project = try #require(changes.first { $0.stage == .projects })
        #expect(!project.fields.contains { $0.field.hasPrefix("settings.") })
        #expect(project.notes.contains("setting highlightTags is not carried: 23.x has none"))
        // On such a target the same snapshot plans nothing more once applied.
        var applied = desired
        applied.organization.settings = SettingValues(["dataScrubber": .bool(true)])
        applied.projects[0].settings = nil
        #expect(try diff(desired, applied, facts: facts).isEmpty)
    }

    @Test func aFlagSettingAtItsDefaultIsTheSameAsNone() throws {
        // A flag bit reads back only when set (the setting false): naming the default asks for nothing.
        var desired = base
        desired.organization.settings = SettingValues(["allowMemberInvite": .bool(true)])
        #expect(try diff(desired, base, facts: TargetFacts()).isEmpty)
        var current = base
        current.organization.settings = SettingValues(["allowMemberInvite": .bool(false)])
        let change = try #require(try diff(desired, current, facts: TargetFacts()).first)
        #expect(
            change.fields == [FieldChange(field: "settings.allowMemberInvite", before: .bool(false), after: .null)])
    }

    @Test func aSecurityTokenIsComparedByValueAndShownByDigestOnly() throws {
        var desired = base
        desired.projectSecrets = [ProjectSecret(project: "web", securityToken: "new-token-value")]
        var current = base
        current.projectSecrets = [ProjectSecret(project: "web", securityToken: "old-token-value")]
        let change = try #require(try diff(desired, current).first)
        let field = try #require(change.fields.first)
        #expect(field.field == "securityToken" && field.sensitive)
        #expect(field.before == nil && field.after == nil)
        #expect(field.beforeDigest != nil && field.afterDigest != nil && field.beforeDigest != field.afterDigest)
        let text = PlanText.render(
            Plan(
                createdAt: .init(timeIntervalSince1970: 0), organization: "acme",
                snapshot: .init(path: "d", manifestSHA256: ""),
                target: .init(location: "db", profile: "p", fingerprint: "", entityDigests: [:]),
                selection: Plan.Selection(), changes: [change]))
        #expect(text.contains("securityToken: (sensitive: changed)"))
        #expect(!text.contains("new-token-value") && !text.contains("old-token-value"))
        // No token in the snapshot: the target keeps (or mints) its own.
        current.projectSecrets = [ProjectSecret(project: "web", securityToken: "target-token")]
        #expect(try diff(base, current).isEmpty)
    }
}
