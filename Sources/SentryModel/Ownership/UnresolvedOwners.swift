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
        var texts = OwnershipTexts()
        return unresolvedOwners(parsing: &texts)
    }

    func unresolvedOwners(parsing texts: inout OwnershipTexts) -> [UnresolvedOwner] {
        var found: [String: UnresolvedOwner] = [:]
        for (project, owners) in unresolvedOwnersByProject(parsing: &texts) {
            for (name, rules) in owners {
                var entry = found[name] ?? UnresolvedOwner(owner: name, projects: [], rules: 0)
                entry.projects.append(project)
                entry.rules += rules
                found[name] = entry
            }
        }
        return found.values.map { entry in
            var sorted = entry
            sorted.projects.sort()
            return sorted
        }.sorted { $0.owner < $1.owner }
    }

    /// Per project with rules, the owners they name that are no team or member of the snapshot, in
    /// the order first named, each with how many of the project's rules name it.
    func unresolvedOwnersByProject(
        parsing texts: inout OwnershipTexts
    ) -> [(project: String, owners: [(name: String, rules: Int)])] {
        let teamSlugs = Set(teams.map(\.slug))
        // The members' e-mails that rules name: the few distinct user owners first, then one pass over the
        // members. A set of all 50,000 e-mails was most of this check on the large organization.
        var named: Set<String> = []
        for ownership in self.ownership {
            guard let raw = ownership.raw else { continue }
            for rule in texts.owners(of: raw) {
                for owner in rule where !owner.isTeam { named.insert(owner.identifier.caseFolded) }
            }
        }
        var emails: Set<String> = []
        if !named.isEmpty {
            for member in members {
                let email = member.email.caseFolded
                if named.contains(email) { emails.insert(email) }
            }
        }
        var result: [(project: String, owners: [(name: String, rules: Int)])] = []
        for ownership in self.ownership {
            guard let raw = ownership.raw else { continue }
            var owners: [(name: String, rules: Int)] = []
            for rule in texts.owners(of: raw) {
                var counted: Set<String> = []
                for owner in rule {
                    // Sentry lower-cases user owners when it parses rules (`OwnershipVisitor`).
                    let name = owner.isTeam ? "#\(owner.identifier)" : owner.identifier.caseFolded
                    let resolves = owner.isTeam ? teamSlugs.contains(owner.identifier) : emails.contains(name)
                    guard !resolves, counted.insert(name).inserted else { continue }
                    if let index = owners.firstIndex(where: { $0.name == name }) {
                        owners[index].rules += 1
                    } else {
                        owners.append((name, 1))
                    }
                }
            }
            if !owners.isEmpty { result.append((ownership.project, owners)) }
        }
        return result
    }
}

/// The owners of each rule of an ownership text, parsed once per distinct text: verify reads the
/// same texts on both sides (the snapshot's and the target's, equal once applied).
struct OwnershipTexts {
    private var parsed: [String: [[ParsedOwnershipRule.Owner]]] = [:]

    mutating func owners(of raw: String) -> [[ParsedOwnershipRule.Owner]] {
        if let known = parsed[raw] { return known }
        let owners = ParsedOwnershipRule.parse(raw).map(\.owners)
        parsed[raw] = owners
        return owners
    }
}

/// verify's ownership check: the owners the target's rules name that resolve to no team or member
/// of the target's organization (Sentry silently drops them), except those the desired snapshot's
/// rules already named unresolved on sentry.io, which are carried as written and reported apart.
public struct OwnerCheck: Sendable {
    /// The desired snapshot's own unresolved owners.
    public let unresolved: [UnresolvedOwner]
    /// `owner-resolves`, one per project of the target whose rules name other unresolved owners.
    public let violations: [InvariantViolation]

    public init(desired: Snapshot, target: Snapshot) {
        var texts = OwnershipTexts()
        unresolved = desired.unresolvedOwners(parsing: &texts)
        let already = Set(unresolved.map(\.owner))
        violations = target.unresolvedOwnersByProject(parsing: &texts).compactMap { project, owners in
            let names = owners.map(\.name).filter { !already.contains($0) }
            guard !names.isEmpty else { return nil }
            return InvariantViolation(
                check: "owner-resolves", entity: "ownership/\(project)",
                message: "owners that are no team or member of the organization: " + names.joined(separator: ", "))
        }
    }
}
