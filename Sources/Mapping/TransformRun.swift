import SentryModel

/// One application of a resolved mapping to its snapshot, entity kind by entity kind.
struct TransformRun {
    let resolution: MappingResolution
    var explanations: [Explanation] = []
    /// Values a rule set, by entity and field of the result (`origins.json`).
    var origins: [ValueOrigin] = []
    var mapping: MappingFile { resolution.mapping }
    var snapshot: Snapshot { resolution.snapshot }

    init(resolution: MappingResolution) {
        self.resolution = resolution
    }

    mutating func run() -> (Snapshot, [Explanation]) {
        var result = snapshot
        result.organization = organization()
        result.teams = teams()
        result.members = members()
        result.projects = projects()
        (result.keys, result.secrets) = keys()
        result.projectSecrets = projectSecrets()
        result.filters = filters()
        result.ownership = ownership()
        result.rules = rules()
        result.metricAlerts = metricAlerts()
        return (result, explanations)
    }

    mutating func explain(_ reference: RuleReference?, _ entity: String, _ change: String) {
        let reference = reference ?? RuleReference(rule: "mapping", position: Position(line: 1, column: 1))
        explanations.append(
            Explanation(
                rule: reference.rule, location: Location(file: mapping.path, position: reference.position),
                entity: entity, change: change))
    }

    /// Records that `reference` set `field` of the result's entity `key` of `kind`.
    mutating func setBy(_ reference: RuleReference?, _ kind: ValueOrigin.Kind, _ key: String, _ field: String) {
        guard let reference else { return }
        origins.append(
            ValueOrigin(
                entity: ValueOrigin.entity(kind, key), field: field, rule: reference.rule,
                location: Location(file: mapping.path, position: reference.position).description))
    }

    func reference(_ rule: String, _ position: Position?) -> RuleReference {
        RuleReference(rule: rule, position: position ?? mapping.location(nil).position!)
    }

    // MARK: Organization and teams

    /// A setting's value as `--explain` shows it; relayPiiConfig and other long texts are cut short.
    static func shown(_ value: JSONValue?) -> String {
        guard let value else { return "removed (the target's default applies)" }
        let text = PythonJSON.dumps(value)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    mutating func organization() -> Organization {
        var organization = snapshot.organization
        let entity = "organization '\(organization.slug)'"
        if let slug = mapping.organization.slug, slug.value != organization.slug {
            explain(reference("organization.slug", slug.position), entity, "slug → '\(slug.value)'")
            organization.slug = slug.value
            setBy(reference("organization.slug", slug.position), .organization, slug.value, "slug")
        }
        if let name = mapping.organization.name, name.value != organization.name {
            explain(reference("organization.name", name.position), entity, "name → '\(name.value)'")
            organization.name = name.value
            setBy(reference("organization.name", name.position), .organization, organization.slug, "name")
        }
        if let into = mapping.organization.into {
            explain(
                reference("organization.into", into.position), entity,
                "migrates into the self-hosted organization '\(into.value)' (keeps its id, teams and projects)")
            organization.into = into.value
        }
        if let alongside = mapping.organization.alongside, alongside.value {
            explain(
                reference("organization.alongside", alongside.position), entity,
                "created beside the organizations the target holds")
            organization.alongside = true
        }
        var settings = organization.settings?.values ?? [:]
        for override in mapping.settings.organization {
            let name = override.name.value
            guard settings[name] != override.value else { continue }
            settings[name] = override.value
            explain(
                reference("settings.organization.\(name)", override.name.position), entity,
                "setting \(name) → " + Self.shown(override.value))
        }
        organization.settings = settings.isEmpty ? nil : SettingValues(settings)
        return organization
    }

    mutating func teams() -> [Team] {
        var groups: [String: [Team]] = [:]
        for team in snapshot.teams.sorted(by: { $0.slug < $1.slug }) {
            if let exclusion = resolution.teamExcluded[team.slug] {
                explain(exclusion, "team '\(team.slug)'", "excluded")
                continue
            }
            groups[resolution.teamSlug[team.slug]?.name ?? team.slug, default: []].append(team)
        }
        var result: [Team] = []
        for slug in groups.keys.sorted() {
            let sources = groups[slug]!
            let isMerge = sources.contains {
                resolution.teamSlug[$0.slug]?.rule?.rule.hasPrefix("teams.merge.") == true
            }
            let kept = sources.first { $0.slug == slug }
            for source in sources where source.slug != slug {
                let destination = resolution.teamSlug[source.slug]
                explain(
                    destination?.rule, "team '\(source.slug)'", isMerge ? "merged into '\(slug)'" : "slug → '\(slug)'")
                setBy(destination?.rule, .team, slug, "slug")
            }
            let base = isMerge ? kept : sources[0]
            var team = Team(slug: slug, name: base?.name ?? slug, hostedId: base?.hostedId)
            if let named = sources.compactMap({ resolution.teamName[$0.slug] }).first, named.name != team.name {
                explain(named.rule, "team '\(slug)'", "name → '\(named.name)'")
                team.name = named.name
                setBy(named.rule, .team, slug, "name")
            }
            result.append(team)
        }
        return result
    }

    // MARK: Members

    mutating func members() -> [Member] {
        var result: [String: Member] = [:]
        for member in snapshot.members.sorted(by: { $0.email < $1.email }) {
            let key = member.email.lowercased()
            let entity = "member '\(member.email)'"
            if let exclusion = resolution.memberExcluded[key] {
                explain(exclusion, entity, member.pending ? "excluded (pending invite)" : "excluded")
                continue
            }
            var changed = member
            if let destination = resolution.memberEmail[key], destination.name != member.email {
                changed.email = destination.name
                let renamesName = member.name.lowercased() == key
                if renamesName { changed.name = destination.name }
                explain(
                    destination.rule, entity,
                    "e-mail → '\(destination.name)'" + (renamesName ? " (and the name, which was the e-mail)" : ""))
                setBy(destination.rule, .member, destination.name, "email")
                if renamesName { setBy(destination.rule, .member, destination.name, "name") }
            }
            if let role = resolution.roleMap[member.role], role.name != member.role {
                changed.role = role.name
                explain(role.rule, entity, "role '\(member.role)' → '\(role.name)'")
            }
            changed.teams = memberships(of: member, entity: entity)
            applyIdentity(to: &changed, from: member, entity: entity)
            if result[changed.email] == nil { result[changed.email] = changed }
        }
        return result.keys.sorted().map { result[$0]! }
    }

    private mutating func memberships(of member: Member, entity: String) -> [TeamMembership] {
        var bySlug: [String: TeamMembership] = [:]
        for membership in member.teams {
            if let exclusion = resolution.teamExcluded[membership.slug] {
                explain(exclusion, entity, "leaves team '\(membership.slug)' (excluded)")
                continue
            }
            var moved = membership
            if let destination = resolution.teamSlug[membership.slug], destination.name != membership.slug {
                moved.slug = destination.name
                explain(destination.rule, entity, "team '\(membership.slug)' → '\(destination.name)'")
            }
            if let role = membership.role, let mapped = resolution.teamRoleMap[role], mapped.name != role {
                moved.role = mapped.name
                explain(mapped.rule, entity, "team role on '\(moved.slug)' '\(role)' → '\(mapped.name)'")
            }
            if let existing = bySlug[moved.slug] {
                moved.role = Self.strongerTeamRole(existing.role, moved.role)
            }
            bySlug[moved.slug] = moved
        }
        return bySlug.keys.sorted().map { bySlug[$0]! }
    }

    /// When merged teams give one member two roles, the member keeps the stronger one.
    static func strongerTeamRole(_ lhs: String?, _ rhs: String?) -> String? {
        let rank = ["admin": 2, "contributor": 1]
        return (rank[lhs ?? ""] ?? 0) >= (rank[rhs ?? ""] ?? 0) ? lhs : rhs
    }

    private mutating func applyIdentity(to changed: inout Member, from member: Member, entity: String) {
        let key = member.email.lowercased()
        if let (policy, rule) = resolution.identity[key] {
            changed.identity = policy
            explain(
                rule, entity,
                "identity: \(policy.rawValue)"
                    + (member.pending && changed.identity == .invite ? " (a pending invite stays one)" : ""))
        }
        if member.pending, resolution.pendingPolicy == .keep { return }
        changed.pending = changed.identity == .invite
        if member.pending && !changed.pending {
            explain(
                reference("members.pendingInvites", mapping.members.pendingInvites?.position), entity,
                "pending invite → member")
        } else if !member.pending && changed.pending {
            explain(resolution.identity[key]?.rule, entity, "member → pending invite")
        }
    }
}
