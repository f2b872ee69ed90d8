import SentryModel

/// Issue alert rules as the target stores them (`sentry_rule`, active and disabled; pending
/// deletions are gone for Sentry too), with every id turned into its natural key: teams by slug,
/// users by e-mail, integrations by provider and external id, environments by name. `data` is read
/// as Sentry's processor reads it (`rules/processor.py`): `action_match`, or the legacy `match` of
/// 23.x default rules, else `all`; filters are the conditions whose class is a filter.
struct RuleReader {
    let connection: PostgresConnection
    let profile: TargetProfile

    func read(orgId: Int64, projectSlugs: [Int64: String], teamSlugs: [Int64: String]) throws -> [IssueAlertRule] {
        guard profile.catalog.hasTable("sentry_rule") else { return [] }
        let projectIds = Array(projectSlugs.keys)
        let rows = try connection.query(
            """
            SELECT r.id, r.project_id, r.label, r.data, r.status, e.name AS environment, \(unescaped: ownerColumns),
                   (SELECT lower(u.email) FROM sentry_ruleactivity a JOIN auth_user u ON u.id = a.user_id
                    WHERE a.rule_id = r.id AND a.type = 1 ORDER BY a.id LIMIT 1) AS created_by
            FROM sentry_rule r
            LEFT JOIN sentry_environment e ON e.id = r.environment_id AND e.organization_id = \(orgId)
            \(unescaped: ownerJoin)
            WHERE r.project_id = ANY(\(projectIds)) AND r.status IN (0, 1)
            """, activity: "reading issue alert rules")
        guard !rows.isEmpty else { return [] }
        let users = try AlertReading.memberUserEmails(orgId: orgId, connection: connection, for: "alert rules")
        let integrations = try Self.integrations(orgId: orgId, connection: connection)
        let byId = Dictionary(integrations.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var numbered: [(rule: IssueAlertRule, id: Int64)] = []
        for row in rows {
            let id = try row.int64("id")
            guard let project = projectSlugs[try row.int64("project_id")] else { continue }
            let data = JSONValue.parse(try row.string("data")) ?? .object([:])
            func natural(_ node: JSONValue) -> JSONValue {
                AlertNodes.naturalized(
                    node, team: { Int64($0).flatMap { teamSlugs[$0] } }, member: { Int64($0).flatMap { users[$0] } },
                    integration: { Int64($0).flatMap { byId[$0] } }
                ).node
            }
            let nodes = (data["conditions"].flatMap(Self.array) ?? []).map(natural)
            var rule = IssueAlertRule(
                project: project, name: try row.string("label"), enabled: try row.int("status") == 0,
                environment: try row.optionalString("environment"),
                actionMatch: data["action_match"]?.stringValue ?? data["match"]?.stringValue ?? "all",
                filterMatch: data["filter_match"]?.stringValue ?? "all",
                frequency: Self.int(data["frequency"]) ?? 30,
                conditions: nodes.filter { !Self.isFilter($0) }, filters: nodes.filter(Self.isFilter),
                actions: (data["actions"].flatMap(Self.array) ?? []).map(natural),
                createdBy: try row.optionalString("created_by"), hostedId: String(id))
            if let team = try row.optionalInt64("owner_team") { rule.ownerTeam = teamSlugs[team] }
            if let user = try row.optionalInt64("owner_user") { rule.ownerMember = users[user] }
            numbered.append((rule, id))
        }
        return IssueAlertRule.numbered(numbered)
    }

    /// 23.x: the owner is an actor (`sentry_actor`, type 0 team, 1 user); 24.x+: two columns.
    private var ownerColumns: String {
        profile.catalog.column("sentry_rule", "owner_id") != nil
            ? "act.team_id AS owner_team, act.user_id AS owner_user"
            : "r.owner_team_id AS owner_team, r.owner_user_id AS owner_user"
    }

    private var ownerJoin: String {
        profile.catalog.column("sentry_rule", "owner_id") != nil
            ? "LEFT JOIN sentry_actor act ON act.id = r.owner_id" : ""
    }

    /// Integrations installed and active on the organization (`get_integration` filters organization
    /// integrations by ACTIVE, `rules/actions/integrations/base.py`), by provider and external id.
    static func integrations(
        orgId: Int64, connection: PostgresConnection
    ) throws -> [IntegrationReference: Int64] {
        var found: [IntegrationReference: Int64] = [:]
        for row in try connection.query(
            """
            SELECT i.id, i.provider, i.external_id FROM sentry_integration i
            JOIN sentry_organizationintegration oi ON oi.integration_id = i.id
            WHERE oi.organization_id = \(orgId) AND oi.status = 0 AND coalesce(i.status, 0) = 0
            """, activity: "reading installed integrations")
        {
            found[
                IntegrationReference(provider: try row.string("provider"), externalId: try row.string("external_id"))] =
                try row.int64("id")
        }
        return found
    }

    /// Filters are the nodes whose class is a `filter/event` rule: in every version they live in
    /// `sentry.rules.filters` (Sentry 23.7.1 `constants.py` `_SENTRY_RULES`).
    static func isFilter(_ node: JSONValue) -> Bool { AlertNodes.id(of: node).hasPrefix("sentry.rules.filters.") }

    private static func array(_ value: JSONValue) -> [JSONValue]? {
        if case .array(let items) = value { return items }
        return nil
    }

    private static func int(_ value: JSONValue?) -> Int? {
        switch value {
        case .number(let number)?: Int(exactly: number)
        case .string(let text)?: Int(text)
        default: nil
        }
    }
}
