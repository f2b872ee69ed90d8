import SentryModel

/// The organization a simulator serves: a snapshot plus the hosted ids and secrets sentry.io
/// would hold. Ids are deterministic, so two runs over the same snapshot answer the same bytes.
public struct SimulatedOrg: Sendable {
    struct TeamRecord: Sendable {
        var id: Int
        var team: Team
    }

    struct MemberRecord: Sendable {
        var id: Int
        var userId: Int?
        var member: Member
    }

    struct KeyRecord: Sendable {
        var id: Int
        var key: ClientKey
        var secretKey: String
    }

    struct ProjectRecord: Sendable {
        var id: Int
        var project: Project
        var filters: InboundFilters
        /// nil: the project never saved ownership rules (the API then answers defaults).
        var ownership: Ownership?
        /// Sorted by descending id, the keys endpoint's order.
        var keys: [KeyRecord]
        /// The stored `sentry:token`, if any.
        var securityToken: String? = nil
        /// `sentry_environmentproject` ids by environment name (ids are the endpoint's `id`).
        var environmentIds: [String: Int] = [:]
    }

    public let id: Int
    public var organization: Organization
    /// Sorted by slug.
    var teams: [TeamRecord]
    /// Sorted by id.
    var members: [MemberRecord]
    /// Sorted by slug.
    var projects: [ProjectRecord]
    /// Invite and join requests: members whose invite is not approved, left out of every list.
    var inviteRequests: [MemberRecord] = []
    /// How many invite and join requests the organization holds (none of them listed).
    public var inviteRequestCount: Int { inviteRequests.count }
    /// Issue alert rules, by id; integrations their actions name.
    var rules: [RuleRecord] = []
    var integrations: [IntegrationRecord] = []
    /// Metric alert rules, by id.
    var metricAlerts: [MetricAlertRecord] = []
    /// Whether `changeAfterRequests` already changed the organization.
    var changed = false

    /// Builds the org from a snapshot; numeric `hostedId`s are kept, others get fresh ids.
    public init(snapshot: Snapshot) {
        let canonical = snapshot.canonicalized()
        organization = canonical.organization
        id = Int(canonical.organization.hostedId ?? "") ?? 1
        var nextId = 1000
        func assign(_ hosted: String?) -> Int {
            if let hosted, let value = Int(hosted) { return value }
            nextId += 1
            return nextId
        }
        teams = canonical.teams.map { TeamRecord(id: assign($0.hostedId), team: $0) }
        var userId = 5000
        members = canonical.members.map { member in
            let memberId = assign(member.hostedId)
            userId += 1
            return MemberRecord(id: memberId, userId: member.pending ? nil : userId, member: member)
        }.sorted { $0.id < $1.id }
        let secrets = Dictionary(
            canonical.secrets.compactMap { secret in secret.secretKey.map { (secret.publicKey, $0) } },
            uniquingKeysWith: { a, _ in a })
        let filters = Dictionary(canonical.filters.map { ($0.project, $0) }, uniquingKeysWith: { a, _ in a })
        let ownership = Dictionary(canonical.ownership.map { ($0.project, $0) }, uniquingKeysWith: { a, _ in a })
        let tokens = Dictionary(
            canonical.projectSecrets.map { ($0.project, $0.securityToken) }, uniquingKeysWith: { a, _ in a })
        var environmentId = 70_000
        let keysByProject = Dictionary(grouping: canonical.keys, by: \.project)
        var keyId = 90_000
        projects = canonical.projects.map { project in
            let projectId = assign(project.hostedId)
            let keys = (keysByProject[project.slug] ?? []).map { key -> KeyRecord in
                keyId += 1
                let secret = secrets[key.publicKey] ?? Hex.derived(from: "secret:" + key.publicKey)
                return KeyRecord(id: keyId, key: key, secretKey: secret)
            }
            var environmentIds: [String: Int] = [:]
            for name in (project.environments ?? [:]).keys.sorted() {
                environmentId += 1
                environmentIds[name] = environmentId
            }
            return ProjectRecord(
                id: projectId, project: project,
                filters: filters[project.slug] ?? InboundFilters(project: project.slug),
                ownership: ownership[project.slug], keys: keys.sorted { $0.id > $1.id },
                securityToken: tokens[project.slug] ?? Self.storedToken(project), environmentIds: environmentIds)
        }
        (rules, integrations) = Self.alertRecords(
            canonical.rules, projects: projects, metricAlerts: canonical.metricAlerts)
        metricAlerts = Self.metricAlertRecords(canonical.metricAlerts)
    }

    /// A project whose settings someone changed has a stored security token even when the snapshot
    /// (whose secrets stay out of git) gives none: the settings page's GET stored it first
    /// (`Project.get_security_token` sets `sentry:token` when absent, `models/project.py`).
    static func storedToken(_ project: Project) -> String? {
        project.settings == nil ? nil : Hex.derived(from: "token:" + project.slug)
    }

    func team(_ idOrSlug: String) -> TeamRecord? {
        teams.first { $0.team.slug == idOrSlug || String($0.id) == idOrSlug }
    }

    func project(_ idOrSlug: String) -> ProjectRecord? {
        projects.first { $0.project.slug == idOrSlug || String($0.id) == idOrSlug }
    }

    func member(_ id: String) -> MemberRecord? {
        members.first { String($0.id) == id }
    }

    func member(email: String) -> MemberRecord? {
        members.first { $0.member.email.lowercased() == email.lowercased() }
    }

    /// Adds invite requests (never approved, so no list shows them).
    mutating func addInviteRequests(_ emails: [String]) {
        var nextId = 800_000
        inviteRequests = emails.map { email in
            nextId += 1
            return MemberRecord(
                id: nextId, userId: nil, member: Member(email: email, name: email, role: "member", pending: true))
        }
    }

    /// The change `changeAfterRequests` makes: a new team every member with an account joins,
    /// and a new project of that team.
    mutating func createTeamDuringExport() {
        guard !changed else { return }
        changed = true
        let team = Team(slug: "new-team", name: "New Team")
        teams.append(TeamRecord(id: 9_900_001, team: team))
        teams.sort { $0.team.slug < $1.team.slug }
        for index in members.indices where members[index].userId != nil {
            members[index].member.teams.append(TeamMembership(slug: team.slug))
            members[index].member.teams.sort { $0.slug < $1.slug }
        }
        let project = Project(slug: "new-project", name: "New Project", teams: [team.slug])
        projects.append(
            ProjectRecord(
                id: 9_900_002, project: project, filters: InboundFilters(project: project.slug), ownership: nil,
                keys: []))
        projects.sort { $0.project.slug < $1.project.slug }
    }

    func matches(_ idOrSlug: String) -> Bool {
        idOrSlug == organization.slug || idOrSlug == String(id)
    }

    /// A team's members in the team members endpoint's order: by e-mail, then id.
    func members(of teamSlug: String) -> [(MemberRecord, TeamMembership)] {
        members.compactMap { record in
            record.member.teams.first { $0.slug == teamSlug }.map { (record, $0) }
        }.sorted { $0.0.member.email == $1.0.member.email ? $0.0.id < $1.0.id : $0.0.member.email < $1.0.member.email }
    }
}

/// Deterministic hex strings, for ids and secrets a snapshot does not carry.
enum Hex {
    static func derived(from text: String) -> String {
        String(SHA256Digest.hex(of: Array(text.utf8)).prefix(32))
    }
}
