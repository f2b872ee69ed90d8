import Planning
import SentryModel

/// Ownership rules: `raw` verbatim, and `schema` as Sentry's `dump_schema(parse_rules(raw))` builds it,
/// with each owner's id resolved (teams of the organization by slug, users among its members by
/// e-mail). Owners that do not resolve keep no id (Sentry's API would have refused them).
struct OwnershipWriter {
    let session: WriteSession
    private(set) var unresolvedOwners: [String] = []

    init(session: WriteSession) {
        self.session = session
    }

    mutating func write(_ changes: ArraySlice<EntityChange>, desired: [Ownership], index: OrganizationIndex) throws {
        let orgId = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.project)
        var users: [String: Int64] = [:]
        if !(split.creates.isEmpty && split.updates.isEmpty) {
            for row in try session.query(
                """
                SELECT u.id, lower(u.email) AS email FROM auth_user u
                JOIN sentry_organizationmember m ON m.user_id = u.id WHERE m.organization_id = \(orgId)
                """, activity: "ownership: finding member users")
            {
                users[try row.string("email")] = try row.int64("id")
            }
        }
        // Each project's row, keyed by its id so that the id stays typed.
        var records: [(projectId: Int64, record: Record)] = []
        for (_, ownership) in split.createsAndUpdates {
            guard let projectId = index.projects[ownership.project] else {
                throw ApplyOrderError(
                    message:
                        "project '\(ownership.project)' is not on the target; apply the projects stage (or its wave) first"
                )
            }
            let schema: any PostgresEncodable =
                ownership.raw.map { schemaJSON($0, project: ownership.project, teams: index.teams, users: users) }
                ?? SQLNull()
            records.append(
                (
                    projectId,
                    [
                        "project_id": projectId, "raw": ownership.raw ?? SQLNull() as any PostgresEncodable,
                        "schema": schema,
                        "fallthrough": ownership.fallthrough, "auto_assignment": ownership.autoAssignment != .off,
                        "suspect_committer_auto_assignment": ownership.autoAssignment == .suspectCommits,
                        "codeowners_auto_sync": ownership.codeownersAutoSync, "is_active": true,
                        "date_created": session.timestamp,
                        "last_updated": session.timestamp,
                    ]
                ))
        }
        // Projects that have a row get it updated (keeping its creation date); the others get one.
        let projectIds = records.map(\.projectId)
        let existing = Set(
            try projectIds.isEmpty
                ? []
                : session.query(
                    "SELECT project_id FROM sentry_projectownership WHERE project_id = ANY(\(projectIds))",
                    activity: "ownership: finding existing rules"
                ).map { try $0.int64("project_id") })
        try session.update(
            "sentry_projectownership", key: "project_id",
            records.filter { existing.contains($0.projectId) }.map {
                var record = $0.record
                record["date_created"] = nil
                return record
            })
        try session.copy(
            "sentry_projectownership", records.filter { !existing.contains($0.projectId) }.map(\.record))
        // Rules go only with a project prune deletes, which the projects stage has already marked
        // pending deletion: the index (active projects) no longer has it.
        guard !split.deletes.isEmpty else { return }
        let deleted = try session.query(
            "SELECT id FROM sentry_project WHERE organization_id = \(orgId) AND slug = ANY(\(split.deletes))",
            activity: "ownership: finding projects whose rules go"
        ).map { try $0.int64("id") }
        try session.delete("sentry_projectownership", where: "project_id", in: deleted)
    }

    private mutating func schemaJSON(
        _ raw: String, project: String, teams: [String: Int64], users: [String: Int64]
    ) -> String {
        let rules = ParsedOwnershipRule.parse(raw).map { rule -> String in
            let owners = rule.owners.map { owner -> String in
                let id = owner.isTeam ? teams[owner.identifier] : users[owner.identifier.lowercased()]
                if id == nil { unresolvedOwners.append("\(project): \(owner.isTeam ? "#" : "")\(owner.identifier)") }
                let type = owner.isTeam ? "team" : "user"
                return "{\"type\":\"\(type)\",\"identifier\":\(JSONString.quote(owner.identifier))"
                    + (id.map { ",\"id\":\($0)" } ?? "") + "}"
            }
            return "{\"matcher\":{\"type\":\(JSONString.quote(rule.matcherType)),\"pattern\":"
                + "\(JSONString.quote(rule.pattern))},\"owners\":[\(owners.joined(separator: ","))]}"
        }
        return "{\"$version\":1,\"rules\":[\(rules.joined(separator: ","))]}"
    }
}
