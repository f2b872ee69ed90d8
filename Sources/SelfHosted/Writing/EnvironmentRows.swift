/// The environment rows a rule needs, as `Environment.get_or_create` and `add_project` leave them
/// (Sentry 23.7.1 `models/environment.py`): one `sentry_environment` per (organization, name) and one
/// `sentry_environmentproject` per (project, environment), `is_hidden` NULL (visible). Existing rows
/// are kept as they are. Kept behind this small interface so that the environments kind of the
/// fidelity work (project environments with their hidden flag) can take it over.
struct EnvironmentRows {
    let session: WriteSession

    /// Environment ids by name, after making sure each (project, name) pair exists.
    func ensure(orgId: Int64, pairs: [(projectId: Int64, name: String)]) throws -> [String: Int64] {
        let names = Array(Set(pairs.map(\.name))).sorted()
        guard !names.isEmpty else { return [:] }
        try session.insert(
            "sentry_environment",
            names.map { name -> Record in ["organization_id": orgId, "name": name, "date_added": session.now] },
            suffix: "ON CONFLICT (organization_id, name) DO NOTHING")
        var ids: [String: Int64] = [:]
        for row in try session.query(
            "SELECT id, name FROM sentry_environment WHERE organization_id = \(orgId) AND name = ANY(\(names))",
            activity: "\(session.stage.rawValue): finding environments")
        {
            ids[try row.string("name")] = try row.int64("id")
        }
        var seen = Set<String>()
        let links = pairs.compactMap { pair -> Record? in
            guard let id = ids[pair.name], seen.insert("\(pair.projectId)/\(id)").inserted else { return nil }
            return ["project_id": pair.projectId, "environment_id": id, "is_hidden": SQLNull()]
        }
        try session.insert(
            "sentry_environmentproject", links, suffix: "ON CONFLICT (project_id, environment_id) DO NOTHING")
        return ids
    }
}
