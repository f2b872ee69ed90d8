import Foundation
import SentryModel

/// `GET /api/0/projects/{org}/{project}/rules/` answers `RuleSerializer` rows: every field an issue
/// alert rule stores is in the list, so no detail request is needed (reference/alerts.md §1.2).
struct APIRule: Decodable, Sendable {
    var id: String
    var name: String
    var conditions: [JSONValue]?
    var filters: [JSONValue]?
    var actions: [JSONValue]?
    var actionMatch: String?
    var filterMatch: String?
    var frequency: Int?
    var environment: String?
    /// `team:<id>` or `user:<id>`.
    var owner: String?
    var createdBy: CreatedBy?
    /// `active` or `disabled` (24.x+; the list shows active ones only).
    var status: String?

    struct CreatedBy: Decodable, Sendable {
        var email: String?
    }
}

/// A row of `GET /api/0/organizations/{org}/integrations/` (`IntegrationSerializer`), or of any
/// other not-carried list (then every field is absent).
struct APIIntegrationRow: Decodable, Sendable {
    var id: String?
    var provider: Provider?
    var externalId: String?

    struct Provider: Decodable, Sendable {
        var key: String?
    }

    private enum CodingKeys: String, CodingKey { case id, provider, externalId }

    /// Never fails: rows of the other lists only count.
    init(from decoder: any Decoder) throws {
        let container = try? decoder.container(keyedBy: CodingKeys.self)
        id = try? container?.decodeIfPresent(String.self, forKey: .id)
        provider = try? container?.decodeIfPresent(Provider.self, forKey: .provider)
        externalId = try? container?.decodeIfPresent(String.self, forKey: .externalId)
    }
}

/// A rule node the export could not carry: it names a team, user or integration sentry.io does
/// not list any more.
public struct LeftOutRuleNode: Sendable, Hashable {
    public var rule: String
    public var hostedId: String
    public var reason: String
}

extension Exporter {
    /// Rules with natural keys in place of ids; nodes whose target is gone are left out and reported.
    static func rules(
        _ rows: [(project: String, rule: APIRule)], teams: [String: String], users: [String: String],
        integrations: [String: IntegrationReference]
    ) -> ([IssueAlertRule], [LeftOutRuleNode]) {
        var leftOut: [LeftOutRuleNode] = []
        var numbered: [(rule: IssueAlertRule, id: Int64)] = []
        for (project, row) in rows {
            let name = "\(project)/\(row.name)"
            func carried(_ nodes: [JSONValue]?) -> [JSONValue] {
                (nodes ?? []).compactMap { node in
                    let (natural, unresolved) = AlertNodes.naturalized(
                        node, team: { teams[$0] }, member: { users[$0] }, integration: { integrations[$0] })
                    guard let unresolved else { return natural }
                    leftOut.append(
                        LeftOutRuleNode(
                            rule: name, hostedId: row.id,
                            reason: "'\(AlertNodes.id(of: node))' names \(unresolved), which sentry.io no longer lists")
                    )
                    return nil
                }
            }
            var rule = IssueAlertRule(
                project: project, name: row.name, enabled: row.status != "disabled", environment: row.environment,
                actionMatch: row.actionMatch ?? "all", filterMatch: row.filterMatch ?? "all",
                frequency: row.frequency ?? 30, conditions: carried(row.conditions), filters: carried(row.filters),
                actions: carried(row.actions), createdBy: row.createdBy?.email?.lowercased(), hostedId: row.id)
            if let owner = row.owner {
                let parts = owner.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, parts[0] == "team", let slug = teams[parts[1]] {
                    rule.ownerTeam = slug
                } else if parts.count == 2, parts[0] == "user", let email = users[parts[1]] {
                    rule.ownerMember = email
                } else {
                    leftOut.append(
                        LeftOutRuleNode(
                            rule: name, hostedId: row.id,
                            reason: "its owner \(owner) is no team or member sentry.io lists; carried without owner"))
                }
            }
            // Ordinals follow the hosted ids; a made-up id (≥ 10^10) sorts after every real one.
            numbered.append((rule, Int64(row.id) ?? Int64.max))
        }
        return (IssueAlertRule.numbered(numbered), leftOut)
    }
}
