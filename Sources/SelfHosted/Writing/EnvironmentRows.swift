/// Environment rows as `Environment.get_or_create` and `add_project` leave them (Sentry 23.7.1
/// `models/environment.py`): one `sentry_environment` per (organization, name), and one
/// `sentry_environmentproject` per (project, environment) holding `is_hidden`. The projects stage
/// writes each project's environments with their hidden flag; the rules stage only makes sure the
/// environment a rule names exists. `sentry_environment.project_id` (deprecated, gone in 25.10) is
/// left NULL, as Sentry leaves it.
struct EnvironmentRows {
    let session: WriteSession

    /// Each project's environments with their hidden flag. Environments the project has that the
    /// snapshot does not name are left alone: Sentry made them when events named them.
    func write(_ environments: [Int64: [String: Bool]], orgId: Int64) throws {
        let wanted = environments.filter { !$0.value.isEmpty }
        guard !wanted.isEmpty else { return }
        let ids = try organizationIds(orgId: orgId, names: Set(wanted.values.flatMap(\.keys)))
        var existing: [Int64: [Int64: (id: Int64, hidden: Bool?)]] = [:]
        for row in try session.query(
            """
            SELECT id, project_id, environment_id, is_hidden FROM sentry_environmentproject
            WHERE project_id = ANY(\(wanted.keys.sorted()))
            """, activity: "\(session.stage.rawValue): reading project environments")
        {
            existing[try row.int64("project_id"), default: [:]][try row.int64("environment_id")] = (
                try row.int64("id"), try row.optionalBool("is_hidden")
            )
        }
        var inserts: [Record] = []
        var updates: [Record] = []
        for (projectId, environmentsOfProject) in wanted.sorted(by: { $0.key < $1.key }) {
            for (name, hidden) in environmentsOfProject.sorted(by: { $0.key < $1.key }) {
                guard let environmentId = ids[name] else { continue }
                if let row = existing[projectId]?[environmentId] {
                    // NULL (never set) and false both show as visible; only a real difference is written.
                    if (row.hidden ?? false) != hidden { updates.append(["id": row.id, "is_hidden": hidden]) }
                } else {
                    inserts.append(["project_id": projectId, "environment_id": environmentId, "is_hidden": hidden])
                }
            }
        }
        _ = try session.copyReturningIds("sentry_environmentproject", inserts)
        try session.update("sentry_environmentproject", key: "id", updates)
    }

    /// Environment ids by name, after making sure each (project, name) pair exists; a link it adds is
    /// visible (`is_hidden` NULL, as `add_project` leaves it), an existing one is kept as it is.
    func ensure(orgId: Int64, pairs: [(projectId: Int64, name: String)]) throws -> [String: Int64] {
        guard !pairs.isEmpty else { return [:] }
        let ids = try organizationIds(orgId: orgId, names: Set(pairs.map(\.name)))
        var seen = Set<String>()
        let links = pairs.compactMap { pair -> Record? in
            guard let id = ids[pair.name], seen.insert("\(pair.projectId)/\(id)").inserted else { return nil }
            return ["project_id": pair.projectId, "environment_id": id, "is_hidden": SQLNull()]
        }
        try session.insert(
            "sentry_environmentproject", links, suffix: "ON CONFLICT (project_id, environment_id) DO NOTHING")
        return ids
    }

    /// The organization's environment id of each name, made where missing.
    private func organizationIds(orgId: Int64, names: Set<String>) throws -> [String: Int64] {
        let names = names.sorted()
        try session.insert(
            "sentry_environment",
            names.map { name -> Record in ["organization_id": orgId, "name": name, "date_added": session.timestamp] },
            suffix: "ON CONFLICT (organization_id, name) DO NOTHING")
        var ids: [String: Int64] = [:]
        for row in try session.query(
            "SELECT id, name FROM sentry_environment WHERE organization_id = \(orgId) AND name = ANY(\(names))",
            activity: "\(session.stage.rawValue): finding environments")
        {
            ids[try row.string("name")] = try row.int64("id")
        }
        return ids
    }
}
