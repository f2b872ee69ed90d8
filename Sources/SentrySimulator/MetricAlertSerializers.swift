import Foundation
import SentryModel

/// A metric alert rule as `AlertRuleSerializer.serialize` answers it (Sentry 23.7.1
/// `api/serializers/models/alert_rule.py`; the 24.x fields `detectionType`, `description`, … as
/// sentry.io adds them), or as `DetailedAlertRuleSerializer` does when `detailed`: only the detail
/// has `eventTypes`, `excludedProjects` and `snooze`. Minutes are Python floats (`time_window / 60`),
/// thresholds of comparison alerts are shown as a percentage change (`translate_threshold`), the
/// aggregate untranslated (`translate_aggregate_field(reverse=True)`).
struct MetricAlertBody: Encodable {
    let record: SimulatedOrg.MetricAlertRecord
    let org: SimulatedOrg
    let detailed: Bool

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let alert = record.alert
        try container.encode(String(record.id), forKey: "id")
        try container.encode(alert.name, forKey: "name")
        try container.encode(String(org.id), forKey: "organizationId")
        try container.encode(alert.enabled ? 0 : 5, forKey: "status")
        try container.encode(alert.queryType, forKey: "queryType")
        try container.encode(alert.dataset, forKey: "dataset")
        try container.encode(alert.query, forKey: "query")
        try container.encode(alert.aggregate, forKey: "aggregate")
        try container.encode(alert.thresholdType, forKey: "thresholdType")
        try container.encode(alert.resolveThreshold, forKey: "resolveThreshold")
        try container.encode(Double(alert.timeWindow), forKey: "timeWindow")
        try container.encode(alert.environment, forKey: "environment")
        try container.encode(alert.comparisonDelta == nil ? 1.0 : 2.0, forKey: "resolution")
        try container.encode(alert.thresholdPeriod, forKey: "thresholdPeriod")
        try container.encode(
            alert.triggers.sorted { $0.label < $1.label }.enumerated().map { index, trigger in
                TriggerBody(
                    id: record.id * 10 + index, alertId: record.id, trigger: trigger, alert: alert, org: org)
            }, forKey: "triggers")
        try container.encode(alert.projects.sorted(), forKey: "projects")
        try container.encode(false, forKey: "includeAllProjects")
        var owner: String?
        if let team = alert.ownerTeam, let record = org.team(team) { owner = "team:\(record.id)" }
        if let email = alert.ownerMember, let userId = org.member(email: email)?.userId { owner = "user:\(userId)" }
        try container.encode(owner, forKey: "owner")
        try container.encodeNil(forKey: "originalAlertRuleId")
        try container.encode(alert.comparisonDelta.map(Double.init), forKey: "comparisonDelta")
        try container.encode("2024-01-02T03:04:05.000000Z", forKey: "dateModified")
        try container.encode(SimulatedDates.iso(forId: record.id), forKey: "dateCreated")
        if let email = alert.createdBy, let member = org.member(email: email), let userId = member.userId {
            try container.encode(
                CreatedBy(id: userId, name: member.member.name, email: member.member.email),
                forKey: "createdBy")
        } else {
            try container.encodeNil(forKey: "createdBy")
        }
        try container.encodeNil(forKey: "description")
        try container.encode(
            alert.detectionType ?? (alert.comparisonDelta == nil ? "static" : "percent"),
            forKey: "detectionType")
        try container.encodeNil(forKey: "sensitivity")
        try container.encodeNil(forKey: "seasonality")
        if detailed {
            try container.encode([String](), forKey: "excludedProjects")
            try container.encode(alert.eventTypes.sorted(), forKey: "eventTypes")
            try container.encode(false, forKey: "snooze")
        }
    }

    struct CreatedBy: Encodable {
        var id: Int
        var name: String
        var email: String
    }
}

/// `AlertRuleTriggerSerializer`: the rule's threshold type and resolve threshold copied in.
private struct TriggerBody: Encodable {
    let id: Int
    let alertId: Int
    let trigger: MetricAlertTrigger
    let alert: MetricAlert
    let org: SimulatedOrg

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(String(id), forKey: "id")
        try container.encode(String(alertId), forKey: "alertRuleId")
        try container.encode(trigger.label, forKey: "label")
        try container.encode(alert.thresholdType, forKey: "thresholdType")
        try container.encode(trigger.alertThreshold, forKey: "alertThreshold")
        try container.encode(alert.resolveThreshold, forKey: "resolveThreshold")
        try container.encode("2024-01-02T03:04:05.000000Z", forKey: "dateCreated")
        try container.encode(
            trigger.actions.enumerated().map {
                ActionBody(id: id * 10 + $0.offset, triggerId: id, action: $0.element, org: org)
            },
            forKey: "actions")
    }
}

/// `AlertRuleTriggerActionSerializer`: PagerDuty and Sentry App targets as integers, others as the
/// display name when one is stored (a Slack channel's `#name`), the Slack channel id as
/// `inputChannelId`, and a `desc` rendered from the display name.
private struct ActionBody: Encodable {
    let id: Int
    let triggerId: Int
    let action: MetricAlertAction
    let org: SimulatedOrg

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(String(id), forKey: "id")
        try container.encode(String(triggerId), forKey: "alertRuleTriggerId")
        try container.encode(action.type, forKey: "type")
        try container.encode(action.targetType, forKey: "targetType")
        var stored = action.targetIdentifier
        if let team = action.targetTeam { stored = org.team(team).map { String($0.id) } }
        if let email = action.targetMember { stored = org.member(email: email)?.userId.map(String.init) }
        if ["pagerduty", "sentry_app"].contains(action.type), let number = stored.flatMap(Int.init) {
            try container.encode(number, forKey: "targetIdentifier")
        } else {
            try container.encode(action.targetDisplay ?? stored, forKey: "targetIdentifier")
        }
        try container.encode(action.type == "slack" ? stored : nil, forKey: "inputChannelId")
        try container.encode(action.integration.flatMap { org.integrationId($0) }, forKey: "integrationId")
        try container.encode(action.sentryAppId.flatMap(Int.init), forKey: "sentryAppId")
        try container.encode("2024-01-02T03:04:05.000000Z", forKey: "dateCreated")
        try container.encode(description, forKey: "desc")
        if let priority = action.priority { try container.encode(priority, forKey: "priority") }
    }

    /// `human_desc`.
    private var description: String? {
        let display = action.targetDisplay ?? ""
        switch action.type {
        case "email":
            if let team = action.targetTeam { return "Send an email to members of #\(team)" }
            return action.targetMember.map { "Send a notification to \($0)" }
        case "pagerduty": return "Send a PagerDuty notification to \(display)"
        case "slack": return "Send a Slack notification to \(display)"
        case "msteams": return "Send a Microsoft Teams notification to \(display)"
        case "sentry_app": return "Send a notification via \(display)"
        default: return nil
        }
    }
}
