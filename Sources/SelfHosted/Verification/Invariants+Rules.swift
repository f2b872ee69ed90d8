import SentryModel

extension TargetDatabase {
    /// What a migrated issue alert rule needs to fire as on sentry.io (reference/alerts.md §4, §5, §7):
    /// the environment it names exists (a dangling id makes it match nothing, while the UI shows
    /// "all environments"), every e-mail target is a team of the rule's project or a member user of the
    /// organization, and every integration an action names is installed and active on the organization.
    func ruleViolations(orgId: Int64) throws -> [InvariantViolation] {
        guard profile.catalog.hasTable("sentry_rule") else { return [] }
        let rows = try connection.query(
            """
            SELECT r.id, r.label, r.data, r.environment_id, p.id AS project_id, p.slug,
                   e.id AS found_environment
            FROM sentry_rule r JOIN sentry_project p ON p.id = r.project_id
            LEFT JOIN sentry_environment e ON e.id = r.environment_id AND e.organization_id = \(orgId)
            WHERE p.organization_id = \(orgId) AND p.status = 0 AND r.status = 0
            """, activity: "reading alert rules for their targets")
        guard !rows.isEmpty else { return [] }
        let projectTeams = try projectTeamPairs(orgId: orgId, for: "alert rules")
        let users = Set(
            try connection.query(
                """
                SELECT m.user_id FROM sentry_organizationmember m JOIN auth_user u ON u.id = m.user_id
                WHERE m.organization_id = \(orgId)
                """, activity: "reading member users for alert rules"
            ).map { try $0.int64("user_id") })
        let integrations = Set(try RuleReader.integrations(orgId: orgId, connection: connection).values)

        var violations: [InvariantViolation] = []
        for row in rows {
            let entity = "rules/\(try row.string("slug"))/\(try row.string("label"))"
            let projectId = try row.int64("project_id")
            if let environment = try row.optionalInt64("environment_id"),
                try row.optionalInt64("found_environment") == nil
            {
                violations.append(
                    InvariantViolation(
                        check: "rule-environment-exists", entity: entity,
                        message: "names environment id \(environment), which the organization does not have: the rule "
                            + "matches no event"))
            }
            let data = JSONValue.parse(try row.string("data")) ?? .object([:])
            var problems: [String] = []
            for case .array(let nodes) in [data["actions"] ?? .null, data["conditions"] ?? .null] {
                for node in nodes {
                    problems += targetProblems(
                        node, projectId: projectId, projectTeams: projectTeams, users: users,
                        integrations: integrations)
                }
            }
            if !problems.isEmpty {
                violations.append(
                    InvariantViolation(
                        check: "rule-target-resolves", entity: entity, message: problems.joined(separator: "; ")))
            }
        }
        return violations
    }

    private func targetProblems(
        _ node: JSONValue, projectId: Int64, projectTeams: Set<String>, users: Set<Int64>, integrations: Set<Int64>
    ) -> [String] {
        let id = AlertNodes.id(of: node)
        let name = id.split(separator: ".").last.map(String.init) ?? id
        var problems: [String] = []
        if id == AlertNodes.emailAction || id == AlertNodes.assignedToFilter,
            let target = Self.number(node["targetIdentifier"])
        {
            switch node["targetType"]?.stringValue {
            case "Team" where !projectTeams.contains("\(projectId)/\(target)"):
                problems.append("'\(name)' names team id \(target), which is no team of the rule's project")
            case "Member" where !users.contains(target):
                problems.append("'\(name)' names user id \(target), which is no member user of the organization")
            default: break
            }
        }
        if let (field, provider) = AlertNodes.integrationActions[id].map({ ($0.field, $0.provider) }) {
            let integration = Self.number(node[field])
            if integration.map({ !integrations.contains($0) }) ?? true {
                problems.append(
                    "'\(name)' names \(provider) integration \(integration.map(String.init) ?? "(none)"), which is not "
                        + "installed on the organization")
            }
        }
        return problems
    }

    private static func number(_ value: JSONValue?) -> Int64? {
        switch value {
        case .number(let number)?: Int64(exactly: number)
        case .string(let text)?: Int64(text)
        default: nil
        }
    }
}

extension TargetDatabase {
    /// Each active team of organization `orgId` with each of its projects, as `project id/team id`: an alert's team
    /// target fires only for a team of the alert's project.
    func projectTeamPairs(orgId: Int64, for alerts: String) throws -> Set<String> {
        var pairs = Set<String>()
        for row in try connection.query(
            """
            SELECT pt.project_id, pt.team_id FROM sentry_projectteam pt JOIN sentry_team t ON t.id = pt.team_id
            WHERE t.organization_id = \(orgId) AND t.status = 0
            """, activity: "reading project teams for \(alerts)")
        {
            pairs.insert("\(try row.int64("project_id"))/\(try row.int64("team_id"))")
        }
        return pairs
    }
}
