import SentryModel

/// Reads organization and project settings and project environments back from their rows, as
/// `SettingsWriter` and Sentry's ORM leave them: only stored option values (Sentry's defaults are
/// not filled in), flag bits the target's Sentry has, environments other than "" (no environment).
struct SettingsReader {
    let connection: PostgresConnection
    let profile: TargetProfile

    func organizationSettings(orgId: Int64, flags: Int64, warn: (String) -> Void) throws -> SettingValues? {
        let keys = SettingStorage.optionKeys(SettingStorage.organization)
        let notHeld = profile.organizationSettingsNotHeld
        var stored: [String: String] = [:]
        for row in try connection.query(
            """
            SELECT key, value::text AS value FROM sentry_organizationoptions
            WHERE organization_id = \(orgId) AND key = ANY(\(Array(keys.values).sorted())) AND value IS NOT NULL
            """, activity: "reading organization settings")
        {
            stored[try row.string("key")] = try row.string("value")
        }
        var values = decode(
            stored, keys: keys, catalog: SettingsCatalog.organizationByName, owner: "the organization", warn: warn)
        // A flag bit is always there; like an option row, it is listed only when it says something
        // other than Sentry's default (the bit set: the setting false).
        for (name, storage) in SettingStorage.organization where notHeld[name] == nil {
            if case .invertedFlag(let bit, _) = storage, flags & bit != 0 { values[name] = .bool(false) }
        }
        return values.isEmpty ? nil : SettingValues(values)
    }

    /// Project slug → stored settings, for projects that have any.
    func projectSettings(orgId: Int64, projectSlugs: [Int64: String], warn: (String) -> Void) throws
        -> [String: SettingValues]
    {
        let keys = SettingStorage.optionKeys(SettingStorage.project).filter {
            profile.projectSettingsNotHeld[$0.key] == nil
        }
        var stored: [Int64: [String: String]] = [:]
        for row in try connection.query(
            """
            SELECT o.project_id, o.key, o.value::text AS value
            FROM sentry_projectoptions o JOIN sentry_project p ON p.id = o.project_id
            WHERE p.organization_id = \(orgId) AND o.key = ANY(\(Array(keys.values).sorted())) AND o.value IS NOT NULL
            """, activity: "reading project settings")
        {
            stored[try row.int64("project_id"), default: [:]][try row.string("key")] = try row.string("value")
        }
        var result: [String: SettingValues] = [:]
        for (id, options) in stored {
            guard let slug = projectSlugs[id] else { continue }
            let values = decode(
                options, keys: keys, catalog: SettingsCatalog.projectByName, owner: "project '\(slug)'", warn: warn)
            if !values.isEmpty { result[slug] = SettingValues(values) }
        }
        return result
    }

    /// Security tokens (`sentry:token`), a string Sentry generates on first read of the settings page.
    func securityTokens(orgId: Int64, projectSlugs: [Int64: String]) throws -> [ProjectSecret] {
        var tokens: [ProjectSecret] = []
        for row in try connection.query(
            """
            SELECT o.project_id, o.value::text AS value
            FROM sentry_projectoptions o JOIN sentry_project p ON p.id = o.project_id
            WHERE p.organization_id = \(orgId) AND o.key = \(SettingStorage.securityTokenKey) AND o.value IS NOT NULL
            """, activity: "reading project security tokens")
        {
            guard let slug = projectSlugs[try row.int64("project_id")],
                let token = JSONValue.parse(try row.string("value"))?.stringValue, !token.isEmpty
            else { continue }
            tokens.append(ProjectSecret(project: slug, securityToken: token))
        }
        return tokens.sorted { $0.project < $1.project }
    }

    /// Project slug → environment name → hidden. `is_hidden` NULL (never set) reads as visible,
    /// as Sentry's `EnvironmentProjectSerializer` does (`is_hidden is True`).
    func environments(orgId: Int64, projectSlugs: [Int64: String]) throws -> [String: [String: Bool]] {
        guard profile.catalog.hasTable("sentry_environmentproject"), profile.catalog.hasTable("sentry_environment")
        else { return [:] }
        var result: [String: [String: Bool]] = [:]
        for row in try connection.query(
            """
            SELECT ep.project_id, e.name, ep.is_hidden FROM sentry_environmentproject ep
            JOIN sentry_environment e ON e.id = ep.environment_id
            JOIN sentry_project p ON p.id = ep.project_id
            WHERE p.organization_id = \(orgId) AND e.name <> ''
            """, activity: "reading environments")
        {
            guard let slug = projectSlugs[try row.int64("project_id")] else { continue }
            result[slug, default: [:]][try row.string("name")] = try row.optionalBool("is_hidden") == true
        }
        return result
    }

    /// Stored option texts as setting values. A value Sentry itself could not use (not JSON, a
    /// legacy pickle, the wrong type) is left out with a warning: Sentry reads its default there.
    private func decode(
        _ stored: [String: String], keys: [String: String], catalog: [String: SettingDefinition], owner: String,
        warn: (String) -> Void
    ) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (name, key) in keys.sorted(by: { $0.key < $1.key }) {
            guard let text = stored[key] else { continue }
            guard let parsed = JSONValue.parse(text) else {
                warn("\(owner): option \(key) is not JSON (a legacy pickled value?); it is read as Sentry's default.")
                continue
            }
            let value = SettingStorage.setting(name, stored: parsed)
            if let problem = catalog[name]?.problem(with: value) {
                warn("\(owner): option \(key) holds a value Sentry does not expect (\(problem)); it is left out.")
                continue
            }
            values[name] = value
        }
        return values
    }
}
