import SentryModel

extension MappingResolution {
    mutating func resolveTeams() {
        let hosted = snapshot.teams.map(\.slug)
        teamExcluded = exclusions(mapping.teams.exclude, rule: "teams.exclude", kind: "team", names: hosted)
        var claimed: [String: RuleReference] = [:]

        let renamed = resolveRenames(
            mapping.teams.rename, kind: "team", rule: "teams.rename", hosted: hosted, excluded: teamExcluded,
            nameLimit: SlugRules.teamNameLength, claimed: &claimed)
        teamSlug.merge(renamed.slugs) { $1 }
        teamName.merge(renamed.names) { $1 }

        for merge in mapping.teams.merge {
            let target = merge.target.value
            if let problem = SlugRules.problem(with: target) {
                error("merge target slug '\(target)' \(problem)", at: merge.target.position)
            }
            if let name = merge.name { _ = checkName(name, of: "team", limit: SlugRules.teamNameLength) }
            var listed = Set<String>()
            for source in merge.from {
                let reference = RuleReference(rule: "teams.merge.\(target)", position: source.position)
                guard listed.insert(source.value).inserted else {
                    error("team '\(source.value)' is listed twice in teams.merge.\(target).from", at: source.position)
                    continue
                }
                guard
                    checkSubject(
                        source, of: reference, kind: "team", hosted: hosted, excluded: teamExcluded,
                        claimed: &claimed)
                else { continue }
                teamSlug[source.value] = Destination(name: target, rule: reference)
                if let name = merge.name {
                    teamName[source.value] = (name.value, RuleReference(rule: reference.rule, position: name.position))
                }
            }
        }

        let collisions = checkCollisions(
            hosted: hosted, excluded: teamExcluded, destinations: teamSlug, kind: "team", plural: "teams",
            next: { slug, names in
                "merge them with 'teams.merge: {\(slug): {from: [\(names.joined(separator: ", "))]}}', or rename or exclude all but one"
            })
        targetTeamSlugs = collisions
        checkUnchangedSlugs(
            hosted: hosted, excluded: teamExcluded, destinations: teamSlug, kind: "team", rule: "teams.rename",
            section: "teams")
    }

    mutating func resolveProjects() {
        let hosted = snapshot.projects.map(\.slug)
        projectExcluded = exclusions(
            mapping.projects.exclude, rule: "projects.exclude", kind: "project", names: hosted)
        var claimed: [String: RuleReference] = [:]

        let renamed = resolveRenames(
            mapping.projects.rename, kind: "project", rule: "projects.rename", hosted: hosted,
            excluded: projectExcluded, nameLimit: SlugRules.projectNameLength, claimed: &claimed)
        projectSlug.merge(renamed.slugs) { $1 }
        projectName.merge(renamed.names) { $1 }

        var platformClaimed: [String: RuleReference] = [:]
        for rule in mapping.projects.platform {
            let reference = RuleReference(rule: "projects.platform", position: rule.project.position)
            guard
                checkSubject(
                    rule.project, of: reference, kind: "project", hosted: hosted, excluded: projectExcluded,
                    claimed: &platformClaimed)
            else { continue }
            projectPlatform[rule.project.value] = (
                rule.platform.value, RuleReference(rule: "projects.platform", position: rule.platform.position)
            )
        }

        _ = checkCollisions(
            hosted: hosted, excluded: projectExcluded, destinations: projectSlug, kind: "project",
            plural: "projects", next: { _, _ in "give each project its own slug, or exclude all but one" })
        checkUnchangedSlugs(
            hosted: hosted, excluded: projectExcluded, destinations: projectSlug, kind: "project",
            rule: "projects.rename", section: "projects")
    }

    /// The `rename` rules of teams or projects (`kind`): each left-hand name checked, each new slug held
    /// to the slug rules and each new name to `nameLimit`; the new slugs and names by hosted slug.
    private mutating func resolveRenames(
        _ renames: [RenameRule], kind: String, rule: String, hosted: [String], excluded: [String: RuleReference],
        nameLimit: Int, claimed: inout [String: RuleReference]
    ) -> (slugs: [String: Destination], names: [String: (name: String, rule: RuleReference)]) {
        var slugs: [String: Destination] = [:]
        var names: [String: (name: String, rule: RuleReference)] = [:]
        for rename in renames {
            let reference = RuleReference(rule: rule, position: rename.from.position)
            guard
                checkSubject(
                    rename.from, of: reference, kind: kind, hosted: hosted, excluded: excluded, claimed: &claimed)
            else { continue }
            if let slug = rename.slug {
                if let problem = SlugRules.problem(with: slug.value) {
                    error("new slug '\(slug.value)' for \(kind) '\(rename.from.value)' \(problem)", at: slug.position)
                }
                slugs[rename.from.value] = Destination(
                    name: slug.value, rule: RuleReference(rule: rule, position: slug.position))
            }
            if let name = rename.name, checkName(name, of: kind, limit: nameLimit) {
                names[rename.from.value] = (name.value, RuleReference(rule: rule, position: name.position))
            }
        }
        return (slugs, names)
    }

    /// A left-hand name must be in the snapshot, not excluded, and named by one rule only.
    mutating func checkSubject(
        _ subject: Located<String>, of reference: RuleReference, kind: String, hosted: [String],
        excluded: [String: RuleReference], claimed: inout [String: RuleReference]
    ) -> Bool {
        let name = subject.value
        guard hosted.contains(name) else {
            error(
                "\(kind) '\(name)' in \(reference.rule) is not in the snapshot" + Self.didYouMean(name, among: hosted),
                next: "\(reference.rule) names \(kind)s by their hosted slug", at: subject.position)
            return false
        }
        if let exclusion = excluded[name] {
            error(
                "\(kind) '\(name)' in \(reference.rule) is excluded by \(Self.describe(exclusion))",
                next: "remove it from one of the two", at: subject.position)
            return false
        }
        if let earlier = claimed[name] {
            error(
                "\(kind) '\(name)' in \(reference.rule) is already mapped by \(Self.describe(earlier))",
                next: "a \(kind) can be renamed or merged only once", at: subject.position)
            return false
        }
        claimed[name] = reference
        return true
    }

    mutating func checkName(_ name: Located<String>, of kind: String, limit: Int) -> Bool {
        if name.value.trimmingCharacters(in: .whitespaces).isEmpty {
            error("the new \(kind) name is empty", at: name.position)
            return false
        }
        if name.value.count > limit {
            error(
                "the new \(kind) name '\(name.value)' is \(name.value.count) characters long; Sentry allows \(limit)",
                at: name.position)
            return false
        }
        return true
    }

    /// Two hosted entities that land on one slug are an error, unless one merge rule put them there.
    /// Returns the final slugs.
    mutating func checkCollisions(
        hosted: [String], excluded: [String: RuleReference], destinations: [String: Destination], kind: String,
        plural: String, next hint: (String, [String]) -> String
    ) -> Set<String> {
        var groups: [String: [String]] = [:]
        for name in hosted where excluded[name] == nil {
            groups[destinations[name]?.name ?? name, default: []].append(name)
        }
        for (slug, names) in groups.sorted(by: { $0.key < $1.key }) where names.count > 1 {
            let rules = Set(names.map { destinations[$0]?.rule?.rule })
            if rules.count == 1, let rule = rules.first ?? nil, rule.hasPrefix("teams.merge.") { continue }
            let sorted = names.sorted()
            let listed = sorted.dropLast().map { "'\($0)'" }.joined(separator: ", ") + " and '\(sorted.last!)'"
            let position = names.compactMap { destinations[$0]?.rule?.position }.max()
            error(
                "\(plural) \(listed) would \(names.count == 2 ? "both" : "all") become '\(slug)'",
                next: hint(slug, sorted), at: position)
        }
        return Set(groups.keys)
    }

    /// Hosted slugs that keep their name must still be valid on self-hosted.
    mutating func checkUnchangedSlugs(
        hosted: [String], excluded: [String: RuleReference], destinations: [String: Destination], kind: String,
        rule: String, section: String
    ) {
        for name in hosted where excluded[name] == nil && destinations[name] == nil {
            if let problem = SlugRules.problem(with: name) {
                error(
                    "the snapshot's \(kind) slug '\(name)' \(problem)", next: "give it a new slug in \(rule)",
                    at: mapping.sections[section])
            }
        }
    }
}
