/// An owner in ownership rules that names no team or member of the snapshot. In a hosted export
/// this is sentry.io's own state: Sentry keeps a rule's text when a member leaves or a team is
/// deleted, and drops the owner only when it evaluates the rule
/// (`src/sentry/api/serializers/models/projectownership.py` regenerates `schema` without it).
public struct UnresolvedOwner: Sendable, Hashable {
    /// `#slug` for a team, the lower-cased e-mail for a user.
    public var owner: String
    /// Projects whose rules name it, sorted.
    public var projects: [String]
    /// How many rules name it, over all projects.
    public var rules: Int

    /// "owner 'x' (2 rules in project 'a')": how transform, plan and verify name it.
    public var description: String {
        let where_ =
            projects.count == 1
            ? "project '\(projects[0])'" : "projects " + projects.map { "'\($0)'" }.joined(separator: ", ")
        return "owner '\(owner)' (\(rules) rule\(rules == 1 ? "" : "s") in \(where_))"
    }
}

extension Snapshot {
    /// Every owner the snapshot's ownership rules name that is no team or member of the snapshot,
    /// once each, sorted.
    public func unresolvedOwners() -> [UnresolvedOwner] {
        let teamSlugs = Set(teams.map(\.slug))
        let emails = Set(members.map { $0.email.caseFolded })
        var found: [String: UnresolvedOwner] = [:]
        for ownership in self.ownership {
            guard let raw = ownership.raw else { continue }
            for rule in ParsedOwnershipRule.parse(raw) {
                var counted: Set<String> = []
                for owner in rule.owners {
                    // Sentry lower-cases user owners when it parses rules (`OwnershipVisitor`).
                    let name = owner.isTeam ? "#\(owner.identifier)" : owner.identifier.caseFolded
                    let resolves = owner.isTeam ? teamSlugs.contains(owner.identifier) : emails.contains(name)
                    guard !resolves else { continue }
                    var entry = found[name] ?? UnresolvedOwner(owner: name, projects: [], rules: 0)
                    if !entry.projects.contains(ownership.project) { entry.projects.append(ownership.project) }
                    if counted.insert(name).inserted { entry.rules += 1 }
                    found[name] = entry
                }
            }
        }
        return found.values.map { entry in
            var sorted = entry
            sorted.projects.sort()
            return sorted
        }.sorted { $0.owner < $1.owner }
    }
}
