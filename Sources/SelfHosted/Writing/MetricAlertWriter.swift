import Foundation
import Planning
import SentryModel

/// Metric alerts as Sentry's own `create_alert_rule` writes them (23.7.1 `incidents/logic.py`
/// `create_alert_rule`, `create_alert_rule_trigger`, `create_alert_rule_trigger_action`;
/// `snuba/subscriptions.py` `create_snuba_query`, `create_snuba_subscription`), in one transaction:
/// `sentry_snubaquery` and its event types, `sentry_alertrule`, on 24.x+ `sentry_alertruleprojects`,
/// one `sentry_querysubscription` per project, a `sentry_alertruleactivity` CREATED row, triggers and
/// their actions, and the environment rows the alert names. The subscription is left for Sentry:
/// status CREATING (1), no Snuba id, `date_updated` 11 minutes in the past, so that the periodic
/// `subscription_checker` (every 20 minutes, rows older than 10) calls `create_subscription_in_snuba`
/// (reference/alerts.md §3.1). A disabled alert's subscriptions are DISABLED (4), as Sentry leaves
/// them. Updates and deletes (`--prune`) of existing alerts: MetricAlertWriter+Updates.swift.
struct MetricAlertWriter {
    let session: WriteSession

    func write(_ changes: ArraySlice<EntityChange>, desired: [MetricAlert], index: OrganizationIndex) throws {
        let orgId = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.key)
        // Created in key order, so that alerts of one name get ascending ids in ordinal order.
        let creates = split.creates.map(\.entity).sorted { $0.key.utf8Precedes($1.key) }
        let updates = split.updates.map(\.entity).sorted { $0.key.utf8Precedes($1.key) }
        guard !(creates.isEmpty && updates.isEmpty && split.deletes.isEmpty) else { return }

        let installed = try RuleReader.integrations(orgId: orgId, connection: session.connection)
        // Read before anything is created, so that the alerts to change are the ones the plan saw.
        let existing = try updates.isEmpty && split.deletes.isEmpty ? [:] : existingAlerts(orgId: orgId, index: index)
        let adjust = { (desired: MetricAlert) throws -> MetricAlert in try self.adjusted(desired, installed: installed)
        }
        try create(try creates.map(adjust), orgId: orgId, index: index, installed: installed)
        try update(try updates.map(adjust), existing: existing, orgId: orgId, index: index, installed: installed)
        try delete(split.deletes, existing: existing)
    }

    /// The alert as the plan showed it, given the integrations installed now.
    func adjusted(_ desired: MetricAlert, installed: [IntegrationReference: Int64]) throws -> MetricAlert {
        let (alert, _, refusals) = MetricAlertPlanning.adjusted(
            desired, installed: Set(installed.keys), knownTypes: session.profile.metricAlertActionTypes)
        guard refusals.isEmpty else {
            throw RuleTargetError(rule: desired.key, problem: refusals.joined(separator: "; "), stage: "metric-alerts")
        }
        return alert
    }

    /// The environment ids (each made sure of on every project of an alert naming it) and owner ids of
    /// a batch of alerts: what creating and updating alerts both need before their rows.
    func environmentsAndOwners(
        of alerts: [MetricAlert], orgId: Int64, index: OrganizationIndex
    ) throws -> (environments: [String: Int64], owners: OwnerIds) {
        var pairs: [(projectId: Int64, name: String)] = []
        for alert in alerts {
            if let name = alert.environment {
                for project in alert.projects { pairs.append((projectId: try projectId(project, index), name: name)) }
            }
        }
        let environments = try EnvironmentRows(session: session).ensure(orgId: orgId, pairs: pairs)
        let owners = try OwnerIds(
            session: session, index: index, table: "sentry_alertrule",
            owners: alerts.map { (team: $0.ownerTeam, member: $0.ownerMember) })
        return (environments, owners)
    }

    /// `create_alert_rule` with its triggers and actions, for every alert the plan creates.
    private func create(
        _ alerts: [MetricAlert], orgId: Int64, index: OrganizationIndex, installed: [IntegrationReference: Int64]
    ) throws {
        guard !alerts.isEmpty else { return }
        let (environments, owners) = try environmentsAndOwners(of: alerts, orgId: orgId, index: index)

        let now = session.now
        let queryIds = try session.copyReturningIds(
            "sentry_snubaquery",
            try alerts.map { alert -> Record in
                var environment: any PostgresEncodable = SQLNull()
                if let name = alert.environment {
                    guard let id = environments[name] else { throw WriterBug("environment '\(name)' was not created") }
                    environment = id
                }
                return [
                    "type": alert.queryType, "dataset": alert.dataset, "query": alert.query,
                    "aggregate": MetricAlert.storedAggregate(alert.aggregate), "time_window": alert.timeWindow * 60,
                    "resolution": resolutionSeconds(alert), "date_added": now, "environment_id": environment,
                ]
            })
        var eventTypes: [Record] = []
        for (alert, queryId) in zip(alerts, queryIds) {
            for type in Self.eventTypes(alert) {
                eventTypes.append(["snuba_query_id": queryId, "type": type])
            }
        }
        try session.copy("sentry_snubaqueryeventtype", eventTypes)

        let alertIds = try session.copyReturningIds(
            "sentry_alertrule",
            zip(alerts, queryIds).map { alert, queryId in
                alertRecord(alert, queryId: queryId, orgId: orgId, owners: owners, index: index)
            })

        var projectRows: [Record] = []
        var subscriptions: [Record] = []
        // `date_updated` older than SUBSCRIPTION_STATUS_MAX_AGE (10 minutes), so the first run of
        // subscription_checker picks the row up.
        let checkerReady = now.addingTimeInterval(-11 * 60)
        for (alert, (alertId, queryId)) in zip(alerts, zip(alertIds, queryIds)) {
            for project in alert.projects {
                let id = try projectId(project, index)
                projectRows.append(["alert_rule_id": alertId, "project_id": id, "date_added": now])
                subscriptions.append([
                    "type": "incidents", "status": alert.enabled ? 1 : 4, "subscription_id": SQLNull(),
                    "project_id": id, "snuba_query_id": queryId, "date_added": now, "date_updated": checkerReady,
                    "query_extra": SQLNull(),
                ])
            }
        }
        if session.has("sentry_alertruleprojects") { try session.copy("sentry_alertruleprojects", projectRows) }
        try session.copy("sentry_querysubscription", subscriptions)
        try session.copy(
            "sentry_alertruleactivity",
            zip(alerts, alertIds).map { alert, id -> Record in
                let creator = alert.createdBy.flatMap { index.members[$0.lowercased()]?.userId }
                return [
                    "alert_rule_id": id, "type": 1, "date_added": now, "previous_alert_rule_id": SQLNull(),
                    "user_id": creator ?? SQLNull() as any PostgresEncodable,
                ]
            })

        var triggers: [(alert: MetricAlert, alertId: Int64, trigger: MetricAlertTrigger)] = []
        for (alert, alertId) in zip(alerts, alertIds) {
            for trigger in alert.triggers { triggers.append((alert, alertId, trigger)) }
        }
        try createTriggers(triggers, index: index, installed: installed)
    }

    /// `create_alert_rule_trigger` and `create_alert_rule_trigger_action` for each trigger. The
    /// trigger's own threshold type and resolve threshold stay NULL: Sentry reads the alert's
    /// (`create_alert_rule_trigger` sets neither).
    func createTriggers(
        _ triggers: [(alert: MetricAlert, alertId: Int64, trigger: MetricAlertTrigger)], index: OrganizationIndex,
        installed: [IntegrationReference: Int64]
    ) throws {
        guard !triggers.isEmpty else { return }
        let triggerIds = try session.copyReturningIds(
            "sentry_alertruletrigger",
            triggers.map { entry -> Record in
                [
                    "alert_rule_id": entry.alertId, "label": entry.trigger.label,
                    "alert_threshold": entry.alert.storedThreshold(entry.trigger.alertThreshold)
                        ?? entry.trigger.alertThreshold,
                    "threshold_type": SQLNull(), "resolve_threshold": SQLNull(), "date_added": session.timestamp,
                ]
            })
        var actions: [Record] = []
        for (entry, triggerId) in zip(triggers, triggerIds) {
            for action in entry.trigger.actions {
                actions.append(
                    try record(action, triggerId: triggerId, alert: entry.alert, index: index, installed: installed))
            }
        }
        try session.copy("sentry_alertruletriggeraction", actions)
    }

    /// The `sentry_alertrule` row, owner columns of every version (each target keeps its own).
    func alertRecord(
        _ alert: MetricAlert, queryId: Int64, orgId: Int64, owners: OwnerIds, index: OrganizationIndex
    ) -> Record {
        let null: any PostgresEncodable = SQLNull()
        var record: Record = [
            "organization_id": orgId, "snuba_query_id": queryId, "name": alert.name,
            "status": alert.enabled ? 0 : 5, "threshold_type": alert.thresholdType,
            "threshold_period": alert.thresholdPeriod, "include_all_projects": false,
            "date_added": session.timestamp, "date_modified": session.timestamp,
        ]
        record["resolve_threshold"] = alert.storedThreshold(alert.resolveThreshold) ?? null
        record["comparison_delta"] = alert.comparisonDelta.map { $0 * 60 } ?? null
        record["owner_id"] = owners.actor(team: alert.ownerTeam, member: alert.ownerMember) ?? null
        record["team_id"] = alert.ownerTeam.flatMap { index.teams[$0] } ?? null
        record["user_id"] = alert.ownerMember.flatMap { index.members[$0.lowercased()]?.userId } ?? null
        // 24.x+ columns (dropped by the session on 23.x): a continuous monitor, with the detection
        // type Sentry derives from the comparison delta.
        record["monitor_type"] = 0
        record["detection_type"] = alert.comparisonDelta == nil ? "static" : "percent"
        record["description"] = null
        record["sensitivity"] = null
        record["seasonality"] = null
        return record
    }

    /// One action's row: team and member targets and the integration as the target's ids. An action
    /// whose integration is missing is only left in a disabled alert (`disable`): it keeps no
    /// integration id, so it cannot notify a wrong workspace.
    func record(
        _ action: MetricAlertAction, triggerId: Int64, alert: MetricAlert, index: OrganizationIndex,
        installed: [IntegrationReference: Int64]
    ) throws -> Record {
        guard let type = MetricAlertAction.typeValues[action.type],
            let targetType = MetricAlertAction.targetTypeValues[action.targetType]
        else {
            throw RuleTargetError(
                rule: alert.key, problem: "action type '\(action.type)'/'\(action.targetType)' is unknown",
                stage: "metric-alerts")
        }
        var identifier: (any PostgresEncodable)? = action.targetIdentifier
        if let team = action.targetTeam {
            guard let id = index.teams[team] else {
                throw RuleTargetError(
                    rule: alert.key, problem: "team '\(team)' is not on the target", stage: "metric-alerts")
            }
            identifier = String(id)
        }
        if let email = action.targetMember {
            guard let id = index.members[email.lowercased()]?.userId else {
                throw RuleTargetError(
                    rule: alert.key, problem: "member '\(email)' has no user on the target", stage: "metric-alerts")
            }
            identifier = String(id)
        }
        return [
            "alert_rule_trigger_id": triggerId, "type": type, "target_type": targetType,
            "target_identifier": identifier ?? SQLNull(),
            "target_display": action.targetDisplay ?? SQLNull() as any PostgresEncodable,
            "integration_id": action.integration.flatMap { installed[$0] } ?? SQLNull() as any PostgresEncodable,
            "sentry_app_id": action.sentryAppId.flatMap(Int64.init) ?? SQLNull() as any PostgresEncodable,
            "sentry_app_config": SQLNull(), "date_added": session.timestamp, "status": 0,
        ]
    }

    /// `create_snuba_query`: the listed types, or the dataset's default when none is listed.
    static func eventTypes(_ alert: MetricAlert) -> [Int] {
        let listed = alert.eventTypes.compactMap { MetricAlert.eventTypeValues[$0] }
        if !listed.isEmpty { return Array(Set(listed)).sorted() }
        switch alert.dataset {
        case "events": return [0]
        case "transactions": return [2]
        default: return []
        }
    }

    /// `snubaquery.resolution` in seconds as the target's Sentry computes it: 23.7.1 one minute, two
    /// for comparison alerts (`DEFAULT_ALERT_RULE_RESOLUTION`, `DEFAULT_CMP_ALERT_RULE_RESOLUTION`);
    /// 24.x+ by time window (`get_alert_resolution`; reference/alerts.md §2.6), doubled for comparisons.
    func resolutionSeconds(_ alert: MetricAlert) -> Int {
        var minutes = 1
        if session.profile.family != .v23 {
            let byWindow = [30: 2, 60: 3, 90: 3, 120: 3, 240: 5, 720: 5, 1440: 15]
            minutes = alert.timeWindow < 30 ? 1 : byWindow[alert.timeWindow] ?? 1
        }
        if alert.comparisonDelta != nil { minutes *= 2 }
        return minutes * 60
    }

    func projectId(_ slug: String, _ index: OrganizationIndex) throws -> Int64 {
        guard let id = index.projects[slug] else {
            throw ApplyOrderError(
                message: "project '\(slug)' is not on the target; apply the projects stage (or its wave) first")
        }
        return id
    }
}
