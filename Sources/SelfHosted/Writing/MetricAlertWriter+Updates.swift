import Foundation
import Planning
import SentryModel

/// Changes to metric alerts the target already has, as Sentry 23.7.1 makes them when given only the
/// changed fields (`incidents/logic.py` `update_alert_rule`, `enable_alert_rule`,
/// `disable_alert_rule`, `update_alert_rule_trigger`, `update_alert_rule_trigger_action`,
/// `delete_alert_rule`; `snuba/subscriptions.py` `update_snuba_query`, `bulk_delete_snuba_subscriptions`):
///
/// - `sentry_alertrule`: the changed columns and `date_modified`, and one UPDATED (3) activity row;
/// - `sentry_snubaquery`, only when a field it stores changed (query, aggregate, dataset, type, time
///   window, environment, event types, or the comparison delta through `resolution`): the row, event
///   types added and removed, and every subscription of the query UPDATING (2), which Sentry's task
///   would re-create in Snuba; here the periodic `subscription_checker` does it (`date_updated` 11
///   minutes back, as for creates);
/// - enabling makes the subscriptions CREATING (1), disabling DISABLED (4) (Sentry's task would also
///   remove it from Snuba; the consumer ignores results of a subscription that is not ACTIVE);
/// - projects added get a CREATING subscription (and on 24.x+ a `sentry_alertruleprojects` row),
///   projects removed a DELETING (3) one, which the checker removes from Snuba and then deletes;
/// - triggers matched by label (unique per alert): a changed threshold updated in place, a new label
///   created, a label no longer wanted deleted with its actions; actions matched by position within
///   their trigger (the reader lists them by id): changed in place, added, or deleted.
///
/// A delete makes every subscription DELETING, then on 23.x deletes the alert with the rows that
/// refer to it (Django's cascade), or, when it has incidents, keeps it as a snapshot (status 4) with a
/// DELETED (2) activity. On 24.x+ Sentry always sets status SNAPSHOT and schedules the deletion
/// (`RegionScheduledDeletion.schedule(alert_rule, days=0)`) when there are no incidents
/// (getsentry/sentry `incidents/logic.py` `delete_alert_rule`).
extension MetricAlertWriter {
    /// A target alert with the ids its rows have.
    struct ExistingAlert {
        var alert: MetricAlert
        var id: Int64
        var queryId: Int64
        /// By label: the trigger's id, its stored threshold and its action ids in the reader's order.
        var triggers: [String: (id: Int64, storedThreshold: Double, actionIds: [Int64])] = [:]
        /// All but DELETING ones (a project removed earlier, left for the checker to delete).
        var subscriptions: [(id: Int64, projectId: Int64)] = []
    }

    func update(
        _ alerts: [MetricAlert], existing: [String: ExistingAlert], orgId: Int64, index: OrganizationIndex,
        installed: [IntegrationReference: Int64]
    ) throws {
        guard !alerts.isEmpty else { return }
        let targets = try alerts.map { alert -> (MetricAlert, ExistingAlert) in
            guard let current = existing[alert.key] else {
                throw ApplyOrderError(
                    message: "metric alert '\(alert.key)' is not on the target any more, but the plan updates it; "
                        + "the plan is stale. Run plan again.")
            }
            return (alert, current)
        }
        try refuseIncidents(targets.map(\.1))
        let (environments, owners) = try environmentsAndOwners(of: alerts, orgId: orgId, index: index)
        let checkerReady = session.now.addingTimeInterval(-11 * 60)
        var newTriggers: [(alert: MetricAlert, alertId: Int64, trigger: MetricAlertTrigger)] = []
        var activity: [Record] = []

        for (alert, current) in targets {
            var row = alertRecord(alert, queryId: current.queryId, orgId: orgId, owners: owners, index: index)
            // Columns the snapshot does not carry stay as the target has them (a description, an
            // anomaly detection's sensitivity); the detection type follows a changed comparison delta.
            for column in [
                "organization_id", "snuba_query_id", "date_added", "include_all_projects", "monitor_type",
                "description", "sensitivity", "seasonality",
            ] {
                row[column] = nil
            }
            if alert.comparisonDelta == current.alert.comparisonDelta { row["detection_type"] = nil }
            row["id"] = current.id
            try session.update("sentry_alertrule", key: "id", [row])
            activity.append([
                "alert_rule_id": current.id, "type": 3, "date_added": session.timestamp,
                "previous_alert_rule_id": SQLNull(),
                "user_id": SQLNull(),
            ])

            let queryChanged = Self.queryDiffers(alert, current.alert)
            if queryChanged { try updateQuery(alert, current: current, environments: environments) }

            // Subscriptions: projects removed go, projects added come, the rest follow the status.
            let wanted = Set(try alert.projects.map { try projectId($0, index) })
            let removed = current.subscriptions.filter { !wanted.contains($0.projectId) }
            let kept = current.subscriptions.filter { wanted.contains($0.projectId) }
            let added = wanted.subtracting(current.subscriptions.map(\.projectId)).sorted()
            try setSubscriptions(removed.map(\.id), status: 3, at: checkerReady)
            if !alert.enabled {
                if current.alert.enabled { try setSubscriptions(kept.map(\.id), status: 4, at: session.now) }
            } else if !current.alert.enabled {
                try setSubscriptions(kept.map(\.id), status: 1, at: checkerReady)
            } else if queryChanged {
                try setSubscriptions(kept.map(\.id), status: 2, at: checkerReady)
            }
            try session.copy(
                "sentry_querysubscription",
                added.map { projectId -> Record in
                    [
                        "type": "incidents", "status": alert.enabled ? 1 : 4, "subscription_id": SQLNull(),
                        "project_id": projectId, "snuba_query_id": current.queryId, "date_added": session.timestamp,
                        "date_updated": checkerReady, "query_extra": SQLNull(),
                    ]
                })
            if session.has("sentry_alertruleprojects") {
                try session.execute(
                    """
                    DELETE FROM sentry_alertruleprojects WHERE alert_rule_id = \(current.id)
                    AND project_id = ANY(\(removed.map(\.projectId)))
                    """, activity: "metric-alerts: removing projects of an alert")
                try session.copy(
                    "sentry_alertruleprojects",
                    added.map { ["alert_rule_id": current.id, "project_id": $0, "date_added": session.timestamp] })
            }

            // Triggers by label, actions by position.
            let wantedLabels = Set(alert.triggers.map(\.label))
            let gone = current.triggers.filter { !wantedLabels.contains($0.key) }.map(\.value.id)
            try session.deleteCascading("sentry_alertruletrigger", ids: gone.sorted())
            for trigger in alert.triggers {
                guard let existingTrigger = current.triggers[trigger.label] else {
                    newTriggers.append((alert, current.id, trigger))
                    continue
                }
                let stored = alert.storedThreshold(trigger.alertThreshold) ?? trigger.alertThreshold
                if stored != existingTrigger.storedThreshold {
                    try session.update(
                        "sentry_alertruletrigger", key: "id", [["id": existingTrigger.id, "alert_threshold": stored]])
                }
                let before = current.alert.triggers.first { $0.label == trigger.label }?.actions ?? []
                try updateActions(
                    trigger.actions, before: before, ids: existingTrigger.actionIds, triggerId: existingTrigger.id,
                    alert: alert, index: index, installed: installed)
            }
        }
        try session.copy("sentry_alertruleactivity", activity)
        try createTriggers(newTriggers, index: index, installed: installed)
    }

    func delete(_ keys: [String], existing: [String: ExistingAlert]) throws {
        // An alert already gone is what the plan wanted (the stale check allows it).
        let targets = keys.compactMap { existing[$0] }
        guard !targets.isEmpty else { return }
        let checkerReady = session.now.addingTimeInterval(-11 * 60)
        try setSubscriptions(targets.flatMap { $0.subscriptions.map(\.id) }, status: 3, at: checkerReady)
        let withIncidents = try incidentAlerts(targets.map(\.id))
        let snapshots = targets.filter { withIncidents.contains($0.id) }.map(\.id)
        let plain = targets.filter { !withIncidents.contains($0.id) }.map(\.id)
        try session.copy(
            "sentry_alertruleactivity",
            snapshots.map { id -> Record in
                [
                    "alert_rule_id": id, "type": 2, "date_added": session.timestamp,
                    "previous_alert_rule_id": SQLNull(),
                    "user_id": SQLNull(),
                ]
            })
        if session.profile.family == .v23 {
            try session.update("sentry_alertrule", key: "id", snapshots.map { ["id": $0, "status": 4] })
            try session.deleteCascading("sentry_alertrule", ids: plain)
        } else {
            try PendingDeletion(session: session).schedule(model: "AlertRule", ids: plain)
            try session.update("sentry_alertrule", key: "id", (snapshots + plain).map { ["id": $0, "status": 4] })
        }
    }

    /// The organization's metric alerts by natural key, with the ids of their rows.
    func existingAlerts(orgId: Int64, index: OrganizationIndex) throws -> [String: ExistingAlert] {
        let alerts = try MetricAlertReader(connection: session.connection, profile: session.profile).read(
            orgId: orgId, projectSlugs: Dictionary(index.projects.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }),
            teamSlugs: Dictionary(index.teams.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
        var byId: [Int64: ExistingAlert] = [:]
        for alert in alerts {
            guard let id = alert.hostedId.flatMap(Int64.init) else { continue }
            byId[id] = ExistingAlert(alert: alert, id: id, queryId: 0)
        }
        let ids = Array(byId.keys)
        for row in try session.query(
            "SELECT id, snuba_query_id FROM sentry_alertrule WHERE id = ANY(\(ids))",
            activity: "metric-alerts: reading the alerts to change")
        {
            byId[try row.int64("id")]?.queryId = try row.int64("snuba_query_id")
        }
        let alertByQuery = Dictionary(byId.values.map { ($0.queryId, $0.id) }, uniquingKeysWith: { a, _ in a })
        for row in try session.query(
            """
            SELECT id, snuba_query_id, project_id FROM sentry_querysubscription
            WHERE snuba_query_id = ANY(\(Array(alertByQuery.keys))) AND status <> 3 ORDER BY id
            """, activity: "metric-alerts: reading the subscriptions of the alerts to change")
        {
            if let alertId = alertByQuery[try row.int64("snuba_query_id")] {
                byId[alertId]?.subscriptions.append((try row.int64("id"), try row.int64("project_id")))
            }
        }
        var triggerOwners: [Int64: (alertId: Int64, label: String)] = [:]
        for row in try session.query(
            "SELECT id, alert_rule_id, label, alert_threshold FROM sentry_alertruletrigger WHERE alert_rule_id = ANY(\(ids))",
            activity: "metric-alerts: reading the triggers of the alerts to change")
        {
            let id = try row.int64("id")
            let alertId = try row.int64("alert_rule_id")
            let label = try row.string("label")
            byId[alertId]?.triggers[label] = (id, try row.double("alert_threshold"), [])
            triggerOwners[id] = (alertId, label)
        }
        for row in try session.query(
            """
            SELECT id, alert_rule_trigger_id FROM sentry_alertruletriggeraction
            WHERE alert_rule_trigger_id = ANY(\(Array(triggerOwners.keys))) ORDER BY id
            """, activity: "metric-alerts: reading the trigger actions of the alerts to change")
        {
            if let owner = triggerOwners[try row.int64("alert_rule_trigger_id")] {
                byId[owner.alertId]?.triggers[owner.label]?.actionIds.append(try row.int64("id"))
            }
        }
        return Dictionary(byId.values.map { ($0.alert.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether a field `sentry_snubaquery` stores differs (`MetricAlertUpdates.queryFields`).
    static func queryDiffers(_ desired: MetricAlert, _ current: MetricAlert) -> Bool {
        desired.dataset != current.dataset || desired.queryType != current.queryType || desired.query != current.query
            || desired.aggregate != current.aggregate || desired.timeWindow != current.timeWindow
            || desired.environment != current.environment || desired.eventTypes.sorted() != current.eventTypes.sorted()
            || desired.comparisonDelta != current.comparisonDelta
    }

    /// `update_snuba_query`: the row, then event types added and removed.
    private func updateQuery(_ alert: MetricAlert, current: ExistingAlert, environments: [String: Int64]) throws {
        var environment: any PostgresEncodable = SQLNull()
        if let name = alert.environment {
            guard let id = environments[name] else { throw WriterBug("environment '\(name)' was not created") }
            environment = id
        }
        try session.update(
            "sentry_snubaquery", key: "id",
            [
                [
                    "id": current.queryId, "type": alert.queryType, "dataset": alert.dataset, "query": alert.query,
                    "aggregate": MetricAlert.storedAggregate(alert.aggregate), "time_window": alert.timeWindow * 60,
                    "resolution": resolutionSeconds(alert), "environment_id": environment,
                ]
            ])
        let wanted = Set(Self.eventTypes(alert))
        let present = Set(current.alert.eventTypes.compactMap { MetricAlert.eventTypeValues[$0] })
        try session.execute(
            """
            DELETE FROM sentry_snubaqueryeventtype WHERE snuba_query_id = \(current.queryId)
            AND type = ANY(\(present.subtracting(wanted).sorted().map(Int64.init)))
            """, activity: "metric-alerts: removing event types")
        try session.copy(
            "sentry_snubaqueryeventtype",
            wanted.subtracting(present).sorted().map { ["snuba_query_id": current.queryId, "type": $0] })
    }

    /// `update_alert_rule_trigger_action` for actions at the same position that differ, creates for
    /// the ones added, deletes for the ones no longer wanted.
    private func updateActions(
        _ actions: [MetricAlertAction], before: [MetricAlertAction], ids: [Int64], triggerId: Int64,
        alert: MetricAlert, index: OrganizationIndex, installed: [IntegrationReference: Int64]
    ) throws {
        var created: [Record] = []
        for (position, action) in actions.enumerated() {
            let row = try record(action, triggerId: triggerId, alert: alert, index: index, installed: installed)
            guard position < ids.count else {
                created.append(row)
                continue
            }
            guard position >= before.count || before[position] != action else { continue }
            var changed = row
            for column in ["alert_rule_trigger_id", "date_added", "status"] { changed[column] = nil }
            changed["id"] = ids[position]
            try session.update("sentry_alertruletriggeraction", key: "id", [changed])
        }
        try session.copy("sentry_alertruletriggeraction", created)
        if ids.count > actions.count {
            try session.deleteCascading("sentry_alertruletriggeraction", ids: Array(ids[actions.count...]))
        }
    }

    private func setSubscriptions(_ ids: [Int64], status: Int, at date: Date) throws {
        try session.update(
            "sentry_querysubscription", key: "id", ids.map { ["id": $0, "status": status, "date_updated": date] })
    }

    /// The alert ids among `ids` that incidents point at.
    private func incidentAlerts(_ ids: [Int64]) throws -> Set<Int64> {
        guard session.has("sentry_incident") else { return [] }
        return Set(
            try session.query(
                "SELECT DISTINCT alert_rule_id FROM sentry_incident WHERE alert_rule_id = ANY(\(ids))",
                activity: "metric-alerts: finding incidents of the alerts to change"
            ).map { try $0.int64("alert_rule_id") })
    }

    /// Sentry snapshots an alert with incidents before editing it; the plan refuses that, and an
    /// incident opened since the plan stops the stage here.
    private func refuseIncidents(_ targets: [ExistingAlert]) throws {
        let found = try incidentAlerts(targets.map(\.id))
        guard let first = targets.first(where: { found.contains($0.id) }) else { return }
        throw RuleTargetError(
            rule: first.alert.key, problem: "it has incidents on the target now, so it cannot be changed in place",
            stage: "metric-alerts")
    }
}
