import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Issue alert rules through plan → apply → read → verify → plan, on every profile that evaluates
/// them from `sentry_rule` (26.x, where the workflow engine evaluates them: ApplyWorkflowEngineTests).
@Suite(.requiresDatabase) struct ApplyRuleTests {
    static let slack = IntegrationReference(provider: "slack", externalId: "T0ACME")

    static func node(_ fields: [String: JSONValue]) -> JSONValue { .object(fields) }

    /// Two rules of one name (ordinals 1 and 2), a renamed-team target, a member target, an
    /// environment, an owner team and an owner member.
    static var rules: [IssueAlertRule] {
        [
            IssueAlertRule(
                project: "api", name: "Notify backend", ordinal: 1, environment: "production", actionMatch: "any",
                filterMatch: "all", frequency: 60,
                conditions: [node(["id": .string("sentry.rules.conditions.first_seen_event.FirstSeenEventCondition")])],
                filters: [
                    node([
                        "id": .string("sentry.rules.filters.level.LevelFilter"), "match": .string("gte"),
                        "level": .string("40"),
                    ]),
                    node([
                        "id": .string(AlertNodes.assignedToFilter), "targetType": .string("Team"),
                        "targetTeam": .string("backend"),
                    ]),
                ],
                actions: [
                    node([
                        "id": .string(AlertNodes.emailAction), "targetType": .string("Team"),
                        "targetTeam": .string("backend"), "fallthroughType": .string("ActiveMembers"),
                    ]),
                    node([
                        "id": .string(AlertNodes.emailAction), "targetType": .string("Member"),
                        "targetMember": .string("alice@example.com"), "fallthroughType": .string("NoOne"),
                    ]),
                ],
                ownerTeam: "backend", createdBy: "alice@example.com", hostedId: "7001"),
            IssueAlertRule(
                project: "api", name: "Notify backend", ordinal: 2, enabled: false,
                conditions: [
                    node([
                        "id": .string("sentry.rules.conditions.event_frequency.EventFrequencyCondition"),
                        "value": .number(100), "interval": .string("1h"), "comparisonType": .string("count"),
                    ])
                ],
                actions: [
                    node([
                        "id": .string(AlertNodes.emailAction), "targetType": .string("IssueOwners"),
                        "targetIdentifier": .string(""), "fallthroughType": .string("ActiveMembers"),
                    ])
                ],
                ownerMember: "carol@example.com", hostedId: "10000000042"),
        ]
    }

    static func slackRule(_ policy: MissingIntegrationPolicy?) -> IssueAlertRule {
        IssueAlertRule(
            project: "web", name: "Page #ops on Slack", frequency: 5,
            conditions: [node(["id": .string("sentry.rules.conditions.every_event.EveryEventCondition")])],
            actions: [
                node([
                    "id": .string("sentry.integrations.slack.notify_action.SlackNotifyServiceAction"),
                    "channel": .string("#ops"), "channel_id": .string("C012AB3CD"), "tags": .string("level"),
                    "targetIntegration": .object([
                        "provider": .string(slack.provider), "externalId": .string(slack.externalId),
                    ]),
                ]),
                node([
                    "id": .string(AlertNodes.emailAction), "targetType": .string("IssueOwners"),
                    "targetIdentifier": .string(""), "fallthroughType": .string("ActiveMembers"),
                ]),
            ], missingIntegration: policy)
    }

    static func desired(_ rules: [IssueAlertRule]) -> Snapshot {
        var snapshot = DesiredOrganization.snapshot
        snapshot.rules = rules
        return snapshot.canonicalized()
    }

    static func withoutProvenance(_ rules: [IssueAlertRule]) -> [IssueAlertRule] {
        rules.map {
            var rule = $0
            rule.hostedId = nil
            rule.createdBy = nil
            rule.missingIntegration = nil
            return rule
        }
    }

    /// Everything but the rules first, so that tests can install integrations on the new organization.
    static let allButRules = Stage.allCases.filter { $0 != .rules }

    @Test(arguments: [SchemaFixture.v23, .v24, .v25])
    func rulesRoundTrip(_ fixture: SchemaFixture) throws {
        let desired = Self.desired(Self.rules)
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let plan = try ApplyScratch.plan(desired, on: database)
            let planned = plan.changes.filter { $0.stage == .rules }
            #expect(planned.map(\.key) == ["api/Notify backend#1", "api/Notify backend#2"])
            #expect(planned.allSatisfy { $0.action == .create })
            let fields = Set(planned[0].fields.map(\.field))
            #expect(fields.isSuperset(of: ["conditions", "filters", "actions", "frequency", "environment"]))
            #expect(planned[0].notes.contains { $0.contains("environment 'production'") })

            try ApplyScratch.planAndApply(desired, on: database)
            let read = try ApplyScratch.read(database)
            #expect(Self.withoutProvenance(read.rules) == Self.withoutProvenance(desired.rules))
            #expect(read.rules.map(\.createdBy) == ["alice@example.com", nil])

            let again = try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }
            #expect(again.isEmpty, "a second plan after apply has changes: \(again)")
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)

            let db = try scratch.connect()
            // One CREATED activity per rule, with the creator's user where it has one.
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_ruleactivity WHERE type = 1") == 2)
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_environment e JOIN sentry_environmentproject ep ON ep.environment_id = e.id
                    WHERE e.name = 'production' AND ep.is_hidden IS NULL
                    """) == 1)
            let row = try db.query(
                """
                SELECT r.data, r.status, t.id AS team FROM sentry_rule r, sentry_team t
                WHERE r.label = 'Notify backend' AND t.slug = 'backend' ORDER BY r.id LIMIT 1
                """)[0]
            let team = try row.int64("team")
            let data = try row.string("data")
            // The ORM's encoding: compact, filters merged into conditions, integer targets.
            #expect(data.hasPrefix(#"{"filter_match":"all","action_match":"any","actions":[{"#))
            #expect(data.contains(#""targetIdentifier":\#(team),"targetType":"Team""#))
            #expect(data.hasSuffix(#""frequency":60}"#))
            #expect(data.contains("sentry.rules.filters.level.LevelFilter"))
            #expect(!data.contains(" "), "no whitespace between tokens: \(data)")
            #expect(data.contains(#""uuid":"#) == (fixture != .v23), "24.x+ gives every action a uuid")
            if fixture == .v23 {
                // 23.x owners are actors: the team's own.
                #expect(
                    try ApplyScratch.count(
                        db,
                        """
                        SELECT count(*) FROM sentry_rule r JOIN sentry_team t ON t.actor_id = r.owner_id
                        WHERE t.slug = 'backend'
                        """) == 1)
            } else {
                #expect(
                    try ApplyScratch.count(
                        db, "SELECT count(*) FROM sentry_rule WHERE owner_team_id = \(team) AND owner_user_id IS NULL")
                        == 1)
            }
        }
    }

    @Test func aChangedRuleIsUpdatedFieldByField() throws {
        try ApplyScratch.withTarget(.v24) { _, database in
            try ApplyScratch.planAndApply(Self.desired(Self.rules), on: database)
            var changed = Self.rules
            changed[0].frequency = 1440
            changed[0].environment = "staging"
            let desired = Self.desired(changed)
            let plan = try ApplyScratch.plan(desired, on: database)
            let update = try #require(plan.changes.first { $0.stage == .rules })
            #expect(update.action == .update)
            #expect(update.fields.map(\.field) == ["environment", "frequency"])
            try ApplyScratch.planAndApply(desired, on: database)
            let read = try ApplyScratch.read(database)
            #expect(read.rules[0].frequency == 1440 && read.rules[0].environment == "staging")
            #expect(try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }.isEmpty)
        }
    }

    /// A rule disabled (or re-enabled) on sentry.io is an update of one field, `enabled`, which is
    /// `sentry_rule.status` (ObjectStatus ACTIVE 0 / DISABLED 1): the row is kept, its id too, and
    /// a disabled rule is not among what `Rule.get_for_project` (status ACTIVE) hands the processor.
    @Test(arguments: [SchemaFixture.v23, .v25])
    func aStatusChangeIsAnUpdateOfTheSameRow(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(Self.desired(Self.rules), on: database)
            let db = try scratch.connect()
            let firstId: SQL = "SELECT min(id) AS count FROM sentry_rule WHERE label = 'Notify backend'"
            let id = try ApplyScratch.count(db, firstId)
            for enabled in [false, true] {
                var changed = Self.rules
                changed[0].enabled = enabled
                let desired = Self.desired(changed)
                let plan = try ApplyScratch.plan(desired, on: database)
                let update = try #require(plan.changes.first { $0.stage == .rules && $0.action != .keep })
                #expect(update.key == "api/Notify backend#1" && update.action == .update)
                #expect(update.fields.map(\.field) == ["enabled"])
                #expect(update.fields.first?.after == .bool(enabled))
                try ApplyScratch.planAndApply(desired, on: database)
                #expect(try ApplyScratch.count(db, firstId) == id, "the same row, not a new one")
                #expect(
                    try ApplyScratch.count(db, "SELECT status AS count FROM sentry_rule WHERE id = \(id)")
                        == (enabled ? 0 : 1))
                // What `Rule.get_for_project` reads: `status=ObjectStatus.ACTIVE`.
                let fired = try ApplyScratch.count(
                    db, "SELECT count(*) FROM sentry_rule WHERE id = \(id) AND status = 0")
                #expect(fired == (enabled ? 1 : 0))
                #expect(try ApplyScratch.read(database).rules[0].enabled == enabled)
                #expect(try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }.isEmpty)
            }
        }
    }

    @Test func aMemberWhoIsOnlyInvitedCannotBeARuleTarget() throws {
        var rule = Self.rules[0]
        rule.actions = [
            Self.node([
                "id": .string(AlertNodes.emailAction), "targetType": .string("Member"),
                "targetMember": .string("bob@example.com"), "fallthroughType": .string("NoOne"),
            ])
        ]
        try ApplyScratch.withTarget(.v23) { _, database in
            #expect {
                try ApplyScratch.plan(Self.desired([rule]), on: database)
            } throws: { error in
                (error as? AlertPlanningError)?.description.contains("bob@example.com") == true
            }
        }
    }

    // MARK: Integrations

    static func installSlack(_ scratch: TestDatabase.Scratch, active: Bool = true) throws -> Int64 {
        let db = try scratch.connect()
        let integration = try db.query(
            """
            INSERT INTO sentry_integration (provider, external_id, name, metadata, status, date_added, date_updated)
            VALUES ('slack', 'T0ACME', 'Acme', '{}', 0, now(), now()) RETURNING id
            """)[0].int64("id")
        try db.execute(
            """
            INSERT INTO sentry_organizationintegration (config, status, integration_id, organization_id, date_added,
                date_updated)
            SELECT '{}', \(active ? 0 : 1), \(integration), id, now(), now() FROM sentry_organization WHERE slug = 'acme-io'
            """)
        return integration
    }

    @Test func aSlackActionWithoutTheIntegrationStopsThePlan() throws {
        let desired = Self.desired([Self.slackRule(nil)])
        try ApplyScratch.withTarget(.v24) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database, stages: Self.allButRules)
            // Installed but disabled on the organization counts as missing, as `get_integration` sees it.
            _ = try Self.installSlack(scratch, active: false)
            #expect {
                try ApplyScratch.plan(desired, on: database)
            } throws: { error in
                let text = (error as? AlertPlanningError)?.description ?? ""
                return text.contains("web/Page #ops on Slack#1") && text.contains("slack integration T0ACME")
            }
        }
    }

    @Test(arguments: [MissingIntegrationPolicy.drop, .disable])
    func aSlackActionWithoutTheIntegrationFollowsThePolicy(_ policy: MissingIntegrationPolicy) throws {
        let desired = Self.desired([Self.slackRule(policy)])
        try ApplyScratch.withTarget(.v23) { _, database in
            try ApplyScratch.planAndApply(desired, on: database, stages: Self.allButRules)
            let plan = try ApplyScratch.plan(desired, on: database)
            let change = try #require(plan.changes.first { $0.stage == .rules })
            #expect(change.notes.contains { $0.contains("SlackNotifyServiceAction") && $0.contains(policy.rawValue) })
            try ApplyScratch.planAndApply(desired, on: database)
            let rule = try #require(try ApplyScratch.read(database).rules.first)
            switch policy {
            case .drop:
                #expect(rule.actions.count == 1 && rule.enabled)
            default:
                #expect(rule.actions.count == 2 && !rule.enabled)
            }
            #expect(try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }.isEmpty)
        }
    }

    @Test func aSlackActionResolvesToTheTargetsIntegration() throws {
        let desired = Self.desired([Self.slackRule(nil)])
        try ApplyScratch.withTarget(.v25) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database, stages: Self.allButRules)
            let integration = try Self.installSlack(scratch)
            try ApplyScratch.planAndApply(desired, on: database)
            let data = try scratch.connect().query("SELECT data FROM sentry_rule")[0].string("data")
            #expect(data.contains(#""workspace":"\#(integration)""#))
            #expect(data.contains(#""channel_id":"C012AB3CD""#))
            let read = try ApplyScratch.read(database)
            #expect(Self.withoutProvenance(read.rules) == Self.withoutProvenance(desired.rules))
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
        }
    }

    // MARK: Verify

    @Test func verifyFindsARuleWhoseEnvironmentOrIntegrationIsGone() throws {
        let desired = Self.desired(Self.rules + [Self.slackRule(nil)])
        try ApplyScratch.withTarget(.v24) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database, stages: Self.allButRules)
            _ = try Self.installSlack(scratch)
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
            let db = try scratch.connect()
            try db.execute("DELETE FROM sentry_environmentproject")
            try db.execute("DELETE FROM sentry_environment")
            try db.execute("UPDATE sentry_organizationintegration SET status = 1")
            let violations = try database.checkInvariants(organization: "acme-io", desired: desired)
            #expect(violations.map(\.check).sorted() == ["rule-environment-exists", "rule-target-resolves"])
            #expect(violations.contains { $0.entity == "rules/web/Page #ops on Slack" })
        }
    }
}
