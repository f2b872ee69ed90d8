import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// A 26.x target evaluates issue alerts and notifies for metric alerts only through Sentry's
/// workflow engine (reference/alerts.md §2.7). Plan carries the alerts and says they wait for
/// `finish`; apply writes the legacy rows; verify fails until each carried alert has the
/// workflow-engine rows Sentry's own helpers build, and passes once they are there. The rows are
/// inserted here with SQL shaped as `IssueAlertMigrator` / `dual_write_alert_rule` leave them: this
/// tests verify, not Sentry (no Sentry with a workflow engine can run here: docs/apply.md).
@Suite(.requiresDatabase) struct ApplyWorkflowEngineTests {
    static let rules = ApplyRuleTests.rules
    static let alert = MetricAlertPipelineTests.comparisonAlert

    static func desired(rules: [IssueAlertRule] = rules, alerts: [MetricAlert] = [alert]) -> Snapshot {
        var snapshot = DesiredOrganization.snapshot
        snapshot.rules = rules
        snapshot.metricAlerts = alerts
        return snapshot.canonicalized()
    }

    /// A workflow for rule `ruleId` and its `AlertRuleWorkflow`, as `IssueAlertMigrator` links them.
    static func buildWorkflow(_ db: PostgresConnection, ruleId: Int64) throws {
        try db.execute(
            """
            WITH r AS (SELECT r.id, r.label, p.organization_id FROM sentry_rule r
                       JOIN sentry_project p ON p.id = r.project_id WHERE r.id = \(ruleId)),
                 g AS (INSERT INTO workflow_engine_dataconditiongroup (date_updated, date_added, logic_type,
                           organization_id) SELECT now(), now(), 'any-short', organization_id FROM r RETURNING id),
                 w AS (INSERT INTO workflow_engine_workflow (date_updated, date_added, name, organization_id,
                           when_condition_group_id, config)
                       SELECT now(), now(), r.label, r.organization_id, g.id, '{"frequency": 60}' FROM r, g RETURNING id)
            INSERT INTO workflow_engine_alertruleworkflow (date_updated, date_added, rule_id, workflow_id)
            SELECT now(), now(), \(ruleId), w.id FROM w
            """)
    }

    /// A `metric_issue` detector for the alert and its `AlertRuleDetector`, as `migrate_alert_rule` makes them.
    static func buildDetector(_ db: PostgresConnection, alertId: Int64) throws -> Int64 {
        try db.query(
            """
            WITH d AS (INSERT INTO workflow_engine_detector (date_updated, date_added, name, type, project_id, config)
                       SELECT now(), now(), a.name, 'metric_issue', ap.project_id,
                              '{"detection_type": "percent", "comparison_delta": 604800}'
                       FROM sentry_alertrule a JOIN sentry_alertruleprojects ap ON ap.alert_rule_id = a.id
                       WHERE a.id = \(alertId) RETURNING id)
            INSERT INTO workflow_engine_alertruledetector (date_updated, date_added, alert_rule_id, detector_id)
            SELECT now(), now(), \(alertId), d.id FROM d RETURNING detector_id
            """)[0].int64("detector_id")
    }

    /// A data source of `sourceId` feeding `detectorId`.
    static func feed(_ db: PostgresConnection, detectorId: Int64, sourceId: String) throws {
        try db.execute(
            """
            WITH s AS (INSERT INTO workflow_engine_datasource (date_updated, date_added, source_id, type, organization_id)
                       SELECT now(), now(), \(sourceId), 'snuba_query_subscription', organization_id
                       FROM sentry_project p JOIN workflow_engine_detector d ON d.project_id = p.id
                       WHERE d.id = \(detectorId) RETURNING id)
            INSERT INTO workflow_engine_datasourcedetector (date_updated, date_added, data_source_id, detector_id)
            SELECT now(), now(), s.id, \(detectorId) FROM s
            """)
    }

    @Test func planCarriesTheAlertsAndSaysTheyWaitForFinish() throws {
        let desired = Self.desired()
        try ApplyScratch.withTarget(.v26) { _, database in
            #expect(database.profile.family == .v26 && database.profile.missingWorkflowEngineTables.isEmpty)
            let plan = try ApplyScratch.plan(desired, on: database)
            let rules = plan.changes.filter { $0.stage == .rules }
            let alerts = plan.changes.filter { $0.stage == .metricAlerts }
            #expect(rules.map(\.key) == ["api/Notify backend#1", "api/Notify backend#2"])
            #expect(alerts.map(\.key) == ["api/Users hit by errors#1"])
            #expect((rules + alerts).allSatisfy { $0.action == .create })
            #expect(rules.allSatisfy { $0.notes.contains(WorkflowEngineNotes.issueRule) })
            #expect(alerts.allSatisfy { $0.notes.contains(WorkflowEngineNotes.metricAlert) })
            #expect(
                PlanText.render(plan).contains(
                    "3 alert rule(s) will not fire on this target until `sentry-migrate finish <plan>`"))
        }
        // The same snapshot on 25.x evaluates from the legacy rows: no such note.
        try ApplyScratch.withTarget(.v25) { _, database in
            let plan = try ApplyScratch.plan(desired, on: database)
            #expect(!PlanText.render(plan).contains("sentry-migrate finish"))
        }
    }

    @Test func verifyFailsUntilEveryCarriedRuleHasItsWorkflow() throws {
        let desired = Self.desired(alerts: [])
        try ApplyScratch.withTarget(.v26) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database)
            let read = try ApplyScratch.read(database)
            #expect(ApplyRuleTests.withoutProvenance(read.rules) == ApplyRuleTests.withoutProvenance(desired.rules))
            #expect(try ApplyScratch.plan(desired, on: database).changes.allSatisfy { $0.action == .keep })

            let before = try database.checkInvariants(organization: "acme-io", desired: desired)
            #expect(before.map(\.check) == ["rule-workflow-exists", "rule-workflow-exists"])
            #expect(Set(before.map(\.entity)) == ["rules/api/Notify backend#1", "rules/api/Notify backend#2"])
            #expect(before.allSatisfy { $0.message.contains("sentry-migrate finish") })

            let db = try scratch.connect()
            let ids = try db.query("SELECT id FROM sentry_rule ORDER BY id").map { try $0.int64("id") }
            #expect(ids.count == 2)
            // A workflow of another rule id does not count for this one.
            try Self.buildWorkflow(db, ruleId: ids[1])
            let half = try database.checkInvariants(organization: "acme-io", desired: desired)
            #expect(half.map(\.entity) == ["rules/api/Notify backend#1"])
            try Self.buildWorkflow(db, ruleId: ids[0])
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
        }
    }

    @Test func verifyFailsUntilTheMetricAlertHasADetectorFedByItsSubscription() throws {
        let desired = Self.desired(rules: [])
        try ApplyScratch.withTarget(.v26) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(try ApplyScratch.read(database).metricAlerts.map(\.key) == ["api/Users hit by errors#1"])
            func checks() throws -> [String] {
                try database.checkInvariants(organization: "acme-io", desired: desired).map(\.check)
            }
            #expect(try checks() == ["metric-alert-detector-exists"])

            let db = try scratch.connect()
            let alertId = try db.query("SELECT id FROM sentry_alertrule")[0].int64("id")
            let subscription = try db.query(
                """
                SELECT s.id FROM sentry_querysubscription s JOIN sentry_alertrule a ON a.snuba_query_id = s.snuba_query_id
                """)[0].int64("id")
            let detector = try Self.buildDetector(db, alertId: alertId)
            #expect(try checks() == ["metric-alert-data-source-exists"])
            // A data source of another subscription, or of this one feeding no detector, is not enough.
            try Self.feed(db, detectorId: detector, sourceId: String(subscription + 1000))
            try db.execute(
                """
                INSERT INTO workflow_engine_datasource (date_updated, date_added, source_id, type, organization_id)
                SELECT now(), now(), \(String(subscription)), 'snuba_query_subscription', organization_id
                FROM sentry_alertrule WHERE id = \(alertId)
                """)
            #expect(try checks() == ["metric-alert-data-source-exists"])
            try db.execute(
                """
                INSERT INTO workflow_engine_datasourcedetector (date_updated, date_added, data_source_id, detector_id)
                SELECT now(), now(), id, \(detector) FROM workflow_engine_datasource WHERE source_id = \(String(subscription))
                """)
            #expect(try checks().isEmpty)
        }
    }

    @Test func aTargetWithoutTheWorkflowEngineTablesIsRefusedWithTheReason() throws {
        let desired = Self.desired()
        try ApplyScratch.withTarget(.v26) { scratch, _ in
            try scratch.connect().execute(
                "DROP TABLE workflow_engine_alertruleworkflow, workflow_engine_datasourcedetector")
            let database = try TargetDatabase(target: scratch.target)
            #expect {
                try ApplyScratch.plan(desired, on: database)
            } throws: { error in
                let refusal = error as? AlertStageRefused
                return refusal?.stage == .rules
                    && refusal?.description.contains("workflow_engine_alertruleworkflow") == true
                    && refusal?.description.contains("workflow_engine_datasourcedetector") == true
            }
            #expect {
                try ApplyScratch.plan(desired, on: database, stages: ApplyRuleTests.allButRules)
            } throws: { error in
                (error as? AlertStageRefused)?.stage == .metricAlerts
            }
            // Every other stage still plans and applies.
            let others = Stage.allCases.filter { ![.rules, .metricAlerts].contains($0) }
            try ApplyScratch.planAndApply(desired, on: database, stages: others)
            #expect(try ApplyScratch.read(database).rules.isEmpty)
        }
    }

    @Test func anAlertOverSeveralProjectsIsRefusedWhereTheWorkflowEngineNotifies() throws {
        var alert = Self.alert
        alert.projects = ["api", "web"]
        try ApplyScratch.withTarget(.v26) { _, database in
            #expect {
                try ApplyScratch.plan(Self.desired(rules: [], alerts: [alert]), on: database)
            } throws: { error in
                "\(error)".contains("metric-alerts/api/Users hit by errors#1")
                    && "\(error)".contains("exactly one project")
            }
        }
    }
}
