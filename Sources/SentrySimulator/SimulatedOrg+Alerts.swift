import SentryModel

extension SimulatedOrg {
    struct RuleRecord: Sendable {
        /// The hosted id; 10^10 or more for a rule sentry.io made up from its new alert model.
        var id: Int
        var rule: IssueAlertRule
    }

    struct MetricAlertRecord: Sendable {
        /// The hosted id; 10^10 or more for one sentry.io made up from its new alert model.
        var id: Int
        var alert: MetricAlert
    }

    /// Metric alerts with their hosted ids (numeric `hostedId`s kept, others made up).
    static func metricAlertRecords(_ alerts: [MetricAlert]) -> [MetricAlertRecord] {
        var nextId = 700_000
        return alerts.map { alert -> MetricAlertRecord in
            if let hosted = alert.hostedId.flatMap({ Int($0) }) { return MetricAlertRecord(id: hosted, alert: alert) }
            nextId += 1
            return MetricAlertRecord(id: nextId, alert: alert)
        }.sorted { $0.id < $1.id }
    }

    struct IntegrationRecord: Sendable {
        var id: Int
        var reference: IntegrationReference
    }

    /// Rules with their hosted ids (numeric `hostedId`s kept), and one installed integration per
    /// distinct integration the rules' actions name, with made-up ids.
    static func alertRecords(
        _ rules: [IssueAlertRule], projects: [ProjectRecord], metricAlerts: [MetricAlert] = []
    ) -> ([RuleRecord], [IntegrationRecord]) {
        var nextRuleId = 400_000
        let records = rules.map { rule -> RuleRecord in
            if let hosted = rule.hostedId.flatMap({ Int($0) }) { return RuleRecord(id: hosted, rule: rule) }
            nextRuleId += 1
            return RuleRecord(id: nextRuleId, rule: rule)
        }.sorted { $0.id < $1.id }
        let references = Set(
            rules.flatMap { $0.actions.compactMap(AlertNodes.integration(of:)) }
                + metricAlerts.flatMap { $0.actions.compactMap(\.integration) })
        let integrations = references.sorted { ($0.provider, $0.externalId) < ($1.provider, $1.externalId) }
            .enumerated().map { IntegrationRecord(id: 60_001 + $0.offset, reference: $0.element) }
        return (records, integrations)
    }

    func integrationId(_ reference: IntegrationReference) -> Int? {
        integrations.first { $0.reference == reference }?.id
    }
}
