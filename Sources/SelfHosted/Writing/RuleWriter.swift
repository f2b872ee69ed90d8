import Foundation
import Planning
import SentryModel

/// Issue alert rules as Sentry's own create and update write them (23.7.1
/// `api/endpoints/project_rules.py` `post`, `mediators/project_rules/creator.py`,
/// `project_rule_details.py` `put`): a `sentry_rule` row whose `data` holds filters and conditions
/// in one list, a `sentry_ruleactivity` row (1 CREATED, 3 UPDATED), and the environment rows the
/// rule names. Each id in a node is the target's: teams, member users, installed integrations.
/// Rules are never deleted in this version (prune keeps them).
struct RuleWriter {
    let session: WriteSession

    func write(_ changes: ArraySlice<EntityChange>, desired: [IssueAlertRule], index: OrganizationIndex) throws {
        let orgId = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.key)
        // Created in key order, so that rules of one name get ascending ids in ordinal order.
        let creates = split.creates.map(\.entity).sorted { $0.key.utf8Precedes($1.key) }
        let updates = split.updates.map(\.entity)
        guard !(creates.isEmpty && updates.isEmpty) else { return }

        let installed = try RuleReader.integrations(orgId: orgId, connection: session.connection)
        var pairs: [(projectId: Int64, name: String)] = []
        for rule in creates + updates {
            if let name = rule.environment { pairs.append((projectId: try projectId(rule, index), name: name)) }
        }
        let environments = try EnvironmentRows(session: session).ensure(orgId: orgId, pairs: pairs)
        let owners = try OwnerIds(
            session: session, index: index, table: "sentry_rule",
            owners: (creates + updates).map { (team: $0.ownerTeam, member: $0.ownerMember) })

        var records: [Record] = []
        var creators: [any PostgresEncodable] = []
        for rule in creates {
            records.append(
                try record(rule, index: index, installed: installed, environments: environments, owners: owners)
                    .merging(["date_added": session.timestamp, "source": 0]))
            let creator = rule.createdBy.flatMap { index.members[$0.lowercased()]?.userId }
            creators.append(creator.map { $0 as any PostgresEncodable } ?? SQLNull())
        }
        let ids = try session.copyReturningIds("sentry_rule", records)
        var activity: [Record] = zip(ids, creators).map { id, user -> Record in
            ["rule_id": id, "type": 1, "user_id": user, "date_added": session.timestamp]
        }

        if !updates.isEmpty {
            let existing = try existingIds(orgId: orgId, index: index)
            var changed: [Record] = []
            for rule in updates {
                guard let id = existing[rule.key] else {
                    throw ApplyOrderError(
                        message: "rule '\(rule.key)' is not on the target any more, but the plan updates it; "
                            + "the plan is stale. Run plan again.")
                }
                changed.append(
                    try record(rule, index: index, installed: installed, environments: environments, owners: owners)
                        .merging(["id": id]))
                activity.append(["rule_id": id, "type": 3, "user_id": SQLNull(), "date_added": session.timestamp])
            }
            try session.update("sentry_rule", key: "id", changed)
        }
        try session.copy("sentry_ruleactivity", activity)
    }

    /// The columns of one rule, owner columns of every version (each target keeps its own).
    private func record(
        _ desired: IssueAlertRule, index: OrganizationIndex, installed: [IntegrationReference: Int64],
        environments: [String: Int64], owners: OwnerIds
    ) throws -> Record {
        let (rule, _, refusals) = RulePlanning.adjusted(desired, installed: Set(installed.keys))
        guard refusals.isEmpty else {
            throw RuleTargetError(rule: desired.key, problem: refusals.joined(separator: "; "))
        }
        func materialized(_ node: JSONValue) throws -> JSONValue {
            // Left in a rule only under `disable` (the plan refused `error`, `drop` removed it): the
            // action keeps the integration's natural key, which Sentry ignores, until it is installed.
            let missing = RulePlanning.missingIntegration(node, installed: Set(installed.keys)) != nil
            guard
                let node = AlertNodes.materialized(
                    node, team: { index.teams[$0] }, member: { index.members[$0.lowercased()]?.userId },
                    integration: { installed[$0] }, keepingMissingIntegration: missing && !rule.enabled)
            else {
                throw RuleTargetError(
                    rule: rule.key,
                    problem: "'\(AlertNodes.id(of: node))' names a team, member user or integration the target lacks")
            }
            return node
        }
        var actions = try rule.actions.map(materialized)
        // 24.x+ gives every action a uuid on save (`ensure_action_uuid`); 23.x has none.
        if session.profile.family != .v23 {
            actions = actions.map { action in
                guard case .object(var object) = action else { return action }
                object["uuid"] = .string(UUID().uuidString.lowercased())
                return .object(object)
            }
        }
        let data = PythonJSON.object([
            ("filter_match", .string(rule.filterMatch)), ("action_match", .string(rule.actionMatch)),
            ("actions", .array(actions)),
            ("conditions", .array(try (rule.conditions + rule.filters).map(materialized))),
            ("frequency", .number(Double(rule.frequency))),
        ])
        var environment: any PostgresEncodable = SQLNull()
        if let name = rule.environment {
            guard let id = environments[name] else { throw WriterBug("environment '\(name)' was not created") }
            environment = id
        }
        return [
            "project_id": try projectId(rule, index), "label": rule.name, "data": data,
            "status": rule.enabled ? 0 : 1, "environment_id": environment,
            "owner_id": owners.actor(for: rule) ?? SQLNull() as any PostgresEncodable,
            "owner_team_id": rule.ownerTeam.flatMap { index.teams[$0] } ?? SQLNull() as any PostgresEncodable,
            "owner_user_id": rule.ownerMember.flatMap { index.members[$0.lowercased()]?.userId }
                ?? SQLNull() as any PostgresEncodable,
        ]
    }

    private func projectId(_ rule: IssueAlertRule, _ index: OrganizationIndex) throws -> Int64 {
        guard let id = index.projects[rule.project] else {
            throw ApplyOrderError(
                message: "project '\(rule.project)' is not on the target; apply the projects stage (or its wave) first")
        }
        return id
    }

    /// Target rule ids by natural key, numbered as the reader numbers them.
    private func existingIds(orgId: Int64, index: OrganizationIndex) throws -> [String: Int64] {
        let rules = try RuleReader(connection: session.connection, profile: session.profile).read(
            orgId: orgId, projectSlugs: Dictionary(index.projects.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }),
            teamSlugs: Dictionary(index.teams.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
        return Dictionary(
            rules.compactMap { rule in rule.hostedId.flatMap(Int64.init).map { (rule.key, $0) } },
            uniquingKeysWith: { first, _ in first })
    }
}

/// 23.x rule and metric alert owners are actors: a team's own (`sentry_team.actor_id`), or a user's, which Sentry
/// creates on first use (`Actor.objects.get_or_create(type=1, user_id=…)`, `models/actor.py`).
struct OwnerIds {
    var teamActors: [String: Int64] = [:]
    var userActors: [String: Int64] = [:]

    init(
        session: WriteSession, index: OrganizationIndex, table: String, owners: [(team: String?, member: String?)]
    ) throws {
        guard session.has(table, column: "owner_id") else { return }
        let teams = Set(owners.compactMap(\.team)).compactMap { slug in index.teams[slug].map { (slug, $0) } }
        let teamIds = teams.map(\.1)
        let slugs = Dictionary(teams.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try session.query(
            "SELECT id, actor_id FROM sentry_team WHERE id = ANY(\(teamIds)) AND actor_id IS NOT NULL",
            activity: "rules: finding team actors")
        {
            if let slug = slugs[try row.int64("id")] { teamActors[slug] = try row.int64("actor_id") }
        }
        let users = Set(owners.compactMap { $0.member?.lowercased() }).compactMap { email in
            index.members[email]?.userId.map { (email, $0) }
        }
        let emails = Dictionary(users.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try session.query(
            "SELECT id, user_id FROM sentry_actor WHERE type = 1 AND user_id = ANY(\(users.map(\.1)))",
            activity: "rules: finding user actors")
        {
            if let email = emails[try row.int64("user_id")] { userActors[email] = try row.int64("id") }
        }
        let missing = users.filter { userActors[$0.0] == nil }.sorted { $0.0 < $1.0 }
        let ids = try session.copyReturningIds(
            "sentry_actor", missing.map { user -> Record in ["type": 1, "team_id": SQLNull(), "user_id": user.1] })
        for (user, id) in zip(missing, ids) { userActors[user.0] = id }
    }

    func actor(for rule: IssueAlertRule) -> Int64? { actor(team: rule.ownerTeam, member: rule.ownerMember) }

    func actor(team: String?, member: String?) -> Int64? {
        if let team { return teamActors[team] }
        if let member { return userActors[member.lowercased()] }
        return nil
    }
}

/// A rule names something the target lacks at apply time, which the plan said it had.
struct RuleTargetError: ReportableError {
    let rule: String
    let problem: String
    var stage = "rules"
    var exitStatus: ExitStatus { .dataError }
    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "\(problem); nothing of this stage was written", why: "the target changed since the plan",
                next: "Run plan again.", at: .entity(kind: stage, key: rule))
        ]
    }
}
