// Issue alert rules (`sentry_rule`), keyed by natural keys like every other kind: the project slug,
// the rule's name and its ordinal among the project's rules of that name (names are not unique).
// Nodes (conditions, filters, actions) are kept as Sentry stores them, except that every id that
// points at another row (team, user, integration) is replaced by that row's natural key; see
// docs/snapshot-format.md "rules.json".

/// What a transformed rule does when one of its actions needs an integration the target lacks
/// (mapping file `alerts.missingIntegration`, docs/mapping.md).
public enum MissingIntegrationPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// The plan refuses the rule, naming the integration to install first.
    case error
    /// The action is left out of the rule; the rule's other actions still fire.
    case drop
    /// The rule is carried whole but disabled, so nobody is led to believe it fires.
    case disable
}

/// The integration an action notifies through, by what identifies it on both sides: the
/// provider's key and the external id (Slack team id, Jira site, PagerDuty account …).
public struct IntegrationReference: Codable, Sendable, Hashable, CustomStringConvertible {
    public var provider: String
    public var externalId: String

    public init(provider: String, externalId: String) {
        self.provider = provider
        self.externalId = externalId
    }

    public var description: String { "\(provider) \(externalId)" }
}

public struct IssueAlertRule: Codable, Sendable, Hashable {
    public var project: String
    /// `sentry_rule.label`.
    public var name: String
    /// 1 for the oldest rule (lowest id) of this name in its project, 2 for the next, …
    public var ordinal: Int
    /// `status` 0 (active) or 1 (disabled).
    public var enabled: Bool
    /// Environment name; nil means every environment.
    public var environment: String?
    /// `all`, `any` or `none`.
    public var actionMatch: String
    public var filterMatch: String
    /// Minutes between two notifications for one issue.
    public var frequency: Int
    /// Conditions (what triggers), filters and actions, in their stored order. Natural keys replace
    /// ids: `targetTeam` (slug) or `targetMember` (e-mail) instead of `targetIdentifier` on e-mail
    /// actions and assignee filters, `targetIntegration` instead of the integration id field.
    public var conditions: [JSONValue]
    public var filters: [JSONValue]
    public var actions: [JSONValue]
    /// Team slug, when a team owns the rule.
    public var ownerTeam: String?
    /// Member e-mail, when a person owns the rule.
    public var ownerMember: String?
    /// E-mail of whoever created it, when known: provenance, not compared.
    public var createdBy: String?
    /// The rule id in the system the snapshot came from: provenance only. On sentry.io an id of
    /// 10^10 or more is one it made up for a rule that exists only in its new alert model.
    public var hostedId: String?
    /// Set by `transform` from the mapping; absent otherwise (then `error`).
    public var missingIntegration: MissingIntegrationPolicy?

    public init(
        project: String, name: String, ordinal: Int = 1, enabled: Bool = true, environment: String? = nil,
        actionMatch: String = "all", filterMatch: String = "all", frequency: Int = 30, conditions: [JSONValue] = [],
        filters: [JSONValue] = [], actions: [JSONValue] = [], ownerTeam: String? = nil, ownerMember: String? = nil,
        createdBy: String? = nil, hostedId: String? = nil, missingIntegration: MissingIntegrationPolicy? = nil
    ) {
        self.project = project
        self.name = name
        self.ordinal = ordinal
        self.enabled = enabled
        self.environment = environment
        self.actionMatch = actionMatch
        self.filterMatch = filterMatch
        self.frequency = frequency
        self.conditions = conditions
        self.filters = filters
        self.actions = actions
        self.ownerTeam = ownerTeam
        self.ownerMember = ownerMember
        self.createdBy = createdBy
        self.hostedId = hostedId
        self.missingIntegration = missingIntegration
    }

    /// The natural key: `project/name#ordinal`. A project slug has no `/` and the suffix is always
    /// there, so the last `#` and the first `/` split it back unambiguously.
    public var key: String { "\(project)/\(name)#\(ordinal)" }

    /// Sentry made-up ids for rules that exist only in its workflow engine are the workflow's id plus
    /// 10^10 (`workflow_engine` legacy backport, reference/alerts.md §1.1).
    public static let madeUpIdOffset: Int64 = 10_000_000_000

    /// True when `hostedId` is one sentry.io made up (the rule has no legacy row there).
    public var hasMadeUpHostedId: Bool {
        guard let id = hostedId.flatMap({ Int64($0) }) else { return false }
        return id >= Self.madeUpIdOffset
    }

    /// Gives each rule its ordinal among the rules of its project with the same name, in the order
    /// of `ids` (ascending: the oldest first), so the key does not depend on the order rules arrive in.
    public static func numbered(_ rules: [(rule: IssueAlertRule, id: Int64)]) -> [IssueAlertRule] {
        var seen: [String: Int] = [:]
        return rules.sorted { $0.id < $1.id }.map { entry in
            var rule = entry.rule
            let name = "\(rule.project)/\(rule.name)"
            seen[name, default: 0] += 1
            rule.ordinal = seen[name]!
            return rule
        }
    }
}
