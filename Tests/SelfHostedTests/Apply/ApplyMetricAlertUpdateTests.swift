import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Metric alerts the target already has: updates field by field as Sentry's `update_alert_rule`
/// makes them (rows changed in place, the Snuba subscription moved to UPDATING only when the query
/// changes), `--prune` deletes as `delete_alert_rule` makes them, and the guards: an edited plan and a
/// target changed since the plan are refused before the first write.
@Suite(.requiresDatabase) struct ApplyMetricAlertUpdateTests {
    static var alert: MetricAlert { MetricAlertPipelineTests.comparisonAlert }

    static func desired(_ alerts: [MetricAlert]) -> Snapshot { ApplyMetricAlertTests.desired(alerts) }

    /// The alert applied, and its subscription as Sentry's checker leaves it once Snuba has it.
    static func applied(_ scratch: TestDatabase.Scratch, _ database: TargetDatabase) throws -> PostgresConnection {
        try ApplyScratch.planAndApply(desired([alert]), on: database)
        let db = try scratch.connect()
        try db.execute(
            "UPDATE sentry_querysubscription SET status = 0, subscription_id = '0/live', date_updated = now()")
        return db
    }

    static func ids(_ db: PostgresConnection) throws -> [Int64] {
        let rows = try db.query(
            """
            SELECT (SELECT array_agg(id ORDER BY id) FROM sentry_alertrule)::text AS alerts,
                   (SELECT array_agg(id ORDER BY id) FROM sentry_alertruletrigger)::text AS triggers,
                   (SELECT array_agg(id ORDER BY id) FROM sentry_alertruletriggeraction)::text AS actions,
                   (SELECT array_agg(id ORDER BY id) FROM sentry_querysubscription)::text AS subscriptions
            """)
        return try ["alerts", "triggers", "actions", "subscriptions"].flatMap { column in
            (try rows[0].optionalString(column) ?? "{}").trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
                .split(separator: ",").compactMap { Int64($0) }
        }
    }

    @Test(arguments: [SchemaFixture.v23, .v24, .v25])
    func aThresholdAndAQueryChangeInPlace(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let db = try Self.applied(scratch, database)
            let before = try Self.ids(db)
            var changed = Self.alert
            changed.query = "level:fatal"
            changed.triggers[0].alertThreshold = 90
            changed.thresholdPeriod = 3
            let desired = Self.desired([changed])
            let plan = try ApplyScratch.plan(desired, on: database)
            let change = try #require(plan.changes.first { $0.stage == .metricAlerts })
            #expect(change.action == .update)
            #expect(change.fields.map(\.field) == ["query", "thresholdPeriod", "triggers.critical.alertThreshold"])
            #expect(change.fields.last?.before == .number(70) && change.fields.last?.after == .number(90))
            #expect(change.notes.contains { $0.contains("UPDATING") })
            try ApplyScratch.planAndApply(desired, on: database)

            #expect(try Self.ids(db) == before, "rows are changed in place, none created or deleted")
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_snubaquery WHERE query = 'level:fatal'") == 1)
            // 170: a comparison alert stores "90 % higher" as a percentage of the compared value.
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruletrigger WHERE alert_threshold = 190")
                    == 1)
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule WHERE threshold_period = 3") == 1)
            // Sentry's checker re-creates the Snuba subscription: UPDATING, its old id kept (the
            // update task deletes that one first), old enough for the next run.
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_querysubscription WHERE status = 2 AND subscription_id = '0/live'
                    AND date_updated < now() - interval '10 minutes'
                    """) == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleactivity WHERE type = 3") == 1)
            let again = try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }
            #expect(again.isEmpty, "a second plan after apply has changes: \(again)")
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
        }
    }

    @Test func aThresholdChangeLeavesTheSubscriptionAlone() throws {
        try ApplyScratch.withTarget(.v24) { scratch, database in
            let db = try Self.applied(scratch, database)
            var changed = Self.alert
            changed.triggers[1].alertThreshold = 40
            changed.resolveThreshold = 5
            let desired = Self.desired([changed])
            let change = try #require(try ApplyScratch.plan(desired, on: database).changes.first)
            #expect(change.fields.map(\.field) == ["resolveThreshold", "triggers.warning.alertThreshold"])
            #expect(!change.notes.contains { $0.contains("UPDATING") })
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(
                try ApplyScratch.count(
                    db, "SELECT count(*) FROM sentry_querysubscription WHERE status = 0 AND subscription_id = '0/live'")
                    == 1)
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule WHERE resolve_threshold = 105") == 1)
            #expect(try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }.isEmpty)
        }
    }

    /// A changed target is the same action row with the new target; an added action is a new row and
    /// a removed trigger goes with its actions.
    @Test(arguments: [SchemaFixture.v23, .v25])
    func actionsAndTriggersChange(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let db = try Self.applied(scratch, database)
            let criticalAction = try db.query(
                """
                SELECT a.id FROM sentry_alertruletriggeraction a JOIN sentry_alertruletrigger t
                ON t.id = a.alert_rule_trigger_id WHERE t.label = 'critical'
                """)[0].int64("id")
            var changed = Self.alert
            changed.triggers[0].actions = [
                MetricAlertAction(type: "email", targetType: "user", targetMember: "carol@example.com"),
                MetricAlertAction(type: "email", targetType: "team", targetTeam: "backend"),
            ]
            changed.triggers.removeLast()
            let desired = Self.desired([changed])
            let change = try #require(try ApplyScratch.plan(desired, on: database).changes.first)
            #expect(
                change.fields.map(\.field) == [
                    "triggers.critical.actions.0", "triggers.critical.actions.1", "triggers.warning",
                ])
            #expect(change.fields.last?.after == .null)
            try ApplyScratch.planAndApply(desired, on: database)
            let carol = try db.query("SELECT id FROM auth_user WHERE email = 'carol@example.com'")[0].int64("id")
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_alertruletriggeraction WHERE id = \(criticalAction)
                    AND target_type = 1 AND target_identifier = \(String(carol))
                    """) == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruletrigger") == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruletriggeraction") == 2)
            #expect(try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }.isEmpty)
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
        }
    }

    /// Disabling makes the subscriptions DISABLED, enabling again CREATING for the checker; a project
    /// added gets its own subscription (and on 24.x+ its sentry_alertruleprojects row), one removed a
    /// DELETING one.
    @Test(arguments: [SchemaFixture.v23, .v24])
    func enabledAndProjectsChange(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let db = try Self.applied(scratch, database)
            var disabled = Self.alert
            disabled.enabled = false
            try ApplyScratch.planAndApply(Self.desired([disabled]), on: database)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule WHERE status = 5") == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_querysubscription WHERE status = 4") == 1)
            var widened = Self.alert
            widened.projects = ["api", "web"]
            let desired = Self.desired([widened])
            let change = try #require(try ApplyScratch.plan(desired, on: database).changes.first)
            #expect(change.fields.map(\.field) == ["enabled", "projects"])
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule WHERE status = 0") == 1)
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_querysubscription WHERE status = 1
                    AND date_updated < now() - interval '10 minutes'
                    """) == 2)
            if fixture != .v23 {
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleprojects") == 2)
            }
            #expect(try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }.isEmpty)
            try ApplyScratch.planAndApply(Self.desired([Self.alert]), on: database)
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_querysubscription s JOIN sentry_project p ON p.id = s.project_id
                    WHERE p.slug = 'web' AND s.status = 3
                    """) == 1)
            if fixture != .v23 {
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleprojects") == 1)
            }
            // The DELETING subscription no longer counts as a project of the alert: nothing to plan.
            let again = try ApplyScratch.plan(Self.desired([Self.alert]), on: database).changes
            #expect(again.filter { $0.action != .keep }.isEmpty, "\(again)")
        }
    }

    /// What reviewers approved is what happens: a saved plan edited after review (a threshold made
    /// higher) no longer matches a fresh plan, and apply writes nothing.
    @Test func anEditedSavedPlanIsRefusedBeforeTheFirstWrite() throws {
        try ApplyScratch.withTarget(.v23) { scratch, database in
            let db = try Self.applied(scratch, database)
            var changed = Self.alert
            changed.triggers[0].alertThreshold = 90
            let desired = Self.desired([changed])
            var plan = try ApplyScratch.plan(desired, on: database)
            let index = try #require(plan.changes.firstIndex { $0.stage == .metricAlerts })
            plan.changes[index].fields[0].after = .number(500)
            let journal = try database.journal().count
            let error = try #require(throws: PlanMismatchError.self) {
                try database.apply(ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired))
            }
            #expect(error.differences.contains { $0.contains("metric-alerts/api/Users hit by errors#1") })
            #expect(try database.journal().count == journal)
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruletrigger WHERE alert_threshold = 170")
                    == 1)
        }
    }

    /// Someone edits the alert in Sentry between plan and apply: the plan is stale, nothing is written.
    @Test func aTargetRowChangedAfterThePlanIsRefused() throws {
        try ApplyScratch.withTarget(.v24) { scratch, database in
            let db = try Self.applied(scratch, database)
            var changed = Self.alert
            changed.query = "level:fatal"
            let desired = Self.desired([changed])
            let plan = try ApplyScratch.plan(desired, on: database)
            try db.execute("UPDATE sentry_alertruletrigger SET alert_threshold = 150 WHERE label = 'critical'")
            let error = try #require(throws: StalePlanError.self) {
                try database.apply(ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired))
            }
            #expect(error.changed.contains("metric-alerts/api/Users hit by errors#1 (changed)"))
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_snubaquery WHERE query = 'level:error'") == 1)
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_querysubscription WHERE status = 0") == 1)
        }
    }

    /// `--prune` deletes an alert only the target has: its subscriptions DELETING for the checker to
    /// remove from Snuba; on 23.x the alert row and the rows that refer to it go, on 24.x+ it becomes
    /// a snapshot with a scheduled deletion, as Sentry's `delete_alert_rule` does.
    @Test(arguments: [SchemaFixture.v23, .v24])
    func pruneDeletesAMetricAlert(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let db = try Self.applied(scratch, database)
            let none = Self.desired([])
            let kept = try ApplyScratch.plan(none, on: database).changes.filter { $0.stage == .metricAlerts }
            #expect(kept.map(\.action) == [.keep])
            let plan = try ApplyScratch.plan(none, on: database, prune: true)
            let change = try #require(plan.changes.first { $0.stage == .metricAlerts })
            #expect(change.action == .delete && change.key == "api/Users hit by errors#1")
            #expect(change.notes.contains { $0.contains("DELETING") })
            try ApplyScratch.planAndApply(none, on: database, prune: true)
            #expect(
                try ApplyScratch.count(
                    db,
                    """
                    SELECT count(*) FROM sentry_querysubscription WHERE status = 3
                    AND date_updated < now() - interval '10 minutes'
                    """) == 1)
            if fixture == .v23 {
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule") == 0)
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruletriggeraction") == 0)
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertruleactivity") == 0)
            } else {
                #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_alertrule WHERE status = 4") == 1)
                #expect(
                    try ApplyScratch.count(
                        db,
                        """
                        SELECT count(*) FROM sentry_regionscheduleddeletion d JOIN sentry_alertrule a
                        ON a.id = d.object_id WHERE d.model_name = 'AlertRule'
                        """) == 1)
            }
            #expect(try ApplyScratch.read(database).metricAlerts.isEmpty)
            let again = try ApplyScratch.plan(none, on: database, prune: true).changes.filter { $0.action != .keep }
            #expect(again.isEmpty)
            #expect(try database.checkInvariants(organization: "acme-io", desired: none).isEmpty)
        }
    }

    /// On a workflow-engine target (26.x) the alert's detector holds the same thresholds and targets;
    /// changing only the legacy rows would leave it firing on the old ones: updates and deletes of
    /// existing metric alerts are refused there, naming each alert.
    @Test func aWorkflowEngineTargetRefusesUpdatesAndDeletes() throws {
        try ApplyScratch.withTarget(.v26) { _, database in
            try ApplyScratch.planAndApply(Self.desired([Self.alert]), on: database)
            var changed = Self.alert
            changed.query = "level:fatal"
            for (desired, prune, verb) in [
                (Self.desired([changed]), false, "updated"), (Self.desired([]), true, "deleted"),
            ] {
                #expect {
                    try ApplyScratch.plan(desired, on: database, prune: prune)
                } throws: { error in
                    "\(error)".contains(
                        "metric-alerts/api/Users hit by errors#1: exists on the target and would be \(verb)")
                        && "\(error)".contains("workflow-engine target")
                }
            }
            // Without --prune the alert only the target has is kept, as before.
            let kept = try ApplyScratch.plan(Self.desired([]), on: database).changes.filter {
                $0.stage == .metricAlerts
            }
            #expect(kept.map(\.action) == [.keep])
        }
    }

    /// An e-mail to a team reaches its members only when the team has access to one of the alert's
    /// own projects: `frontend` is a team of the organization (of project web) but not of `api`.
    @Test(arguments: [SchemaFixture.v23, .v24])
    func verifyReportsATeamWithoutAccessToTheAlertsProjects(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let db = try Self.applied(scratch, database)
            let desired = Self.desired([Self.alert])
            #expect(try database.checkInvariants(organization: "acme-io", desired: desired).isEmpty)
            try db.execute(
                """
                UPDATE sentry_alertruletriggeraction SET target_identifier = (SELECT id::text FROM sentry_team
                WHERE slug = 'frontend') WHERE target_type = 2
                """)
            let violations = try database.checkInvariants(organization: "acme-io", desired: desired)
            let found = try #require(violations.first { $0.check == "metric-alert-target-resolves" })
            #expect(found.message.contains("has no access to the alert's projects"))
        }
    }
}
