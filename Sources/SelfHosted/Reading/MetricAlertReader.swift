import SentryModel

/// Metric alerts as the target stores them (`sentry_alertrule` with status 0 or 5; snapshots, 4, are
/// Sentry's history, never listed), in the snapshot's form: minutes, thresholds and aggregate as the
/// API shows them (`AlertRuleSerializer`), ids as natural keys. Projects come from
/// `sentry_alertruleprojects` where it exists (24.x+ lists alerts by it), else from the alert's
/// subscriptions (23.x `AlertRule.objects.fetch_for_project`), leaving out DELETING (3) ones: a
/// project removed from the alert, whose subscription the checker is about to delete.
struct MetricAlertReader {
    let connection: PostgresConnection
    let profile: TargetProfile

    func read(orgId: Int64, projectSlugs: [Int64: String], teamSlugs: [Int64: String]) throws -> [MetricAlert] {
        guard profile.metricAlertsRefusal == nil || profile.family == .v26,
            profile.catalog.hasTable("sentry_alertrule"), profile.catalog.hasTable("sentry_snubaquery")
        else { return [] }
        let owner =
            profile.catalog.column("sentry_alertrule", "owner_id") != nil
            ? "(SELECT act.team_id FROM sentry_actor act WHERE act.id = a.owner_id) AS owner_team, "
                + "(SELECT act.user_id FROM sentry_actor act WHERE act.id = a.owner_id) AS owner_user"
            : "a.team_id AS owner_team, a.user_id AS owner_user"
        let rows = try connection.query(
            """
            SELECT a.id, a.name, a.status, a.threshold_type, a.resolve_threshold, a.threshold_period,
                   a.comparison_delta, q.dataset, q.type AS query_type, q.query, q.aggregate, q.time_window,
                   q.id AS query_id, e.name AS environment, \(unescaped: owner),
                   (SELECT lower(u.email) FROM sentry_alertruleactivity act JOIN auth_user u ON u.id = act.user_id
                    WHERE act.alert_rule_id = a.id AND act.type = 1 ORDER BY act.id LIMIT 1) AS created_by
            FROM sentry_alertrule a JOIN sentry_snubaquery q ON q.id = a.snuba_query_id
            LEFT JOIN sentry_environment e ON e.id = q.environment_id AND e.organization_id = \(orgId)
            WHERE a.organization_id = \(orgId) AND a.status IN (0, 5)
            """, activity: "reading metric alerts")
        guard !rows.isEmpty else { return [] }
        let alertIds = try rows.map { try $0.int64("id") }
        let queryIds = try rows.map { try $0.int64("query_id") }
        var projects: [Int64: [String]] = [:]
        let projectSQL: SQL =
            profile.catalog.hasTable("sentry_alertruleprojects")
            ? "SELECT alert_rule_id, project_id FROM sentry_alertruleprojects WHERE alert_rule_id = ANY(\(alertIds))"
            : """
            SELECT DISTINCT a.id AS alert_rule_id, s.project_id FROM sentry_alertrule a
            JOIN sentry_querysubscription s ON s.snuba_query_id = a.snuba_query_id WHERE a.id = ANY(\(alertIds))
            AND s.status <> 3
            """
        for row in try connection.query(projectSQL, activity: "reading metric alert projects") {
            if let slug = projectSlugs[try row.int64("project_id")] {
                projects[try row.int64("alert_rule_id"), default: []].append(slug)
            }
        }
        var eventTypes: [Int64: [String]] = [:]
        let typeNames = Dictionary(MetricAlert.eventTypeValues.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try connection.query(
            "SELECT snuba_query_id, type FROM sentry_snubaqueryeventtype WHERE snuba_query_id = ANY(\(queryIds))",
            activity: "reading metric alert event types")
        {
            eventTypes[try row.int64("snuba_query_id"), default: []].append(typeNames[try row.int("type")] ?? "unknown")
        }
        let users = try AlertReading.memberUserEmails(orgId: orgId, connection: connection, for: "metric alerts")
        let integrations = Dictionary(
            try RuleReader.integrations(orgId: orgId, connection: connection).map { ($1, $0) },
            uniquingKeysWith: { first, _ in first })
        var triggers: [Int64: [(id: Int64, trigger: MetricAlertTrigger)]] = [:]
        for row in try connection.query(
            """
            SELECT id, alert_rule_id, label, alert_threshold FROM sentry_alertruletrigger
            WHERE alert_rule_id = ANY(\(alertIds)) ORDER BY label
            """, activity: "reading metric alert triggers")
        {
            triggers[try row.int64("alert_rule_id"), default: []].append(
                (
                    try row.int64("id"),
                    MetricAlertTrigger(
                        label: try row.string("label"),
                        alertThreshold: try row.double("alert_threshold"))
                ))
        }
        let triggerIds = triggers.values.flatMap { $0.map(\.id) }
        var actions: [Int64: [MetricAlertAction]] = [:]
        let typeSlugs = Dictionary(MetricAlertAction.typeValues.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let targetSlugs = Dictionary(
            MetricAlertAction.targetTypeValues.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try connection.query(
            """
            SELECT alert_rule_trigger_id, type, target_type, target_identifier, target_display, integration_id,
                   sentry_app_id FROM sentry_alertruletriggeraction
            WHERE alert_rule_trigger_id = ANY(\(triggerIds)) ORDER BY id
            """, activity: "reading metric alert actions")
        {
            var action = MetricAlertAction(
                type: typeSlugs[try row.int("type")] ?? "unknown",
                targetType: targetSlugs[try row.int("target_type")] ?? "unknown",
                targetIdentifier: try row.optionalString("target_identifier"),
                targetDisplay: try row.optionalString("target_display"),
                sentryAppId: try row.optionalInt64("sentry_app_id").map(String.init))
            let identifier = action.targetIdentifier.flatMap(Int64.init)
            if action.type == "email", action.targetType == "team", let slug = identifier.flatMap({ teamSlugs[$0] }) {
                action.targetTeam = slug
                action.targetIdentifier = nil
            }
            if action.type == "email", action.targetType == "user", let email = identifier.flatMap({ users[$0] }) {
                action.targetMember = email
                action.targetIdentifier = nil
            }
            action.integration = try row.optionalInt64("integration_id").flatMap { integrations[$0] }
            actions[try row.int64("alert_rule_trigger_id"), default: []].append(action)
        }

        var numbered: [(alert: MetricAlert, id: Int64)] = []
        for row in rows {
            let id = try row.int64("id")
            let thresholdType = try row.optionalInt("threshold_type") ?? 0
            let comparison = try row.optionalInt64("comparison_delta")
            let isComparison = comparison != nil
            var alert = MetricAlert(
                projects: projects[id] ?? [], name: try row.string("name"), enabled: try row.int("status") == 0,
                dataset: try row.string("dataset"), queryType: try row.int("query_type"),
                query: try row.string("query"),
                aggregate: MetricAlert.shownAggregate(try row.string("aggregate")),
                timeWindow: try row.int("time_window") / 60, thresholdType: thresholdType,
                resolveThreshold: MetricAlert.shownThreshold(
                    try row.optionalDouble("resolve_threshold"), thresholdType: thresholdType, comparison: isComparison),
                thresholdPeriod: try row.int("threshold_period"), comparisonDelta: comparison.map { Int($0 / 60) },
                environment: try row.optionalString("environment"),
                eventTypes: (eventTypes[try row.int64("query_id")] ?? []).sorted(),
                createdBy: try row.optionalString("created_by"), hostedId: String(id))
            alert.triggers = (triggers[id] ?? []).map { entry in
                var trigger = entry.trigger
                trigger.alertThreshold =
                    MetricAlert.shownThreshold(
                        trigger.alertThreshold, thresholdType: thresholdType, comparison: isComparison)
                    ?? trigger.alertThreshold
                trigger.actions = actions[entry.id] ?? []
                return trigger
            }
            if let team = try row.optionalInt64("owner_team") { alert.ownerTeam = teamSlugs[team] }
            if let user = try row.optionalInt64("owner_user") { alert.ownerMember = users[user] }
            // Alerts only of projects outside this organization's readable ones are not ours to show.
            guard !alert.projects.isEmpty else { continue }
            numbered.append((alert, id))
        }
        return MetricAlert.numbered(numbered)
    }
}
