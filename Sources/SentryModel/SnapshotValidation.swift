// Checks that hold across a snapshot's files: natural keys are unique and every reference
// points at an entity of the same snapshot. The reader runs them on what it could decode; the
// writer runs them before writing, so every snapshot it writes can be read back.

/// The decoded files of one snapshot; nil for a file that is absent or could not be decoded,
/// whose checks are then skipped rather than reported twice.
struct SnapshotParts {
    var organization: Organization?
    var teams: [Team]?
    var members: [Member]?
    var projects: [Project]?
    var keys: [ClientKey]?
    var filters: [InboundFilters]?
    var ownership: [Ownership]?
    var secrets: [KeySecret]?
    var projectSecrets: [ProjectSecret]?
    var rules: [IssueAlertRule]?
    var metricAlerts: [MetricAlert]?

    init() {}

    init(_ snapshot: Snapshot) {
        organization = snapshot.organization
        teams = snapshot.teams
        members = snapshot.members
        projects = snapshot.projects
        keys = snapshot.keys
        filters = snapshot.filters
        ownership = snapshot.ownership
        secrets = snapshot.secrets
        projectSecrets = snapshot.projectSecrets
        rules = snapshot.rules
        metricAlerts = snapshot.metricAlerts
    }
}

enum SnapshotValidator {
    /// Problems with JSON paths but no line:column yet (the files may not exist).
    static func problems(in parts: SnapshotParts, requireSecrets: Bool) -> [SnapshotProblem] {
        var problems: [SnapshotProblem] = []
        let teamSlugs = parts.teams.map { Set($0.map(\.slug)) }
        let projectSlugs = parts.projects.map { Set($0.map(\.slug)) }

        if let teams = parts.teams {
            problems += duplicates(teams, .teams, "slug", "team slug") { $0.slug }
        }
        if let members = parts.members {
            problems += duplicates(members, .members, "email", "member e-mail", note: "; e-mails compare without case")
            {
                $0.email.caseFolded
            }
            for (index, member) in members.enumerated() {
                let path: JSONPath = [.index(index), .key("teams")]
                problems += duplicates(member.teams, .members, "slug", "team for this member", under: path) { $0.slug }
                for (position, team) in member.teams.enumerated() {
                    problems += dangling(
                        team.slug, in: teamSlugs, .members, path + [.index(position), .key("slug")], "team", .teams)
                }
            }
        }
        if let projects = parts.projects {
            problems += duplicates(projects, .projects, "slug", "project slug") { $0.slug }
            for (index, project) in projects.enumerated() {
                let path: JSONPath = [.index(index), .key("teams")]
                problems += duplicates(project.teams, .projects, nil, "team for this project", under: path) { $0 }
                for (position, team) in project.teams.enumerated() {
                    problems += dangling(team, in: teamSlugs, .projects, path + [.index(position)], "team", .teams)
                }
            }
        }
        if let organization = parts.organization, let settings = organization.settings {
            problems += settingProblems(settings, SettingsCatalog.organizationByName, .organization, [])
        }
        if let projects = parts.projects {
            for (index, project) in projects.enumerated() {
                if let settings = project.settings {
                    problems += settingProblems(settings, SettingsCatalog.projectByName, .projects, [.index(index)])
                }
                for name in (project.environments ?? [:]).keys.sorted() {
                    if let message = EnvironmentName.problem(name) {
                        problems.append(
                            SnapshotProblem(
                                .invalidValue, file: SnapshotFile.projects.path,
                                path: [.index(index), .key("environments"), .key(name)], message))
                    }
                }
            }
        }
        if let keys = parts.keys {
            problems += duplicates(keys, .keys, "publicKey", "public key") { $0.publicKey }
            problems += danglingProjects(keys, .keys, projectSlugs) { $0.project }
        }
        if let filters = parts.filters {
            problems += duplicates(filters, .filters, "project", "filters for project") { $0.project }
            problems += danglingProjects(filters, .filters, projectSlugs) { $0.project }
        }
        if let ownership = parts.ownership {
            problems += duplicates(ownership, .ownership, "project", "ownership for project") { $0.project }
            problems += danglingProjects(ownership, .ownership, projectSlugs) { $0.project }
        }
        if let projectSecrets = parts.projectSecrets {
            problems += duplicates(projectSecrets, .settingSecrets, "project", "security token for project") {
                $0.project
            }
            problems += danglingProjects(projectSecrets, .settingSecrets, projectSlugs) { $0.project }
        }
        if let rules = parts.rules {
            problems += ruleProblems(rules, parts: parts, projects: projectSlugs, teams: teamSlugs)
        }
        if let alerts = parts.metricAlerts {
            problems += metricAlertProblems(alerts, parts: parts, projects: projectSlugs, teams: teamSlugs)
        }
        if let secrets = parts.secrets {
            problems += duplicates(secrets, .secrets, "publicKey", "public key") { $0.publicKey }
            if let keys = parts.keys {
                let publicKeys = Set(keys.map(\.publicKey))
                for (index, secret) in secrets.enumerated() where !publicKeys.contains(secret.publicKey) {
                    problems.append(
                        SnapshotProblem(
                            .danglingReference, file: SnapshotFile.secrets.path,
                            path: [.index(index), .key("publicKey")],
                            "secret for public key '\(secret.publicKey)', which no key in keys.json has"))
                }
                if requireSecrets {
                    let withSecret = Set(secrets.map(\.publicKey))
                    for (index, key) in keys.enumerated() where !withSecret.contains(key.publicKey) {
                        problems.append(
                            SnapshotProblem(
                                .missingSecret, file: SnapshotFile.keys.path, path: [.index(index), .key("publicKey")],
                                "key '\(key.publicKey)' of project '\(key.project)' has no secret in secrets/keys.json"
                            ))
                    }
                }
            }
        }
        return problems
    }

    private static func settingProblems(
        _ settings: SettingValues, _ catalog: [String: SettingDefinition], _ file: SnapshotFile, _ base: JSONPath
    ) -> [SnapshotProblem] {
        SettingValues.problems(settings.values, catalog: catalog).map { name, message in
            SnapshotProblem(.invalidValue, file: file.path, path: base + [.key("settings"), .key(name)], message)
        }
    }

    /// Every repeat of a natural key, pointing back at its first occurrence.
    static func duplicates<T>(
        _ items: [T], _ file: SnapshotFile, _ field: String?, _ what: String,
        under base: @autoclosure () -> JSONPath = [], note: String = "", key: (T) -> String
    ) -> [SnapshotProblem] {
        // A member's or project's few teams: no dictionary (50,000 of them per large snapshot).
        if items.count < 2 { return [] }
        if items.count <= 8, !hasRepeat(items, key) { return [] }
        if isStrictlyIncreasing(items, key) { return [] }
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(items.count)
        var problems: [SnapshotProblem] = []
        for (index, item) in items.enumerated() {
            let value = key(item)
            if let first = firstIndex[value] {
                let path = base() + [.index(index)] + (field.map { [.key($0)] } ?? [])
                let firstPath = (base() + [.index(first)]).rendered
                problems.append(
                    SnapshotProblem(
                        .duplicateKey, file: file.path, path: path,
                        "duplicate \(what) '\(value)' (first at \(firstPath)\(note))"))
            } else {
                firstIndex[value] = index
            }
        }
        return problems
    }

    /// Whether every key comes after the one before it in UTF-8 byte order, so that no two are equal: the
    /// order a snapshot's writer gives its lists, checked with one comparison per item instead of
    /// hashing each (for 50,000 members a third of checking a large snapshot, docs/performance.md, twelfth
    /// session). Lists in another order are checked with the dictionary.
    private static func isStrictlyIncreasing<T>(_ items: [T], _ key: (T) -> String) -> Bool {
        items.withUnsafeBufferPointer { items in
            guard var previous = items.first.map(key) else { return true }
            for item in items.dropFirst() {
                let next = key(item)
                guard previous.utf8Compare(next) < 0 else { return false }
                previous = next
            }
            return true
        }
    }

    /// Whether two of a few items share a key, compared pairwise (cheaper than hashing a handful).
    private static func hasRepeat<T>(_ items: [T], _ key: (T) -> String) -> Bool {
        let keys = items.map(key)
        for index in keys.indices.dropFirst() where keys[..<index].contains(keys[index]) { return true }
        return false
    }

    static func dangling(
        _ value: String, in known: Set<String>?, _ file: SnapshotFile, _ path: @autoclosure () -> JSONPath,
        _ what: String, _ target: SnapshotFile
    ) -> [SnapshotProblem] {
        guard let known, !known.contains(value) else { return [] }
        return [
            SnapshotProblem(
                .danglingReference, file: file.path, path: path(), "\(what) '\(value)' is not in \(target.path)")
        ]
    }

    static func danglingProjects<T>(
        _ items: [T], _ file: SnapshotFile, _ projects: Set<String>?, project: (T) -> String
    ) -> [SnapshotProblem] {
        items.enumerated().flatMap { index, item in
            dangling(project(item), in: projects, file, [.index(index), .key("project")], "project", .projects)
        }
    }
}
