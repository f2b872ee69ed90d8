import SentryModel

extension TransformRun {
    /// The final slug of a migrated project, nil when it is excluded.
    func projectTarget(_ slug: String) -> String? {
        resolution.projectExcluded[slug] == nil ? resolution.projectSlug[slug]?.name ?? slug : nil
    }

    var preservesProjectIds: Bool { mapping.keys.preserveProjectIds?.value ?? true }

    mutating func projects() -> [Project] {
        var result: [String: Project] = [:]
        for project in snapshot.projects.sorted(by: { $0.slug < $1.slug }) {
            let entity = "project '\(project.slug)'"
            if let exclusion = resolution.projectExcluded[project.slug] {
                explain(exclusion, entity, "excluded, with its keys, filters and ownership rules")
                continue
            }
            var changed = project
            if let destination = resolution.projectSlug[project.slug], destination.name != project.slug {
                changed.slug = destination.name
                explain(destination.rule, entity, "slug → '\(destination.name)'")
                setBy(destination.rule, .project, changed.slug, "slug")
            }
            if let name = resolution.projectName[project.slug], name.name != project.name {
                changed.name = name.name
                explain(name.rule, entity, "name → '\(name.name)'")
                setBy(name.rule, .project, changed.slug, "name")
            }
            if let platform = resolution.projectPlatform[project.slug], platform.platform != project.platform {
                changed.platform = platform.platform
                explain(platform.rule, entity, "platform → " + (platform.platform.map { "'\($0)'" } ?? "none"))
                setBy(platform.rule, .project, changed.slug, "platform")
            }
            var teams = Set<String>()
            for team in project.teams {
                if let exclusion = resolution.teamExcluded[team] {
                    explain(exclusion, entity, "loses team '\(team)' (excluded)")
                    continue
                }
                let target = resolution.teamSlug[team]?.name ?? team
                if target != team { explain(resolution.teamSlug[team]?.rule, entity, "team '\(team)' → '\(target)'") }
                teams.insert(target)
            }
            changed.teams = teams.sorted()
            renameEnvironments(of: &changed, entity: entity)
            applySettings(to: &changed, from: project, entity: entity)
            if !preservesProjectIds, project.hostedId != nil {
                changed.hostedId = nil
                explain(
                    reference("keys.preserveProjectIds", mapping.keys.preserveProjectIds?.position), entity,
                    "hosted project id not kept")
            }
            if result[changed.slug] == nil { result[changed.slug] = changed }
        }
        return result.keys.sorted().map { result[$0]! }
    }

    /// The self-hosted name of a hosted environment (`environments.rename`).
    func environmentTarget(_ name: String) -> String { resolution.environmentName[name]?.name ?? name }

    /// `environments.rename` on a project: its environments, and `defaultEnvironment`, which names
    /// one. Two hosted environments renamed onto one name merge; it is visible if either was.
    private mutating func renameEnvironments(of changed: inout Project, entity: String) {
        if let environments = changed.environments {
            var renamed: [String: Bool] = [:]
            for (name, hidden) in environments.sorted(by: { $0.key < $1.key }) {
                let target = environmentTarget(name)
                if target != name {
                    explain(resolution.environmentName[name]?.rule, entity, "environment '\(name)' → '\(target)'")
                }
                renamed[target] = (renamed[target] ?? true) && hidden
            }
            changed.environments = renamed
        }
        if var settings = changed.settings?.values, case .string(let name)? = settings["defaultEnvironment"],
            environmentTarget(name) != name
        {
            settings["defaultEnvironment"] = .string(environmentTarget(name))
            explain(
                resolution.environmentName[name]?.rule, entity,
                "setting defaultEnvironment → \"\(environmentTarget(name))\" (renamed environment)")
            changed.settings = SettingValues(settings)
        }
    }

    /// `settings.projects` rules matching the hosted slug, in file order (later ones win).
    private mutating func applySettings(to changed: inout Project, from project: Project, entity: String) {
        var settings = changed.settings?.values ?? [:]
        var environments = changed.environments ?? [:]
        for rule in resolution.projectSettings[project.slug] ?? [] {
            let path = "settings.projects.\(rule.pattern.value)"
            for override in rule.settings where settings[override.name.value] != override.value {
                settings[override.name.value] = override.value
                explain(
                    reference("\(path).\(override.name.value)", override.name.position), entity,
                    "setting \(override.name.value) → " + Self.shown(override.value))
            }
            for (name, hidden) in rule.environments where environments[name.value] != hidden {
                environments[name.value] = hidden
                let change = hidden.map { $0 ? "hidden" : "visible" } ?? "not carried"
                explain(
                    reference("\(path).environments.\(name.value)", name.position), entity,
                    "environment '\(name.value)' → \(change)")
            }
        }
        changed.settings = settings.isEmpty ? nil : SettingValues(settings)
        changed.environments = environments.isEmpty ? nil : environments
    }

    /// Security tokens follow their project: renamed with it, dropped with it.
    func projectSecrets() -> [ProjectSecret] {
        var result: [String: ProjectSecret] = [:]
        for secret in snapshot.projectSecrets.sorted(by: { $0.project < $1.project }) {
            guard let project = projectTarget(secret.project), result[project] == nil else { continue }
            result[project] = ProjectSecret(project: project, securityToken: secret.securityToken)
        }
        return result.keys.sorted().map { result[$0]! }
    }

    mutating func keys() -> ([ClientKey], [KeySecret]) {
        let rules = mapping.keys
        if let preserve = rules.preserve, !preserve.value {
            for key in snapshot.keys where projectTarget(key.project) != nil {
                explain(
                    reference("keys.preserve", preserve.position), "client key '\(key.publicKey)'",
                    "not migrated (keys.preserve is false)")
            }
            return ([], [])
        }
        let keyLimits = Dictionary(rules.keyRateLimits.map { ($0.subject.value, $0) }, uniquingKeysWith: { a, _ in a })
        let projectLimits = Dictionary(
            rules.projectRateLimits.map { ($0.subject.value, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [ClientKey] = []
        for key in snapshot.keys {
            guard let project = projectTarget(key.project) else { continue }
            let entity = "client key '\(key.publicKey)'"
            var changed = key
            if !key.active, let inactive = rules.inactive, inactive.value != .keep {
                let rule = reference("keys.inactive", inactive.position)
                if inactive.value == .exclude {
                    explain(rule, entity, "excluded (inactive)")
                    continue
                }
                changed.active = true
                explain(rule, entity, "activated")
            }
            if project != key.project {
                changed.project = project
                explain(resolution.projectSlug[key.project]?.rule, entity, "project → '\(project)'")
            }
            let override =
                keyLimits[key.publicKey].map { ("keys.rateLimits.keys", $0) }
                ?? projectLimits[key.project].map { ("keys.rateLimits.projects", $0) }
            if let (rule, limit) = override, limit.limit != key.rateLimit {
                changed.rateLimit = limit.limit
                let text = limit.limit.map { "\($0.count) per \($0.window)s" } ?? "none"
                explain(reference(rule, limit.subject.position), entity, "rate limit → \(text)")
                setBy(reference(rule, limit.subject.position), .key, key.publicKey, "rateLimit")
            }
            if !preservesProjectIds { changed.hostedProjectId = nil }
            result.append(changed)
        }
        result.sort { ($0.project, $0.publicKey) < ($1.project, $1.publicKey) }
        let kept = Set(result.map(\.publicKey))
        let secrets = snapshot.secrets.filter { kept.contains($0.publicKey) }.sorted { $0.publicKey < $1.publicKey }
        return (result, secrets)
    }

    mutating func filters() -> [InboundFilters] {
        let overrides = Dictionary(
            mapping.filters.projects.map { ($0.project.value, $0.override) }, uniquingKeysWith: { a, _ in a })
        var result: [InboundFilters] = []
        var seen = Set<String>()
        for filters in snapshot.filters {
            guard let project = projectTarget(filters.project) else { continue }
            seen.insert(filters.project)
            result.append(overridden(filters, as: project, by: overrides[filters.project]))
        }
        // A project the snapshot has no filters for still gets the overrides, over Sentry's defaults.
        for project in snapshot.projects where !seen.contains(project.slug) {
            guard let target = projectTarget(project.slug),
                mapping.filters.all != nil || overrides[project.slug] != nil
            else { continue }
            result.append(overridden(InboundFilters(project: project.slug), as: target, by: overrides[project.slug]))
        }
        return result.sorted { $0.project < $1.project }
    }

    private mutating func overridden(
        _ filters: InboundFilters, as project: String, by override: FilterOverride?
    ) -> InboundFilters {
        var changed = filters
        changed.project = project
        let entity = "filters of project '\(filters.project)'"
        if let all = mapping.filters.all { apply(all, to: &changed, rule: "filters.all", entity: entity) }
        if let override {
            apply(override, to: &changed, rule: "filters.projects.\(filters.project)", entity: entity)
        }
        return changed
    }

    private mutating func apply(
        _ override: FilterOverride, to filters: inout InboundFilters, rule: String, entity: String
    ) {
        func set<Value: Equatable & Sendable & Hashable>(
            _ field: WritableKeyPath<InboundFilters, Value>, _ value: Located<Value>?, _ name: String,
            _ run: inout TransformRun, _ describe: (Value) -> String
        ) {
            guard let value, filters[keyPath: field] != value.value else { return }
            filters[keyPath: field] = value.value
            run.explain(
                RuleReference(rule: "\(rule).\(name)", position: value.position), entity,
                "\(name) → \(describe(value.value))")
        }
        let flag: (Bool) -> String = { "\($0)" }
        let list: ([String]) -> String = { "[" + $0.map { "'\($0)'" }.joined(separator: ", ") + "]" }
        set(\.browserExtensions, override.browserExtensions, "browserExtensions", &self, flag)
        set(\.localhost, override.localhost, "localhost", &self, flag)
        set(\.webCrawlers, override.webCrawlers, "webCrawlers", &self, flag)
        set(\.filteredTransaction, override.filteredTransaction, "filteredTransaction", &self, flag)
        set(\.reactHydrationErrors, override.reactHydrationErrors, "reactHydrationErrors", &self, flag)
        set(\.chunkLoadError, override.chunkLoadError, "chunkLoadError", &self, flag)
        set(\.blacklistedIps, override.blacklistedIps, "blacklistedIps", &self, list)
        set(\.releases, override.releases, "releases", &self, list)
        set(\.errorMessages, override.errorMessages, "errorMessages", &self, list)
        set(\.legacyBrowsers, override.legacyBrowsers, "legacyBrowsers", &self) { value in
            switch value {
            case .all(let on): return "\(on)"
            case .subfilters(let names): return list(names)
            }
        }
    }

    mutating func ownership() -> [Ownership] {
        var result: [Ownership] = []
        for ownership in snapshot.ownership {
            guard let project = projectTarget(ownership.project) else { continue }
            var changed = ownership
            changed.project = project
            let entity = "ownership rules of project '\(ownership.project)'"
            if project != ownership.project {
                explain(resolution.projectSlug[ownership.project]?.rule, entity, "project → '\(project)'")
            }
            if let rewrite = resolution.ownershipRewrites[ownership.project] {
                changed.raw = rewrite.text
                for change in rewrite.changes { explain(ownerRule(change), entity, describe(change)) }
                for position in rewrite.commentedOut {
                    explain(
                        reference("ownership.unknownOwners", mapping.ownership.unknownOwners?.position), entity,
                        "rule at \(position) commented out: no owner left")
                }
            }
            result.append(changed)
        }
        return result.sorted { $0.project < $1.project }
    }

    private func describe(_ change: OwnershipRewrite.Change) -> String {
        if let to = change.to { return "owner '\(change.from)' at \(change.position) → '\(to)'" }
        return "owner '\(change.from)' at \(change.position) removed: \(change.reason)"
    }

    /// The rule behind an owner change: the rename that renamed it, or the unknown-owner policy.
    private func ownerRule(_ change: OwnershipRewrite.Change) -> RuleReference {
        let from = change.from
        let renamed =
            from.hasPrefix("#")
            ? resolution.teamSlug[String(from.dropFirst())]?.rule : resolution.memberEmail[from.lowercased()]?.rule
        if change.to != nil || change.reason.hasPrefix("already") { if let renamed { return renamed } }
        return reference("ownership.unknownOwners", mapping.ownership.unknownOwners?.position)
    }
}
