// Metric alert rules (`sentry_alertrule` with its Snuba query, triggers and actions), keyed by natural
// keys: the alert's first project (in UTF-8 order), its name and its ordinal among that project's
// metric alerts of that name. Values are kept as sentry.io's API shows them (time window and
// comparison delta in minutes, thresholds of comparison alerts as a percentage change, the aggregate
// untranslated), ids replaced by natural keys; see docs/snapshot-format.md "metric-alerts.json".

public struct MetricAlert: Codable, Sendable, Hashable {
    /// Project slugs the alert watches, sorted (one in practice; `AlertRule.projects`).
    public var projects: [String]
    /// `sentry_alertrule.name`.
    public var name: String
    /// 1 for the oldest alert (lowest hosted id) of this name on its first project, 2 for the next, …
    public var ordinal: Int
    /// `status` 0 (active) or 5 (disabled).
    public var enabled: Bool
    /// `snubaquery.dataset`: `events`, `transactions`, `generic_metrics`, `metrics`, `sessions`, …
    public var dataset: String
    /// `snubaquery.type`: 0 error, 1 performance, 2 crash rate.
    public var queryType: Int
    public var query: String
    /// As the API shows it: `count_unique(user)`, stored as `count_unique(tags[sentry:user])`.
    public var aggregate: String
    /// Minutes (`snubaquery.time_window` holds seconds).
    public var timeWindow: Int
    /// 0 above, 1 below.
    public var thresholdType: Int
    /// As the API shows it: for a comparison alert, a percentage change.
    public var resolveThreshold: Double?
    /// How many updates in a row must cross a threshold.
    public var thresholdPeriod: Int
    /// Minutes to compare with (a "percent change" alert); nil for a plain threshold.
    public var comparisonDelta: Int?
    /// Environment name; nil means every environment.
    public var environment: String?
    /// `error`, `default`, `transaction`, sorted (`sentry_snubaqueryeventtype`).
    public var eventTypes: [String]
    /// sentry.io's `detectionType` (`static`, `percent`, `dynamic`), when it says.
    public var detectionType: String?
    /// In label order (`critical`, `warning`).
    public var triggers: [MetricAlertTrigger]
    public var ownerTeam: String?
    public var ownerMember: String?
    /// E-mail of whoever created it, when known: provenance, not compared.
    public var createdBy: String?
    /// The alert id in the system the snapshot came from: provenance only (≥ 10^10 on sentry.io
    /// for one that exists only in its new alert model).
    public var hostedId: String?
    /// Set by `transform` from the mapping; absent otherwise (then `error`).
    public var missingIntegration: MissingIntegrationPolicy?

    public init(
        projects: [String], name: String, ordinal: Int = 1, enabled: Bool = true, dataset: String = "events",
        queryType: Int = 0, query: String = "", aggregate: String = "count()", timeWindow: Int = 60,
        thresholdType: Int = 0, resolveThreshold: Double? = nil, thresholdPeriod: Int = 1,
        comparisonDelta: Int? = nil, environment: String? = nil, eventTypes: [String] = ["error"],
        detectionType: String? = nil, triggers: [MetricAlertTrigger] = [], ownerTeam: String? = nil,
        ownerMember: String? = nil, createdBy: String? = nil, hostedId: String? = nil,
        missingIntegration: MissingIntegrationPolicy? = nil
    ) {
        self.projects = projects
        self.name = name
        self.ordinal = ordinal
        self.enabled = enabled
        self.dataset = dataset
        self.queryType = queryType
        self.query = query
        self.aggregate = aggregate
        self.timeWindow = timeWindow
        self.thresholdType = thresholdType
        self.resolveThreshold = resolveThreshold
        self.thresholdPeriod = thresholdPeriod
        self.comparisonDelta = comparisonDelta
        self.environment = environment
        self.eventTypes = eventTypes
        self.detectionType = detectionType
        self.triggers = triggers
        self.ownerTeam = ownerTeam
        self.ownerMember = ownerMember
        self.createdBy = createdBy
        self.hostedId = hostedId
        self.missingIntegration = missingIntegration
    }

    /// The project the key names: the first in UTF-8 order ("" for an alert without projects, which
    /// validation refuses).
    public var project: String { projects.first ?? "" }

    /// The natural key: `project/name#ordinal`, split back like an issue alert rule's.
    public var key: String { "\(project)/\(name)#\(ordinal)" }

    public var hasMadeUpHostedId: Bool {
        guard let id = hostedId.flatMap({ Int64($0) }) else { return false }
        return id >= IssueAlertRule.madeUpIdOffset
    }

    public var actions: [MetricAlertAction] { triggers.flatMap(\.actions) }

    /// Ordinals among alerts with the same first project and name, oldest (lowest id) first.
    public static func numbered(_ alerts: [(alert: MetricAlert, id: Int64)]) -> [MetricAlert] {
        var seen: [String: Int] = [:]
        return alerts.sorted { $0.id < $1.id }.map { entry in
            var alert = entry.alert
            alert.projects = alert.projects.sorted { $0.utf8Precedes($1) }
            seen["\(alert.project)/\(alert.name)", default: 0] += 1
            alert.ordinal = seen["\(alert.project)/\(alert.name)"]!
            return alert
        }
    }

    /// Threshold as stored: a comparison alert keeps a percentage of the compared value (`170` for
    /// "70 % higher", `40` for "60 % lower"); Sentry 23.7.1 `incidents/serializers/alert_rule.py`
    /// `_translate_thresholds`, read back by `incidents/endpoints/utils.py` `translate_threshold`.
    public func storedThreshold(_ value: Double?) -> Double? {
        guard let value, comparisonDelta != nil else { return value }
        return thresholdType == 1 ? 100 - value : value + 100
    }

    /// The API's value of a stored threshold (the inverse of `storedThreshold`).
    public static func shownThreshold(_ stored: Double?, thresholdType: Int, comparison: Bool) -> Double? {
        guard let stored, comparison else { return stored }
        return thresholdType == 1 ? 100 - stored : stored - 100
    }

    /// Columns the API shows untranslated (`TRANSLATABLE_COLUMNS`, 23.7.1 `incidents/logic.py`).
    static let translatableColumns = [
        "user": "tags[sentry:user]", "dist": "tags[sentry:dist]",
        "release": "tags[sentry:release]",
    ]

    /// The aggregate as Sentry stores it: `fn(user)` becomes `fn(tags[sentry:user])`
    /// (`translate_aggregate_field`, which replaces the aggregate's column).
    public static func storedAggregate(_ aggregate: String) -> String {
        guard let column = column(of: aggregate), let stored = translatableColumns[column] else { return aggregate }
        return aggregate.replacingOccurrences(of: "(\(column))", with: "(\(stored))")
    }

    /// The aggregate as the API shows it (`translate_aggregate_field(reverse=True)`).
    public static func shownAggregate(_ stored: String) -> String {
        guard let column = column(of: stored),
            let shown = translatableColumns.first(where: { $0.value == column })?.key
        else { return stored }
        return stored.replacingOccurrences(of: "(\(column))", with: "(\(shown))")
    }

    /// The single argument of `fn(arg)`, when the aggregate has that form.
    private static func column(of aggregate: String) -> String? {
        guard let open = aggregate.firstIndex(of: "("), aggregate.hasSuffix(")") else { return nil }
        let inner = aggregate[aggregate.index(after: open)..<aggregate.index(before: aggregate.endIndex)]
        return inner.isEmpty || inner.contains(",") ? nil : String(inner)
    }

    /// `SnubaQueryEventType.EventType` (23.7.1 `snuba/models.py`).
    public static let eventTypeValues = ["error": 0, "default": 1, "transaction": 2]

    /// `SnubaQuery.Type` by dataset (23.7.1 `incidents/logic.py` `DATASET_TO_QUERY_TYPE`).
    public static func queryType(forDataset dataset: String) -> Int {
        switch dataset {
        case "transactions", "generic_metrics": 1
        case "metrics", "sessions": 2
        default: 0
        }
    }
}

public struct MetricAlertTrigger: Codable, Sendable, Hashable {
    /// `critical` or `warning`.
    public var label: String
    /// As the API shows it (a percentage change for a comparison alert).
    public var alertThreshold: Double
    public var actions: [MetricAlertAction]

    public init(label: String, alertThreshold: Double, actions: [MetricAlertAction] = []) {
        self.label = label
        self.alertThreshold = alertThreshold
        self.actions = actions
    }
}

/// One trigger action as Sentry stores it (`sentry_alertruletriggeraction`), ids as natural keys.
public struct MetricAlertAction: Codable, Sendable, Hashable {
    /// `email`, `slack`, `msteams`, `pagerduty`, `sentry_app`, `opsgenie`, `discord`.
    public var type: String
    /// `specific`, `user`, `team`, `sentry_app`.
    public var targetType: String
    /// The stored `target_identifier` of a `specific` target (Slack channel id, PagerDuty service
    /// id, …); nil for team and member targets, which use `targetTeam`/`targetMember`.
    public var targetIdentifier: String?
    /// The stored `target_display` (`#channel`, service name).
    public var targetDisplay: String?
    public var targetTeam: String?
    public var targetMember: String?
    /// The integration the action notifies through.
    public var integration: IntegrationReference?
    /// A Sentry App's id on sentry.io (its installation does not exist on the target).
    public var sentryAppId: String?
    /// PagerDuty severity or Opsgenie priority, when sentry.io says.
    public var priority: String?

    public init(
        type: String, targetType: String, targetIdentifier: String? = nil, targetDisplay: String? = nil,
        targetTeam: String? = nil, targetMember: String? = nil, integration: IntegrationReference? = nil,
        sentryAppId: String? = nil, priority: String? = nil
    ) {
        self.type = type
        self.targetType = targetType
        self.targetIdentifier = targetIdentifier
        self.targetDisplay = targetDisplay
        self.targetTeam = targetTeam
        self.targetMember = targetMember
        self.integration = integration
        self.sentryAppId = sentryAppId
        self.priority = priority
    }

    /// `AlertRuleTriggerAction.Type` (23.7.1 `incidents/models.py`; 24.x adds opsgenie and discord).
    public static let typeValues = [
        "email": 0, "pagerduty": 1, "slack": 2, "msteams": 3, "sentry_app": 4, "opsgenie": 6, "discord": 7,
    ]
    /// `AlertRuleTriggerAction.TargetType`.
    public static let targetTypeValues = ["specific": 0, "user": 1, "team": 2, "sentry_app": 3]

    /// For people: `slack #alerts`, `email team backend`.
    public var summary: String {
        let target = targetTeam.map { "team \($0)" } ?? targetMember ?? targetDisplay ?? targetIdentifier ?? ""
        return target.isEmpty ? type : "\(type) \(target)"
    }
}
