import Foundation
import SentryModel

/// An issue alert rule as `RuleSerializer` (or, on sentry.io with the workflow engine,
/// `WorkflowEngineRuleSerializer`) answers it: every field a rule stores is in the list, so no detail
/// request is needed (reference/alerts.md §1.2). Export reads these rows from the organization's
/// combined alert list, which is the one list that has disabled rules too.
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
    /// `active` or `disabled` (`"active" if obj.status == ObjectStatus.ACTIVE else "disabled"`;
    /// a workflow-engine rule is `disabled` when its workflow is not enabled).
    var status: String?
    /// The rule's project slug (`[obj.project.slug]`); a workflow-engine rule lists every project
    /// its workflow is connected to.
    var projects: [String]?
    /// A snooze (`sentry_rulesnooze`) for the caller or for everyone; `snoozeForEveryone` is sent
    /// only with it (`RuleSerializer.serialize`). The snooze's end is not in the API.
    var snooze: Bool?
    var snoozeForEveryone: Bool?

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

/// A row of `GET /api/0/organizations/{org}/combined-rules/` (`OrganizationCombinedRuleIndexEndpoint`,
/// `incidents/endpoints/organization_alert_rule_index.py`): `CombinedRuleSerializer` gives each row
/// its `type` (`rule`, `alert_rule`, `uptime`, `monitor`) on top of the row's own serializer. Issue
/// rules (type `rule`) are decoded strictly; the other types are only counted.
struct APICombinedRow: Decodable, Sendable {
    var type: String
    var rule: APIRule?

    private enum CodingKeys: String, CodingKey { case type }

    init(from decoder: any Decoder) throws {
        type = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .type)
        rule = type == "rule" ? try APIRule(from: decoder) : nil
    }
}

extension Exporter {
    /// Every row of the combined alert list for every project (`?project=-1`), 100 a page. Its
    /// issue rules are those of `status` ACTIVE **and DISABLED** (`Rule.objects.filter(status__in=
    /// [ObjectStatus.ACTIVE, ObjectStatus.DISABLED], source__in=[RuleSource.ISSUE], …)`), where the
    /// per-project rules list has ACTIVE only (`api/endpoints/project_rules.py`): one org-level list
    /// instead of one list per project, and disabled rules arrive. `OrganizationPermission`
    /// (`org:read`) guards it; `-1` is turned into every active project's id and then checked like
    /// named ids, so a caller without access to some project gets 403 — which export has ruled out
    /// already (`checkAccess`).
    func combinedRules(org: String) async throws -> [APICombinedRow] {
        try await client.getAll(
            "/api/0/organizations/\(org)/combined-rules/", query: [URLQueryItem(name: "project", value: "-1")],
            of: APICombinedRow.self, scope: "org:read", what: .organization(organization))
    }

    /// The combined list's issue rules by project. A rule listed for several projects (a
    /// workflow-engine rule connected to several) is carried once per project, as the per-project
    /// list shows it in each.
    static func rulesByProject(_ rows: [APIRule], projects: Set<String>) throws -> [(project: String, rule: APIRule)] {
        var found: [(project: String, rule: APIRule)] = []
        for row in rows {
            guard let listed = row.projects, !listed.isEmpty else {
                throw HostedAPIError.malformed(
                    url: "combined-rules/", path: "projects", detail: "issue alert rule \(row.id) names no project")
            }
            for project in listed {
                guard projects.contains(project) else {
                    throw HostedAPIError.organizationChanged(
                        detail:
                            "issue alert rule \(row.id) is on project '\(project)', which the projects list did not have"
                    )
                }
                found.append((project, row))
            }
        }
        return found
    }

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
            if row.snooze == true, row.snoozeForEveryone == true {
                // Muted for everyone: still `active`, so carried active; the mute itself is not carried.
                leftOut.append(
                    LeftOutRuleNode(
                        rule: name, hostedId: row.id,
                        reason: "muted for everyone on sentry.io (a snooze, not carried): it fires on the target "
                            + "until muted there"))
            }
            // Ordinals follow the hosted ids; a made-up id (≥ 10^10) sorts after every real one.
            numbered.append((rule, Int64(row.id) ?? Int64.max))
        }
        return (IssueAlertRule.numbered(numbered), leftOut)
    }
}
