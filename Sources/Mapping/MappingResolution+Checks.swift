import SentryModel

extension MappingResolution {
    /// A project named in keys or filters must exist and be migrated.
    mutating func checkProject(_ project: Located<String>, in rule: String) -> Bool {
        let hosted = snapshot.projects.map(\.slug)
        guard hosted.contains(project.value) else {
            error(
                "project '\(project.value)' in \(rule) is not in the snapshot"
                    + Self.didYouMean(project.value, among: hosted),
                next: "\(rule) names projects by their hosted slug", at: project.position)
            return false
        }
        if let exclusion = projectExcluded[project.value] {
            error(
                "project '\(project.value)' in \(rule) is excluded by \(Self.describe(exclusion))",
                next: "remove it from one of the two", at: project.position)
            return false
        }
        return true
    }

    mutating func checkKeys() {
        let rules = mapping.keys
        for rule in rules.projectRateLimits {
            _ = checkProject(rule.subject, in: "keys.rateLimits.projects")
        }
        let keys = Dictionary(snapshot.keys.map { ($0.publicKey, $0) }, uniquingKeysWith: { first, _ in first })
        for rule in rules.keyRateLimits {
            guard let key = keys[rule.subject.value] else {
                error(
                    "client key '\(rule.subject.value)' in keys.rateLimits.keys is not in the snapshot"
                        + Self.didYouMean(rule.subject.value, among: keys.keys.sorted()),
                    next: "name keys by their public key (32 hexadecimal characters, as in keys.json)",
                    at: rule.subject.position)
                continue
            }
            if let exclusion = projectExcluded[key.project] {
                error(
                    "client key '\(rule.subject.value)' belongs to project '\(key.project)', excluded by \(Self.describe(exclusion))",
                    at: rule.subject.position)
            }
        }
        if let preserve = rules.preserve, !preserve.value,
            !(rules.projectRateLimits.isEmpty && rules.keyRateLimits.isEmpty)
        {
            warning(
                "keys.preserve is false, so no client key is migrated and keys.rateLimits changes nothing",
                at: preserve.position)
        }
    }

    mutating func checkFilters() {
        var seen = Set<String>()
        for rule in mapping.filters.projects {
            guard checkProject(rule.project, in: "filters.projects") else { continue }
            if !seen.insert(rule.project.value).inserted {
                error("project '\(rule.project.value)' appears twice in filters.projects", at: rule.project.position)
            }
        }
    }

    /// Waves name teams by hosted slug or by the slug the mapping gives them.
    mutating func checkWaves() {
        let hosted = snapshot.teams.map(\.slug)
        for wave in mapping.waves {
            var seen = Set<String>()
            for team in wave.teams {
                let path = "waves.\(wave.name.value).teams"
                if let exclusion = teamExcluded[team.value] {
                    error(
                        "team '\(team.value)' in \(path) is excluded by \(Self.describe(exclusion))",
                        next: "remove it from the wave or from teams.exclude", at: team.position)
                    continue
                }
                guard let target = waveTarget(team.value) else {
                    let candidates = Set(hosted.filter { teamExcluded[$0] == nil }).union(targetTeamSlugs).sorted()
                    error(
                        "team '\(team.value)' in \(path) is not in the snapshot or the mapping"
                            + Self.didYouMean(team.value, among: candidates),
                        at: team.position)
                    continue
                }
                if !seen.insert(target).inserted {
                    warning("team '\(team.value)' is already in wave '\(wave.name.value)'", at: team.position)
                }
            }
        }
    }

    /// The final slug a wave's team name stands for, if any.
    func waveTarget(_ name: String) -> String? {
        if hostedTeams.contains(name), teamExcluded[name] == nil {
            return teamSlug[name]?.name ?? name
        }
        return targetTeamSlugs.contains(name) ? name : nil
    }

    // MARK: Ownership

    var rewritesOwnership: Bool { mapping.ownership.rewrite?.value ?? true }
    var unknownOwnerPolicy: UnknownOwnerPolicy { mapping.ownership.unknownOwners?.value ?? .error }

    /// What an owner token becomes under this mapping.
    func resolveOwner(_ token: OwnerToken) -> OwnerResolution {
        token.isTeam ? resolveTeamOwner(token.identifier) : resolveUserOwner(token.identifier)
    }

    private func resolveTeamOwner(_ slug: String) -> OwnerResolution {
        if hostedTeams.contains(slug) {
            if let exclusion = teamExcluded[slug] {
                return .unknown("team '\(slug)' is excluded by \(Self.describe(exclusion))")
            }
            let target = teamSlug[slug]?.name ?? slug
            if target == slug { return .keep }
            if rewritesOwnership { return .replace("#\(target)") }
            if targetTeamSlugs.contains(slug) { return .keep }
            return .unknown("team '\(slug)' becomes '\(target)' and ownership.rewrite is false")
        }
        if targetTeamSlugs.contains(slug) { return .keep }
        return .staleOnHosted
    }

    private func resolveUserOwner(_ written: String) -> OwnerResolution {
        let email = written.lowercased()
        if let exclusion = memberExcluded[email] {
            return .unknown("member '\(email)' is excluded by \(Self.describe(exclusion))")
        }
        if hostedEmails.contains(email) {
            let target = memberEmail[email]?.name ?? email
            if target == email { return .keep }
            if rewritesOwnership { return .replace(target) }
            if targetEmails.contains(email) { return .keep }
            return .unknown("member '\(email)' becomes '\(target)' and ownership.rewrite is false")
        }
        if targetEmails.contains(email) { return .keep }
        return .staleOnHosted
    }
}
