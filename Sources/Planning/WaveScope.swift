import SentryModel

/// What one wave covers: its teams, the projects of those teams, the members on those teams, and
/// those projects' keys, filters and ownership. An entity is in scope when its desired form is, or,
/// for one that exists only on the target, when its current form is.
struct WaveScope {
    let wave: Wave
    let teams: Set<String>
    let projects: Set<String>
    let members: Set<String>
    /// Team slugs a membership may name under this wave: the wave's teams and those already on the target.
    let joinableTeams: Set<String>

    init(wave: Wave, desired: Snapshot, current: Snapshot?) {
        self.wave = wave
        let teams = Set(wave.teams)
        self.teams = teams
        let desiredProjects = Set(desired.projects.map(\.slug))
        let desiredMembers = Set(desired.members.map(\.email))
        var projects = Set(desired.projects.filter { !teams.isDisjoint(with: $0.teams) }.map(\.slug))
        var members = Set(desired.members.filter { !teams.isDisjoint(with: $0.teams.map(\.slug)) }.map(\.email))
        for project in current?.projects ?? [] where !desiredProjects.contains(project.slug) {
            if !teams.isDisjoint(with: project.teams) { projects.insert(project.slug) }
        }
        for member in current?.members ?? [] where !desiredMembers.contains(member.email) {
            if !teams.isDisjoint(with: member.teams.map(\.slug)) { members.insert(member.email) }
        }
        self.projects = projects
        self.members = members
        self.joinableTeams = teams.union(current?.teams.map(\.slug) ?? [])
    }

    /// `snapshot` cut down to this wave, with memberships of teams that will come in a later wave
    /// left out (they are named in the returned notes, by member e-mail or project slug).
    func restrict(_ snapshot: Snapshot) -> (Snapshot, deferred: [String: [String]]) {
        var copy = snapshot
        var deferred: [String: [String]] = [:]
        copy.teams = snapshot.teams.filter { teams.contains($0.slug) }
        copy.members = snapshot.members.filter { members.contains($0.email) }.map { member in
            var member = member
            let later = member.teams.map(\.slug).filter { !joinableTeams.contains($0) }
            if !later.isEmpty {
                deferred["members/\(member.email)"] = later
                member.teams.removeAll { !joinableTeams.contains($0.slug) }
            }
            return member
        }
        copy.projects = snapshot.projects.filter { projects.contains($0.slug) }.map { project in
            var project = project
            let later = project.teams.filter { !joinableTeams.contains($0) }
            if !later.isEmpty {
                deferred["projects/\(project.slug)"] = later
                project.teams.removeAll { !joinableTeams.contains($0) }
            }
            return project
        }
        copy.keys = snapshot.keys.filter { projects.contains($0.project) }
        let keys = Set(copy.keys.map(\.publicKey))
        copy.secrets = snapshot.secrets.filter { keys.contains($0.publicKey) }
        copy.filters = snapshot.filters.filter { projects.contains($0.project) }
        copy.ownership = snapshot.ownership.filter { projects.contains($0.project) }
        copy.rules = snapshot.rules.filter { projects.contains($0.project) }
        // A metric alert moves with the wave of its first project (the one its key names).
        copy.metricAlerts = snapshot.metricAlerts.filter { projects.contains($0.project) }
        return (copy, deferred)
    }
}
