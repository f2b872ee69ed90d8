import Foundation
import SentryModel

/// Organization and project settings as option rows, each in the
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
}
