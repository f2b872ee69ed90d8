import Foundation
import SentryModel

/// Organization and project settings as option rows, and project environments, each in the
/// encoding Sentry's own readers expect (settings.md §2): the JSON value the ORM stores, as compact
/// JSON text (PostgreSQL makes it jsonb where the column is jsonb, 25.8 and later for organization
/// options). Booleans stay JSON booleans, never "1"/"0": several readers test `is False` or
/// truthiness (`sentry:join_requests`, `sentry:scrape_javascript`, `sentry:events_member_admin`),
/// where the string "0" would mean on. `relayPiiConfig` stays a JSON string holding JSON text,
/// which `datascrubbing.get_pii_config` reads with `json.loads`.
struct SettingsWriter {
    let session: WriteSession

    /// Makes the carried option rows of each organization exactly its settings: rows of carried
    /// keys it does not name are deleted (Sentry then reads its default), the others replaced.
    func writeOrganizationOptions(_ settings: [Int64: SettingValues?]) throws {
        let keys = SettingStorage.optionKeys(SettingStorage.organization)
        let notHeld = session.profile.organizationSettingsNotHeld
        try replace(
            "sentry_organizationoptions", owner: "organization_id", keys: keys, notHeld: notHeld, settings: settings,
            activity: "organization: replacing its settings")
    }

    func writeProjectOptions(_ settings: [Int64: SettingValues?]) throws {
        let keys = SettingStorage.optionKeys(SettingStorage.project)
        let notHeld = session.profile.projectSettingsNotHeld
        try replace(
            "sentry_projectoptions", owner: "project_id", keys: keys, notHeld: notHeld, settings: settings,
            activity: "projects: replacing their settings")
    }

    /// Security tokens as Sentry stores them (`sentry:token`, a JSON string).
    func writeSecurityTokens(_ tokens: [Int64: String]) throws {
        guard !tokens.isEmpty else { return }
        try session.execute(
            """
            DELETE FROM sentry_projectoptions WHERE project_id = ANY(\(tokens.keys.sorted()))
            AND key = \(SettingStorage.securityTokenKey)
            """, activity: "projects: replacing security tokens")
        try session.copy(
            "sentry_projectoptions",
            tokens.sorted { $0.key < $1.key }.map {
                [
                    "project_id": $0.key, "key": SettingStorage.securityTokenKey,
                    "value": PythonJSON.dumps(.string($0.value)),
                ]
            })
    }

    private func replace(
        _ table: String, owner: String, keys: [String: String], notHeld: [String: String],
        settings: [Int64: SettingValues?], activity: String
    ) throws {
        guard !settings.isEmpty else { return }
        let carried = keys.filter { notHeld[$0.key] == nil }
        var records: [Record] = []
        for (id, values) in settings.sorted(by: { $0.key < $1.key }) {
            for (name, value) in (values?.values ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let key = carried[name] else { continue }
                records.append([
                    owner: id, "key": key, "value": PythonJSON.dumps(SettingStorage.stored(name, value)),
                ])
            }
        }
        // Option row ids are referred to by nothing: delete and insert is the upsert, in two statements.
        try session.execute(
            """
            DELETE FROM \(identifier: table) WHERE \(identifier: owner) = ANY(\(settings.keys.sorted()))
            AND key = ANY(\(carried.values.sorted()))
            """, activity: activity)
        try session.copy(table, records)
    }

    /// Each project's environments: one `sentry_environment` row per name in the organization (made
    /// if missing) and one `sentry_environmentproject` row per project holding `is_hidden`, as
    /// `Environment.get_or_create` and `add_project` leave them. Environments the project has that
    /// the snapshot does not name are left alone: Sentry made them when events named them.
    func writeEnvironments(_ environments: [Int64: [String: Bool]], orgId: Int64) throws {
        let wanted = environments.filter { !$0.value.isEmpty }
        guard !wanted.isEmpty else { return }
        let names = Set(wanted.values.flatMap(\.keys)).sorted()
        var ids: [String: Int64] = [:]
        for row in try session.query(
            "SELECT id, name FROM sentry_environment WHERE organization_id = \(orgId) AND name = ANY(\(names))",
            activity: "environments: reading the organization's environments")
        {
            ids[try row.string("name")] = try row.int64("id")
        }
        let missing = names.filter { ids[$0] == nil }
        let newIds = try session.copyReturningIds(
            "sentry_environment",
            missing.map { ["organization_id": orgId, "name": $0, "date_added": session.now, "project_id": SQLNull()] })
        for (name, id) in zip(missing, newIds) { ids[name] = id }

        var existing: [Int64: [Int64: (id: Int64, hidden: Bool?)]] = [:]
        for row in try session.query(
            """
            SELECT id, project_id, environment_id, is_hidden FROM sentry_environmentproject
            WHERE project_id = ANY(\(wanted.keys.sorted()))
            """, activity: "environments: reading project environments")
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
}
