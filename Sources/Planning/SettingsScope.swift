import SentryModel

/// What of a desired entity's settings and environments the plan compares on this target: settings
/// the target's Sentry does not have are left out (and said so), and environments only the target
/// has are kept as they are, since Sentry creates them itself when events name them.
struct SettingsScope {
    let facts: TargetFacts
    let currentProjects: [String: Project]

    init(facts: TargetFacts, current: Snapshot?) {
        self.facts = facts
        currentProjects = Dictionary(
            (current?.projects ?? []).map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func organization(_ organization: Organization) -> (Organization, notes: [String]) {
        var copy = organization
        let notes = Self.drop(&copy.settings, facts.organizationSettingsNotHeld)
        // A flag bit always has a value on the target, and reads back only when it is not the
        // default: a snapshot that names the default asks for what an absent setting gives.
        var values = copy.settings?.values ?? [:]
        for definition in SettingsCatalog.organization where definition.alwaysStored != nil {
            if values[definition.name] == definition.alwaysStored { values[definition.name] = nil }
        }
        copy.settings = values.isEmpty ? nil : SettingValues(values)
        return (copy, notes)
    }

    func project(_ project: Project) -> (project: Project, notHeld: [String]) {
        var copy = project
        let notes = Self.drop(&copy.settings, facts.projectSettingsNotHeld)
        if let existing = currentProjects[project.slug]?.environments {
            var merged = copy.environments ?? [:]
            for (name, hidden) in existing where merged[name] == nil { merged[name] = hidden }
            copy.environments = merged.isEmpty ? nil : merged
        }
        return (copy, notes)
    }

    private static func drop(_ settings: inout SettingValues?, _ notHeld: [String: String]) -> [String] {
        guard var values = settings?.values else { return [] }
        var notes: [String] = []
        for name in values.keys.sorted() {
            guard let reason = notHeld[name] else { continue }
            values[name] = nil
            notes.append("setting \(name) is not carried: \(reason)")
        }
        settings = values.isEmpty ? nil : SettingValues(values)
        return notes
    }

    /// The caches a running Sentry keeps for what this change writes (settings.md §7), and the
    /// commands that refresh them. New rows are safe; changed ones may be served stale for an hour.
    static func cacheNotes(for change: EntityChange) -> [String] {
        guard change.action == .update else { return [] }
        let names = change.fields.map(\.field)
        var notes: [String] = []
        if names.contains(where: { $0.hasPrefix("settings.") }) {
            let table = change.stage == .organization ? "sentry_organizationoptions" : "sentry_projectoptions"
            notes.append(
                "cache: Sentry keeps \(table):<id> in memcached and Relay's project configs in Redis "
                    + "(relayconfig:<public key>) for up to an hour; refresh them from the self-hosted checkout "
                    + "with: docker compose restart memcached && docker compose exec redis sh -c "
                    + "\"redis-cli --scan --pattern 'relayconfig:*' | xargs -r redis-cli del\" && "
                    + "docker compose restart relay web worker")
        }
        if names.contains(where: { $0.hasPrefix("environments.") }) {
            notes.append(
                "cache: Sentry keeps environments in memcached (env:2:<org id>:<name digest>, "
                    + "envproj:c:<environment id>:<project id>) for an hour; refresh with: "
                    + "docker compose restart memcached")
        }
        return notes
    }
}
