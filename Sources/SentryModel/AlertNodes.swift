// What the nodes of an issue alert rule point at, and how their ids become natural keys and back.
// Node ids and fields: Sentry 23.7.1 `constants.py` `_SENTRY_RULES`, `mail/actions.py`,
// `rules/filters/assigned_to.py`, `integrations/*/notify_action.py`, `rules/actions/integrations/base.py`
// (`integration_key`); reference/alerts.md §1.2 and §4.

public enum AlertNodes {
    public static let emailAction = "sentry.mail.actions.NotifyEmailAction"
    public static let assignedToFilter = "sentry.rules.filters.assigned_to.AssignedToFilter"
    public static let sentryAppAction = "sentry.rules.actions.notify_event_sentry_app.NotifyEventSentryAppAction"

    /// Keys the API adds to nodes that Sentry does not store (`RuleSerializer.serialize` adds the
    /// rendered `name`, `get_attrs` adds `_sentry_app_*`), and `uuid`, which 24.x+ gives every action
    /// (`ensure_action_uuid`): an identity of the stored action, not configuration.
    public static func isDisplayOnly(_ key: String) -> Bool { key == "name" || key == "uuid" || key.hasPrefix("_") }

    /// Action id → the field that holds the integration id (`integration_key`) and the provider key.
    public static let integrationActions: [String: (field: String, provider: String)] = [
        "sentry.integrations.slack.notify_action.SlackNotifyServiceAction": ("workspace", "slack"),
        "sentry.integrations.msteams.notify_action.MsTeamsNotifyServiceAction": ("team", "msteams"),
        "sentry.integrations.pagerduty.notify_action.PagerDutyNotifyServiceAction": ("account", "pagerduty"),
        "sentry.integrations.discord.notify_action.DiscordNotifyServiceAction": ("server", "discord"),
        "sentry.integrations.opsgenie.notify_action.OpsgenieNotifyTeamAction": ("account", "opsgenie"),
        "sentry.integrations.jira.notify_action.JiraCreateTicketAction": ("integration", "jira"),
        "sentry.integrations.jira_server.notify_action.JiraServerCreateTicketAction": ("integration", "jira_server"),
        "sentry.integrations.vsts.notify_action.AzureDevopsCreateTicketAction": ("integration", "vsts"),
        "sentry.integrations.github.notify_action.GitHubCreateTicketAction": ("integration", "github"),
        "sentry.integrations.github_enterprise.notify_action.GitHubEnterpriseCreateTicketAction": (
            "integration", "github_enterprise"
        ),
    ]

    /// Providers whose actions carry more target-side ids than the integration's (a PagerDuty
    /// service row id, an Opsgenie team id that embeds the organization-integration id): carried as
    /// they are, which is right only if the same services were configured again on the target.
    public static let providersWithInnerIds: Set<String> = ["pagerduty", "opsgenie"]

    public static func id(of node: JSONValue) -> String { node["id"]?.stringValue ?? "" }

    /// Whether the node names a team or a member in `targetType`/`targetIdentifier`.
    static func hasPersonTarget(_ node: JSONValue) -> Bool {
        let id = id(of: node)
        return id == emailAction || id == assignedToFilter
    }

    /// The integration an action needs, in natural-key form; nil for actions that need none.
    public static func integration(of node: JSONValue) -> IntegrationReference? {
        guard case .object(let object) = node["targetIntegration"] ?? .null,
            let provider = object["provider"]?.stringValue, let externalId = object["externalId"]?.stringValue
        else { return nil }
        return IntegrationReference(provider: provider, externalId: externalId)
    }

    /// A Sentry App action: its installation lives only in the system it came from.
    public static func isSentryApp(_ node: JSONValue) -> Bool { id(of: node) == sentryAppAction }

    public static func targetTeam(of node: JSONValue) -> String? { node["targetTeam"]?.stringValue }
    public static func targetMember(of node: JSONValue) -> String? { node["targetMember"]?.stringValue }

    /// The node as stored, without the keys the API adds; ids replaced by natural keys through the
    /// lookups. Returns the id that did not resolve, if any (then the node keeps it unchanged).
    public static func naturalized(
        _ node: JSONValue, team: (String) -> String?, member: (String) -> String?,
        integration: (String) -> IntegrationReference?
    ) -> (node: JSONValue, unresolved: String?) {
        guard case .object(var object) = node else { return (node, nil) }
        for key in object.keys where isDisplayOnly(key) { object[key] = nil }
        var unresolved: String?
        let id = object["id"]?.stringValue ?? ""
        if id == emailAction || id == assignedToFilter, let raw = object["targetIdentifier"].flatMap(idText) {
            switch object["targetType"]?.stringValue {
            case "Team":
                if let slug = team(raw) {
                    object["targetIdentifier"] = nil
                    object["targetTeam"] = .string(slug)
                } else {
                    unresolved = "team id \(raw)"
                }
            case "Member":
                if let email = member(raw) {
                    object["targetIdentifier"] = nil
                    object["targetMember"] = .string(email)
                } else {
                    unresolved = "user id \(raw)"
                }
            default: break
            }
        }
        if let field = integrationActions[id]?.field, let raw = object[field].flatMap(idText) {
            if let reference = integration(raw) {
                object[field] = nil
                object["targetIntegration"] = .object([
                    "provider": .string(reference.provider), "externalId": .string(reference.externalId),
                ])
            } else {
                unresolved = "integration id \(raw)"
            }
        }
        return (.object(object), unresolved)
    }

    /// The node with natural keys turned into the target's ids, in the types Sentry's forms store
    /// (`targetIdentifier` an integer, the integration id a string). nil for a reference that does
    /// not resolve on the target. With `keepingMissingIntegration`, an integration the target lacks
    /// stays as its natural key (for a rule carried disabled until it is installed).
    public static func materialized(
        _ node: JSONValue, team: (String) -> Int64?, member: (String) -> Int64?,
        integration: (IntegrationReference) -> Int64?, keepingMissingIntegration: Bool = false
    ) -> JSONValue? {
        guard case .object(var object) = node else { return node }
        if let slug = object["targetTeam"]?.stringValue {
            guard let id = team(slug) else { return nil }
            object["targetTeam"] = nil
            object["targetIdentifier"] = .number(Double(id))
        }
        if let email = object["targetMember"]?.stringValue {
            guard let id = member(email) else { return nil }
            object["targetMember"] = nil
            object["targetIdentifier"] = .number(Double(id))
        }
        if let reference = Self.integration(of: node), let field = integrationActions[id(of: node)]?.field {
            guard let id = integration(reference) else {
                return keepingMissingIntegration ? .object(object) : nil
            }
            object["targetIntegration"] = nil
            object[field] = .string(String(id))
        }
        return .object(object)
    }

    /// An id as text, whether the JSON holds a number or a string.
    private static func idText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text.isEmpty ? nil : text
        case .number(let number): number == number.rounded() ? String(Int64(number)) : nil
        default: nil
        }
    }
}
