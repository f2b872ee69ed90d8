import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Metric alerts through plan → apply → read → verify → plan on each profile that evaluates them
/// from `sentry_alertrule`; the policies for a missing integration; what the plan refuses; what
/// verify catches.
@Suite(.requiresDatabase) struct ApplyMetricAlertTests {
    static let slack = IntegrationReference(provider: "slack", externalId: "T0ACME")

    static var slackAlert: MetricAlert {
        var alert = MetricAlertPipelineTests.slackAlert
        alert.hostedId = "8002"
        return alert
    }

    static func desired(_ alerts: [MetricAlert], policy: MissingIntegrationPolicy? = nil) -> Snapshot {
        var snapshot = DesiredOrganization.snapshot
        snapshot.metricAlerts = alerts.map {
            var alert = $0
            alert.missingIntegration = policy
            return alert
        }
        return snapshot.canonicalized()
    }

    static let allButMetricAlerts = Stage.allCases.filter { $0 != .metricAlerts }

    @Test(arguments: [SchemaFixture.v23, .v24, .v25])
    func metricAlertsRoundTrip(_ fixture: SchemaFixture) throws {
        let desired = Self.desired([MetricAlertPipelineTests.comparisonAlert])
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let plan = try ApplyScratch.plan(desired, on: database)
            let planned = try #require(plan.changes.first { $0.stage == .metricAlerts })
            #expect(planned.key == "api/Users hit by errors#1" && planned.action == .create)
            #expect(
                Set(planned.fields.map(\.field)).isSuperset(of: [
                    "query", "aggregate", "timeWindow", "thresholdType", "resolveThreshold", "comparisonDelta",
                    "triggers", "environment", "eventTypes",
                ]))
            #expect(planned.notes.contains { $0.contains("subscription_checker") })
            try ApplyScratch.planAndApply(desired, on: database)
            let read = try ApplyScratch.read(database)
            var expected = desired.metricAlerts[0]
            expected.detectionType = nil
            expected.hostedId = read.metricAlerts.first?.hostedId
            #expect(read.metricAlerts == [expected])
            let again = try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }
            #expect(again.isEmpty, "a second plan after apply has changes: \(again)")
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
            let db = try scratch.connect()
            let projects = fixture == .v23 ? 0 : 1
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleactivity WHERE type = 1") == 1)
            if fixture != .v23 {
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleprojects") == projects)
                #expect(
                    try ApplyScratch.count(
                        db,
                        "SELECT count(*) FROM sentry_alertrule WHERE detection_type = 'percent' AND team_id IS NOT NULL"
                    ) == 1)
            }
        }
    }

    @Test func eachPolicyForAMissingIntegration() throws {
        try ApplyScratch.withTarget(.v24) { _, database in
            // error: refused, naming the alert, the action and the integration.
            #expect {
                try ApplyScratch.plan(Self.desired([Self.slackAlert]), on: database)
            } throws: { error in
                let text = "\(error)"
                return text.contains("metric-alerts/web/Throughput#1") && text.contains("slack integration T0ACME")
            }
            // drop: the Slack action is left out, the e-mail action stays, the alert is enabled.
            let dropped = Self.desired([Self.slackAlert], policy: .drop)
            let plan = try ApplyScratch.plan(dropped, on: database)
            #expect(
                plan.changes.first { $0.stage == .metricAlerts }?.notes.contains { $0.contains("left out") } == true)
            try ApplyScratch.planAndApply(dropped, on: database)
            let read = try #require(try ApplyScratch.read(database).metricAlerts.first)
            #expect(read.enabled)
            #expect(read.actions.map(\.type) == ["email"])
            #expect(try ApplyScratch.plan(dropped, on: database).changes.filter { $0.action != .keep }.isEmpty)
        }
        try ApplyScratch.withTarget(.v24) { _, database in
            // disable: carried whole, disabled, the action without an integration id.
            let disabled = Self.desired([Self.slackAlert], policy: .disable)
            try ApplyScratch.planAndApply(disabled, on: database)
            let read = try #require(try ApplyScratch.read(database).metricAlerts.first)
            #expect(!read.enabled)
            #expect(read.actions.map(\.type) == ["slack", "email"])
            #expect(read.actions.first?.integration == nil && read.actions.first?.targetIdentifier == "C012AB3CD")
            #expect(try ApplyScratch.plan(disabled, on: database).changes.filter { $0.action != .keep }.isEmpty)
        }
    }

    @Test func anInstalledIntegrationIsResolvedByProviderAndExternalId() throws {
        try ApplyScratch.withTarget(.v23) { scratch, database in
            let desired = Self.desired([Self.slackAlert])
            try ApplyScratch.planAndApply(desired, on: database, stages: Self.allButMetricAlerts)
            let db = try scratch.connect()
            try db.execute(
                """
                INSERT INTO sentry_integration (id, provider, external_id, name, metadata, status, date_updated)
                VALUES (77, 'slack', 'T0ACME', 'Acme', '{}', 0, now())
                """)
            try db.execute(
                """
                INSERT INTO sentry_organizationintegration (config, status, integration_id, organization_id, date_updated)
                SELECT '{}', 0, 77, id, now() FROM sentry_organization WHERE slug = 'acme-io';
                """)
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_alertruletriggeraction
                    WHERE type = 2 AND target_type = 0 AND integration_id = 77 AND target_identifier = 'C012AB3CD'
                    AND target_display = '#ops'
                    """) == 1)
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
            // The integration uninstalled afterwards: verify names the action.
            try db.execute("UPDATE sentry_organizationintegration SET status = 1")
            let violations = try database.checkInvariants(organization: "acme-io", desired: desired)
            #expect(violations.map(\.check) == ["metric-alert-target-resolves"])
        }
    }

    @Test func whatTheTargetCannotEvaluateIsRefused() throws {
        var dynamic = MetricAlertPipelineTests.comparisonAlert
        dynamic.detectionType = "dynamic"
        var spans = MetricAlertPipelineTests.slackAlert
        spans.dataset = "events_analytics_platform"
        spans.eventTypes = ["trace_item_span"]
        spans.triggers[0].actions = []
        var opsgenie = MetricAlertPipelineTests.comparisonAlert
        opsgenie.name = "Opsgenie"
        opsgenie.triggers[0].actions = [
            MetricAlertAction(
                type: "opsgenie", targetType: "specific", targetIdentifier: "1-ops",
                integration: IntegrationReference(provider: "opsgenie", externalId: "acme"))
        ]
        try ApplyScratch.withTarget(.v23) { _, database in
            #expect {
                try ApplyScratch.plan(Self.desired([dynamic, spans, opsgenie]), on: database)
            } throws: { error in
                let text = "\(error)"
                return text.contains("anomaly detection") && text.contains("events_analytics_platform")
                    && text.contains("trace_item_span") && text.contains("'opsgenie' action")
            }
            // Under drop, the 23.x-unknown Opsgenie action is left out and the alert carried.
            let plan = try ApplyScratch.plan(Self.desired([opsgenie], policy: .drop), on: database)
            let change = try #require(plan.changes.first { $0.stage == .metricAlerts })
            #expect(change.notes.contains { $0.contains("'opsgenie' action") })
        }
    }

    /// Sentry snapshots an alert with incidents when it is edited (`snapshot_alert_rule`), which
    /// sentry-migrate does not write: the plan refuses the update. `--prune` keeps such an alert as a
    /// snapshot (status 4) with a DELETED activity, as 23.7.1's `delete_alert_rule` does.
    @Test func anAlertWithIncidentsIsNotChangedInPlace() throws {
        try ApplyScratch.withTarget(.v23) { scratch, database in
            try ApplyScratch.planAndApply(Self.desired([MetricAlertPipelineTests.comparisonAlert]), on: database)
            let db = try scratch.connect()
            // The columns of 23.7.1's sentry_incident that matter here (the fixtures carry no incident table).
            try db.execute(
                """
                CREATE TABLE sentry_incident (id bigserial PRIMARY KEY, alert_rule_id bigint
                REFERENCES sentry_alertrule(id) DEFERRABLE INITIALLY DEFERRED)
                """)
            try db.execute("INSERT INTO sentry_incident (alert_rule_id) SELECT id FROM sentry_alertrule")
            let database = try TargetDatabase(target: scratch.target)
            var changed = MetricAlertPipelineTests.comparisonAlert
            changed.timeWindow = 30
            #expect {
                try ApplyScratch.plan(Self.desired([changed]), on: database)
            } throws: { error in
                "\(error)".contains("timeWindow") && "\(error)".contains("has incidents on the target")
            }
            let none = Self.desired([])
            let plan = try ApplyScratch.plan(none, on: database, prune: true)
            #expect(
                plan.changes.first { $0.stage == .metricAlerts }?.notes.contains { $0.contains("snapshot") } == true)
            try ApplyScratch.planAndApply(none, on: database, prune: true)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule WHERE status = 4") == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleactivity WHERE type = 2") == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_incident") == 1)
            #expect(
                try ApplyScratch.plan(none, on: database, prune: true).changes.filter { $0.action != .keep }.isEmpty)
        }
    }

    /// A subscription Sentry's checker would never pick up (NULL `date_updated`) and a dangling
    /// environment are what verify is for.
    @Test func verifyCatchesASubscriptionThatWillNeverBeCreated() throws {
        let desired = Self.desired([MetricAlertPipelineTests.comparisonAlert])
        try ApplyScratch.withTarget(.v23) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database)
            let db = try scratch.connect()
            try db.execute("UPDATE sentry_querysubscription SET date_updated = NULL")
            try db.execute("UPDATE sentry_snubaquery SET environment_id = 999999")
            let checks = Set(try database.checkInvariants(organization: "acme-io", desired: desired).map(\.check))
            #expect(checks == ["metric-alert-subscribed", "metric-alert-environment-exists"])
            // Active in Snuba is fine.
            try db.execute("UPDATE sentry_querysubscription SET status = 0, subscription_id = '0/abc'")
            let after = Set(try database.checkInvariants(organization: "acme-io", desired: desired).map(\.check))
            #expect(after == ["metric-alert-environment-exists"])
        }
    }
}
