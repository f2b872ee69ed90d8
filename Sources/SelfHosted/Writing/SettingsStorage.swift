import SentryModel

/// Where a self-hosted Sentry keeps each carried setting, and the value its ORM stores
/// (reference/settings.md §3.2–3.4, §5.3–5.4). Writer and reader share this one table.
enum SettingStorage: Hashable {
    /// An option row; the value is JSON text (a jsonb value where the column is jsonb).
    case option(String)
    /// A bit of `sentry_organization.flags` that holds the *negation* of the setting
    /// (`disable_member_invite` for `allowMemberInvite`), mirrored by a boolean column of
    /// `sentry_organizationmapping` of the same name.
    case invertedFlag(bit: Int64, column: String)

    /// Organization settings (`api/endpoints/organization_details.py` `ORG_OPTIONS`; flags in
    /// `models/organization.py`).
    static let organization: [String: SettingStorage] = [
        "alertsMemberWrite": .option("sentry:alerts_member_write"),
        "allowJoinRequests": .option("sentry:join_requests"),
        "allowMemberInvite": .invertedFlag(bit: 1024, column: "disable_member_invite"),
        "allowMemberProjectCreation": .invertedFlag(bit: 256, column: "disable_member_project_creation"),
        "attachmentsRole": .option("sentry:attachments_role"),
        "dataScrubber": .option("sentry:require_scrub_data"),
        "dataScrubberDefaults": .option("sentry:require_scrub_defaults"),
        "debugFilesRole": .option("sentry:debug_files_role"),
        "eventsMemberAdmin": .option("sentry:events_member_admin"),
        "relayPiiConfig": .option("sentry:relay_pii_config"),
        "safeFields": .option("sentry:safe_fields"),
        "scrapeJavaScript": .option("sentry:scrape_javascript"),
        "scrubIPAddresses": .option("sentry:require_scrub_ip_address"),
        "sensitiveFields": .option("sentry:sensitive_fields"),
        "storeCrashReports": .option("sentry:store_crash_reports"),
        "trustedRelays": .option("sentry:trusted-relays"),
    ]

    /// Project settings: every one is an option row (`SettingsCatalog.projectOptionKeys`).
    static let project: [String: SettingStorage] = SettingsCatalog.projectOptionKeys.mapValues { .option($0) }

    /// The security token's option key; its value lives in the snapshot's secrets.
    static let securityTokenKey = SettingsCatalog.securityTokenKey

    /// Option keys of `storage`, by setting name.
    static func optionKeys(_ storage: [String: SettingStorage]) -> [String: String] {
        storage.compactMapValues { if case .option(let key) = $0 { key } else { nil } }
    }

    /// The value Sentry's ORM stores for setting `name` holding `value`. Trusted relays are the one
    /// setting whose stored form differs from the API's: snake_case keys
    /// (`api/endpoints/organization_details.py` `TrustedRelaySerializer`, `_update_trusted_relays`).
    static func stored(_ name: String, _ value: JSONValue) -> JSONValue {
        guard name == "trustedRelays", case .array(let relays) = value else { return value }
        return .array(
            relays.map { relay in
                guard case .object(let fields) = relay else { return relay }
                var stored: [String: JSONValue] = [:]
                for (field, item) in fields { stored[relayStorageNames[field] ?? field] = item }
                return .object(stored)
            })
    }

    /// The setting's value for a stored option value (the inverse of `stored`).
    static func setting(_ name: String, stored value: JSONValue) -> JSONValue {
        guard name == "trustedRelays", case .array(let relays) = value else { return value }
        let apiNames = Dictionary(uniqueKeysWithValues: relayStorageNames.map { ($1, $0) })
        return .array(
            relays.map { relay in
                guard case .object(let fields) = relay else { return relay }
                var setting: [String: JSONValue] = [:]
                for (field, item) in fields { setting[apiNames[field] ?? field] = item }
                return .object(setting)
            })
    }

    private static let relayStorageNames = ["publicKey": "public_key", "lastModified": "last_modified"]
}

/// Settings a target's Sentry does not have, decided from its catalog (and, where the schema holds
/// no trace of a setting, from its release family), with the reason the plan shows.
extension TargetProfile {
    var organizationSettingsNotHeld: [String: String] {
        var notHeld: [String: String] = [:]
        for (name, storage) in SettingStorage.organization {
            if case .invertedFlag(_, let column) = storage,
                catalog.column("sentry_organizationmapping", column) == nil
            {
                notHeld[name] =
                    "this Sentry has no organization flag \(column) (its organization mapping has no such column)"
            }
        }
        return notHeld
    }

    var projectSettingsNotHeld: [String: String] {
        guard family == .v23 else { return [:] }
        return [
            "highlightContext": "Sentry 23.x has no highlighted context (24.4.2 and later)",
            "highlightTags": "Sentry 23.x has no highlighted tags (24.4.2 and later)",
        ]
    }
}
