import Foundation
import SentryModel

/// A metric alert as `GET /api/0/organizations/{org}/alert-rules/{id}/` answers it
/// (`DetailedAlertRuleSerializer`). The list (`AlertRuleSerializer`) has every field but `eventTypes`
/// (reference/alerts.md §1.1), without which the writer would have to guess Sentry's default
/// (`[error]` for events), silently dropping `default` (message) events: so the list gives the ids
/// and the detail of each alert is read.
struct APIMetricAlert: Decodable, Sendable {
    var id: String
    var name: String
    var status: Int?
    var queryType: Int?
    var dataset: String?
    var query: String?
    var aggregate: String
    var thresholdType: Int?
    var resolveThreshold: Double?
    /// Minutes, a float (`time_window / 60`).
    var timeWindow: Double
    var environment: String?
    var thresholdPeriod: Int?
    var triggers: [Trigger]?
    var projects: [String]?
    var owner: String?
    var comparisonDelta: Double?
    var createdBy: CreatedBy?
    var detectionType: String?
    var eventTypes: [String]?

    struct CreatedBy: Decodable, Sendable {
        var email: String?
    }

    struct Trigger: Decodable, Sendable {
        var label: String
        var alertThreshold: Double
        var actions: [Action]?
    }

    struct Action: Decodable, Sendable {
        var type: String
        var targetType: String
        var targetIdentifier: Identifier?
        var inputChannelId: Identifier?
        var integrationId: Identifier?
        var sentryAppId: Identifier?
        var desc: String?
        var priority: String?
    }

    /// An id the API gives as a number or a string (`int(target_identifier)` for PagerDuty).
    struct Identifier: Decodable, Sendable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }
}

/// Just the id of a list row.
struct APIMetricAlertRow: Decodable, Sendable {
    var id: String
}

extension Exporter {
    /// Every metric alert of the organization: the org-level list with `project=-1` (every project
    /// the token can access; without it only projects the token's user is a member of), then each
    /// alert's detail.
    func metricAlertDetails(org: String) async throws -> [APIMetricAlert] {
        let rows: [APIMetricAlertRow]
        do {
            rows = try await client.getAll(
                "/api/0/organizations/\(org)/alert-rules/", query: [URLQueryItem(name: "project", value: "-1")],
                of: APIMetricAlertRow.self, scope: "org:read", what: .metricAlert(nil))
        } catch HostedAPIError.notFound {
            // Without the `organizations:incidents` feature the list is a 404: no metric alerts.
            return []
        }
        let client = self.client
        let found = try await bounded(rows) { row -> APIMetricAlert? in
            do {
                return try await client.get(
                    "/api/0/organizations/\(org)/alert-rules/\(row.id)/", as: APIMetricAlert.self, scope: "org:read",
                    what: .metricAlert(row.id)
                ).0
            } catch HostedAPIError.notFound {
                return nil  // deleted between the list and its detail
            }
        } done: { _ in
        }
        return found.compactMap { $0 }
    }

    /// Metric alerts with natural keys in place of ids; targets and owners sentry.io no longer lists
    /// are left out and reported.
    static func metricAlerts(
        _ rows: [APIMetricAlert], teams: [String: String], users: [String: String],
        integrations: [String: IntegrationReference]
    ) -> ([MetricAlert], [LeftOutRuleNode]) {
        var leftOut: [LeftOutRuleNode] = []
        var numbered: [(alert: MetricAlert, id: Int64)] = []
        for row in rows {
            let projects = (row.projects ?? []).sorted { $0.utf8Precedes($1) }
            let name = "\(projects.first ?? "")/\(row.name)"
            func left(_ reason: String) {
                leftOut.append(LeftOutRuleNode(rule: name, hostedId: row.id, reason: reason))
            }
            let dataset = row.dataset ?? "events"
            var alert = MetricAlert(
                projects: projects, name: row.name, enabled: row.status != 5, dataset: dataset,
                queryType: row.queryType ?? MetricAlert.queryType(forDataset: dataset), query: row.query ?? "",
                aggregate: row.aggregate, timeWindow: Int(row.timeWindow.rounded()),
                thresholdType: row.thresholdType ?? 0, resolveThreshold: row.resolveThreshold,
                thresholdPeriod: row.thresholdPeriod ?? 1,
                comparisonDelta: row.comparisonDelta.map { Int($0.rounded()) },
                environment: row.environment, eventTypes: (row.eventTypes ?? []).sorted(),
                detectionType: row.detectionType, createdBy: row.createdBy?.email?.lowercased(), hostedId: row.id)
            alert.triggers = (row.triggers ?? []).sorted { $0.label < $1.label }.map { trigger in
                MetricAlertTrigger(
                    label: trigger.label, alertThreshold: trigger.alertThreshold,
                    actions: (trigger.actions ?? []).compactMap { action in
                        let (carried, problem) = metricAction(
                            action, teams: teams, users: users, integrations: integrations)
                        if let problem { left("\(trigger.label) action '\(action.type)' \(problem)") }
                        return carried
                    })
            }
            if let owner = row.owner {
                let parts = owner.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, parts[0] == "team", let slug = teams[parts[1]] {
                    alert.ownerTeam = slug
                } else if parts.count == 2, parts[0] == "user", let email = users[parts[1]] {
                    alert.ownerMember = email
                } else {
                    left("its owner \(owner) is no team or member sentry.io lists; carried without owner")
                }
            }
            numbered.append((alert, Int64(row.id) ?? Int64.max))
        }
        return (MetricAlert.numbered(numbered), leftOut)
    }

    /// One action in stored form (`AlertRuleTriggerActionSerializer` undone): the Slack channel id
    /// is `inputChannelId` and its `#name` `targetIdentifier`; PagerDuty and Sentry App targets are
    /// ids, their display names only in `desc`; a Microsoft Teams conversation id is not shown at all.
    static func metricAction(
        _ action: APIMetricAlert.Action, teams: [String: String], users: [String: String],
        integrations: [String: IntegrationReference]
    ) -> (MetricAlertAction?, String?) {
        var carried = MetricAlertAction(type: action.type, targetType: action.targetType, priority: action.priority)
        let shown = action.targetIdentifier?.text
        switch (action.type, action.targetType) {
        case ("email", "team"):
            guard let slug = shown.flatMap({ teams[$0] }) else {
                return (nil, "names team id \(shown ?? "(none)"), which sentry.io no longer lists")
            }
            carried.targetTeam = slug
        case ("email", "user"):
            guard let email = shown.flatMap({ users[$0] }) else {
                return (nil, "names user id \(shown ?? "(none)"), which sentry.io no longer lists")
            }
            carried.targetMember = email
        case ("slack", _):
            carried.targetIdentifier = action.inputChannelId?.text ?? shown
            if let channel = action.inputChannelId?.text, shown != channel { carried.targetDisplay = shown }
        case ("msteams", _):
            carried.targetDisplay = shown
        case ("pagerduty", _), ("sentry_app", _):
            carried.targetIdentifier = shown
            carried.targetDisplay = action.desc.flatMap(displayName)
        default:
            carried.targetIdentifier = shown
        }
        carried.sentryAppId = action.sentryAppId?.text
        if let id = action.integrationId?.text {
            guard let reference = integrations[id] else {
                return (nil, "names integration id \(id), which sentry.io no longer lists")
            }
            carried.integration = reference
        }
        return (carried, nil)
    }

    /// The name at the end of `human_desc` ("Send a PagerDuty notification to <name>", "… via <name>").
    private static func displayName(_ desc: String) -> String? {
        for marker in [" notification to ", " notification via "] {
            if let range = desc.range(of: marker) { return String(desc[range.upperBound...]) }
        }
        return nil
    }
}
