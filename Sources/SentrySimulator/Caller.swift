/// Who is calling and what Sentry lets them read, following `src/sentry/api/permissions.py`
/// (`ScopedPermission`), `src/sentry/api/bases/{organization,project,team}.py` and
/// `src/sentry/auth/access.py`.
struct Caller {
    let token: SimulatedToken
    /// The caller's own membership, for a personal token of a member with an account.
    let member: SimulatedOrg.MemberRecord?
    let organizationId: Int
    let remote: String
    /// Open Membership (`allow_joinleave`).
    let openMembership: Bool

    init(token: SimulatedToken, org: SimulatedOrg, remote: String) {
        self.token = token
        self.remote = remote
        organizationId = org.id
        openMembership = org.organization.openMembership
        if case .user(let email) = token.kind, let record = org.member(email: email), record.userId != nil {
            member = record
        } else {
            member = nil
        }
    }

    /// `get_rate_limit_key`: the user for a personal token, the organization for an internal
    /// integration, the IP address for an organization auth token.
    var rateLimitId: String {
        switch token.kind {
        case .user(let email): "user:" + String(member?.userId ?? email.hashValue)
        case .integration: "org:" + String(organizationId)
        case .organization: "ip:" + remote
        }
    }

    /// `ScopedPermission.has_permission`: the token's own scopes must include one the endpoint
    /// accepts, before anything about the organization is looked at.
    func tokenAllows(_ accepted: Set<String>) -> Bool { !token.scopes.isDisjoint(with: accepted) }

    /// The scopes the caller has in the organization: an integration's or organization token's
    /// own; a user's role scopes bounded by the token's (`scopes_upper_bound`); none for a user
    /// who is not a member.
    var scopes: Set<String> {
        switch token.kind {
        case .integration, .organization: token.scopes
        case .user: member.map { OrganizationRole.scopes(of: $0.member.role).intersection(token.scopes) } ?? []
        }
    }

    /// `has_global_access`: integrations and organization tokens (`OrganizationGlobalAccess`), and
    /// members whose role is global or whose organization has Open Membership.
    var hasGlobalAccess: Bool {
        switch token.kind {
        case .integration, .organization: true
        case .user: member.map { OrganizationRole.isGlobal($0.member.role) || openMembership } ?? false
        }
    }

    /// `has_team_access`.
    func hasAccess(toTeam slug: String) -> Bool {
        hasGlobalAccess || (member?.member.teams.contains { $0.slug == slug } ?? false)
    }

    /// `has_project_access`: global access, or membership of one of the project's teams.
    func hasAccess(toProject project: SimulatedOrg.ProjectRecord) -> Bool {
        hasGlobalAccess || project.project.teams.contains { hasAccess(toTeam: $0) }
    }

    /// `has_project_membership`: a member of one of the project's teams; an organization auth token
    /// has simulated membership of every project (`ApiOrganizationGlobalMembership`), an internal
    /// integration none (`OrganizationGlobalAccess` keeps the default, team membership).
    func isMember(ofProject project: SimulatedOrg.ProjectRecord) -> Bool {
        switch token.kind {
        case .organization: true
        case .integration: false
        case .user: project.project.teams.contains(where: isMember(ofTeam:))
        }
    }

    func isMember(ofTeam slug: String) -> Bool { member?.member.teams.contains { $0.slug == slug } ?? false }
}
