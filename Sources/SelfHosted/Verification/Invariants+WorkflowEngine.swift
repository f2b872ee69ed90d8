import SentryModel

extension TargetDatabase {
    /// On a target whose Sentry evaluates alerts only through the workflow engine (26.x,
    /// reference/alerts.md §2.7), what makes each carried alert fire beyond its legacy rows: an issue
    /// rule needs its workflow (`workflow_engine_alertruleworkflow.rule_id`); a metric alert its
    /// detector (`workflow_engine_alertruledetector.alert_rule_id`) fed by a data source for each of
    /// its subscriptions (`workflow_engine_datasource` type `snuba_query_subscription`, `source_id` the
    /// subscription id, linked through `workflow_engine_datasourcedetector`), which is what Sentry's
    /// `IssueAlertMigrator` and `dual_write_alert_rule` build. `sentry-migrate finish` has them built;
    /// carried means in the desired snapshot and on the target under the same key.
    func workflowEngineViolations(orgId: Int64, desired: Snapshot) throws -> [InvariantViolation] {
        guard profile.needsWorkflowEngine, !(desired.rules.isEmpty && desired.metricAlerts.isEmpty) else { return [] }
        let missing = profile.missingWorkflowEngineTables
        guard missing.isEmpty else {
            return [
                InvariantViolation(
                    check: "alert-workflow-engine", entity: "organization/\(desired.organization.slug)",
                    message: "the target evaluates alerts only through Sentry's workflow engine, but has no "
                        + "\(missing.joined(separator: ", ")) table(s): no carried alert fires (run `sentry upgrade`)")
            ]
        }
        var projectSlugs: [Int64: String] = [:]
        for row in try connection.query(
            "SELECT id, slug FROM sentry_project WHERE organization_id = \(orgId)",
            activity: "listing projects for workflow-engine rows")
        {
            projectSlugs[try row.int64("id")] = try row.string("slug")
        }
        var teamSlugs: [Int64: String] = [:]
        for row in try connection.query(
            "SELECT id, slug FROM sentry_team WHERE organization_id = \(orgId)",
            activity: "listing teams for workflow-engine rows")
        {
            teamSlugs[try row.int64("id")] = try row.string("slug")
        }
        let hint = "run `sentry-migrate finish` with the plan apply applied (it has Sentry build them)"
        var violations: [InvariantViolation] = []

        let wantedRules = Set(desired.rules.map(\.key))
        let rules = try RuleReader(connection: connection, profile: profile)
            .read(orgId: orgId, projectSlugs: projectSlugs, teamSlugs: teamSlugs)
            .filter { wantedRules.contains($0.key) }
        let ruleIds = rules.compactMap { $0.hostedId.flatMap { Int64($0) } }
        let withWorkflow = Set(
            try connection.query(
                "SELECT DISTINCT rule_id FROM workflow_engine_alertruleworkflow WHERE rule_id = ANY(\(ruleIds))",
                activity: "reading workflows of issue alert rules"
            ).map { try $0.int64("rule_id") })
        for rule in rules where !withWorkflow.contains(rule.hostedId.flatMap { Int64($0) } ?? -1) {
            violations.append(
                InvariantViolation(
                    check: "rule-workflow-exists", entity: "rules/\(rule.key)",
                    message: "has no workflow-engine workflow (workflow_engine_alertruleworkflow): Sentry on this "
                        + "target never evaluates it; \(hint)"))
        }

        let wantedAlerts = Set(desired.metricAlerts.map(\.key))
        let alerts = try MetricAlertReader(connection: connection, profile: profile)
            .read(orgId: orgId, projectSlugs: projectSlugs, teamSlugs: teamSlugs)
            .filter { wantedAlerts.contains($0.key) }
        let alertIds = alerts.compactMap { $0.hostedId.flatMap { Int64($0) } }
        var detectors: [Int64: Int64] = [:]
        for row in try connection.query(
            """
            SELECT alert_rule_id, detector_id FROM workflow_engine_alertruledetector
            WHERE alert_rule_id = ANY(\(alertIds))
            """, activity: "reading detectors of metric alerts")
        {
            detectors[try row.int64("alert_rule_id")] = try row.int64("detector_id")
        }
        // Each subscription of the alert, and whether a data source of it feeds the alert's detector.
        var unfed: [Int64: [Int64]] = [:]
        for row in try connection.query(
            """
            SELECT a.id AS alert_rule_id, s.id AS subscription_id,
                   EXISTS (SELECT 1 FROM workflow_engine_datasource ds
                           JOIN workflow_engine_datasourcedetector dd ON dd.data_source_id = ds.id
                           JOIN workflow_engine_alertruledetector ad ON ad.detector_id = dd.detector_id
                           WHERE ds.type = 'snuba_query_subscription' AND ds.source_id = s.id::text
                             AND ad.alert_rule_id = a.id) AS fed
            FROM sentry_alertrule a JOIN sentry_querysubscription s ON s.snuba_query_id = a.snuba_query_id
            WHERE a.id = ANY(\(alertIds)) ORDER BY s.id
            """, activity: "reading data sources of metric alert subscriptions")
        {
            guard try !row.bool("fed") else { continue }
            unfed[try row.int64("alert_rule_id"), default: []].append(try row.int64("subscription_id"))
        }
        for alert in alerts {
            guard let id = alert.hostedId.flatMap({ Int64($0) }) else { continue }
            if detectors[id] == nil {
                violations.append(
                    InvariantViolation(
                        check: "metric-alert-detector-exists", entity: "metric-alerts/\(alert.key)",
                        message: "has no workflow-engine detector (workflow_engine_alertruledetector): Sentry on this "
                            + "target never notifies for it; \(hint)"))
            } else if let subscriptions = unfed[id] {
                violations.append(
                    InvariantViolation(
                        check: "metric-alert-data-source-exists", entity: "metric-alerts/\(alert.key)",
                        message: "its detector is fed by no snuba_query_subscription data source of subscription(s) "
                            + subscriptions.map(String.init).joined(separator: ", ")
                            + " (workflow_engine_datasource): the detector never sees the alert's results; \(hint)"))
            }
        }
        return violations
    }
}
