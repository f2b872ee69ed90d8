import SentryModel

extension TargetDatabase {
    /// What a migrated metric alert needs to fire (reference/alerts.md §3.1, §4, §5): every project
    /// it watches has a subscription that is active, or pending creation in a state Sentry's
    /// `subscription_checker` picks up (CREATING or UPDATING with a `date_updated`: a NULL one is
    /// never older than anything); its environment exists; its e-mail targets are a team with access
    /// to one of the alert's own projects, or a member user; every integration an action names is
    /// installed and active.
    func metricAlertViolations(orgId: Int64) throws -> [InvariantViolation] {
        guard profile.catalog.hasTable("sentry_alertrule"), profile.catalog.hasTable("sentry_querysubscription")
        else { return [] }
        let rows = try connection.query(
            """
            SELECT a.id, a.name, q.environment_id, e.id AS found_environment,
                   (SELECT count(*) FROM sentry_querysubscription s WHERE s.snuba_query_id = q.id) AS subscriptions,
                   (SELECT count(*) FROM sentry_querysubscription s WHERE s.snuba_query_id = q.id
                    AND (s.status = 0 AND s.subscription_id IS NOT NULL
                         OR s.status IN (1, 2) AND s.date_updated IS NOT NULL)) AS live
            FROM sentry_alertrule a JOIN sentry_snubaquery q ON q.id = a.snuba_query_id
            LEFT JOIN sentry_environment e ON e.id = q.environment_id AND e.organization_id = \(orgId)
            WHERE a.organization_id = \(orgId) AND a.status = 0
            """, activity: "reading metric alerts for their subscriptions")
        guard !rows.isEmpty else { return [] }
        let projectTeams = try projectTeamPairs(orgId: orgId, for: "metric alerts")
        // The alert's own projects: 24.x+ lists an alert's projects in sentry_alertruleprojects, 23.x
        // by its subscriptions (`AlertRule.objects.fetch_for_project`).
        let projectSQL: SQL =
            profile.catalog.hasTable("sentry_alertruleprojects")
            ? """
            SELECT p.alert_rule_id, p.project_id FROM sentry_alertruleprojects p
            JOIN sentry_alertrule a ON a.id = p.alert_rule_id WHERE a.organization_id = \(orgId)
            """
            : """
            SELECT DISTINCT a.id AS alert_rule_id, s.project_id FROM sentry_alertrule a
            JOIN sentry_querysubscription s ON s.snuba_query_id = a.snuba_query_id WHERE a.organization_id = \(orgId)
            AND s.status <> 3
            """
        var alertProjects: [Int64: Set<Int64>] = [:]
        for row in try connection.query(projectSQL, activity: "reading metric alert projects") {
            alertProjects[try row.int64("alert_rule_id"), default: []].insert(try row.int64("project_id"))
        }
        let users = Set(
            try connection.query(
                """
                SELECT m.user_id FROM sentry_organizationmember m WHERE m.organization_id = \(orgId)
                AND m.user_id IS NOT NULL
                """, activity: "reading member users for metric alerts"
            ).map { try $0.int64("user_id") })
        let integrations = Set(try RuleReader.integrations(orgId: orgId, connection: connection).values)
        var actionProblems: [Int64: [String]] = [:]
        for row in try connection.query(
            """
            SELECT t.alert_rule_id, t.label, a.type, a.target_type, a.target_identifier, a.integration_id
            FROM sentry_alertruletriggeraction a JOIN sentry_alertruletrigger t ON t.id = a.alert_rule_trigger_id
            JOIN sentry_alertrule r ON r.id = t.alert_rule_id WHERE r.organization_id = \(orgId) AND r.status = 0
            """, activity: "reading metric alert actions")
        {
            let alertId = try row.int64("alert_rule_id")
            let label = try row.string("label")
            let type = try row.int("type")
            let target = try row.optionalString("target_identifier").flatMap(Int64.init)
            switch (type, try row.int("target_type")) {
            case (0, 1) where target.map({ !users.contains($0) }) ?? true:
                actionProblems[alertId, default: []].append(
                    "\(label) e-mail action names user id \(target.map(String.init) ?? "(none)"), which is no member user"
                )
            case (0, 2):
                actionProblems[alertId, default: []].append(
                    contentsOf: target == nil ? ["\(label) e-mail action names no team"] : [])
                if let target { actionProblems[alertId, default: []] += teamCheck(target, label, alertId) }
            default: break
            }
            // PagerDuty, Slack, MS Teams, Opsgenie and Discord notify through an installed integration.
            if [1, 2, 3, 6, 7].contains(type),
                try row.optionalInt64("integration_id").map({ !integrations.contains($0) }) ?? true
            {
                actionProblems[alertId, default: []].append(
                    "\(label) action of type \(type) names integration "
                        + "\(try row.optionalInt64("integration_id").map(String.init) ?? "(none)"), which is not "
                        + "installed on the organization")
            }
        }
        // An e-mail to a team reaches its members only if the team has access to one of the alert's
        // own projects; a team of another project of the organization is not enough.
        func teamCheck(_ team: Int64, _ label: String, _ alertId: Int64) -> [String] {
            let projects = alertProjects[alertId] ?? []
            return projects.contains { projectTeams.contains("\($0)/\(team)") }
                ? []
                : [
                    "\(label) e-mail action names team id \(team), which has no access to the alert's projects (ids "
                        + projects.sorted().map(String.init).joined(separator: ", ") + ")"
                ]
        }

        var violations: [InvariantViolation] = []
        for row in rows {
            let entity = "metric-alerts/\(try row.string("name"))"
            if let environment = try row.optionalInt64("environment_id"),
                try row.optionalInt64("found_environment") == nil
            {
                violations.append(
                    InvariantViolation(
                        check: "metric-alert-environment-exists", entity: entity,
                        message: "names environment id \(environment), which the organization does not have"))
            }
            let subscriptions = try row.int("subscriptions")
            let live = try row.int("live")
            if subscriptions == 0 || live < subscriptions {
                violations.append(
                    InvariantViolation(
                        check: "metric-alert-subscribed", entity: entity,
                        message:
                            "\(subscriptions - live) of its \(subscriptions) Snuba subscriptions are neither active "
                            + "nor pending creation (status CREATING/UPDATING with a date_updated): the alert does not "
                            + "evaluate"))
            }
            if let problems = actionProblems[try row.int64("id")], !problems.isEmpty {
                violations.append(
                    InvariantViolation(
                        check: "metric-alert-target-resolves", entity: entity, message: problems.joined(separator: "; ")
                    ))
            }
        }
        return violations
    }
}
