import Planning
import SentryModel

/// Database ids of one organization's rows, by natural key, as they are when a stage starts. Each
/// stage reloads it, so ids written by earlier stages (or earlier runs) are found.
struct OrganizationIndex {
    var organizationId: Int64?
    var teams: [String: Int64] = [:]
    var projects: [String: Int64] = [:]
    /// Lower-cased e-mail → member row, for the stages that `readsMembers`. The others never look a
    /// member up, and reading 50,000 members with their users' e-mails took 65 ms a stage (four stages
    /// of an initial apply, docs/performance.md, eleventh session); asking for them there is a bug.
    var members: [String: MemberRow] {
        get {
            precondition(memberRows != nil, "the organization index was loaded without its members")
            return memberRows ?? [:]
        }
        set { memberRows = newValue }
    }
    private var memberRows: [String: MemberRow]?

    /// Whether `stage`'s writer looks members up by e-mail.
    static func readsMembers(_ stage: Stage) -> Bool {
        switch stage {
        case .members, .rules, .metricAlerts: true
        case .organization, .teams, .projects, .keys, .filters, .ownership: false
        }
    }

    struct MemberRow {
        var id: Int64
        var userId: Int64?
    }

    /// The organization under the first of `slugs` the target holds (its own slug, then the one the
    /// mapping migrates it into: `Organization.targetSlugs`).
    static func load(slugs: [String], members: Bool, connection: PostgresConnection) throws -> OrganizationIndex {
        var index = OrganizationIndex()
        let rows = try connection.query(
            """
            SELECT id FROM sentry_organization WHERE slug = ANY(\(slugs)) AND status = 0
            ORDER BY array_position(\(slugs)::text[], slug::text) LIMIT 1
            """,
            activity: "finding the organization")
        if members { index.memberRows = [:] }
        guard let orgId = try rows.first?.int64("id") else { return index }
        index.organizationId = orgId
        for row in try connection.query(
            "SELECT id, slug FROM sentry_team WHERE organization_id = \(orgId) AND status = 0",
            activity: "finding teams")
        {
            index.teams[try row.string("slug")] = try row.int64("id")
        }
        for row in try connection.query(
            "SELECT id, slug FROM sentry_project WHERE organization_id = \(orgId) AND status = 0",
            activity: "finding projects")
        {
            index.projects[try row.string("slug")] = try row.int64("id")
        }
        guard members else { return index }
        for row in try connection.query(
            """
            SELECT m.id, m.user_id, lower(coalesce(u.email, m.email)) AS email
            FROM sentry_organizationmember m LEFT JOIN auth_user u ON u.id = m.user_id
            WHERE m.organization_id = \(orgId) AND coalesce(m.invite_status, 0) = 0
            """,
            activity: "finding members")
        {
            guard let email = try row.optionalString("email") else { continue }
            index.members[email] = MemberRow(id: try row.int64("id"), userId: try row.optionalInt64("user_id"))
        }
        return index
    }

    func requireOrganization() throws -> Int64 {
        guard let organizationId else {
            throw ApplyOrderError(
                message: "the organization does not exist on the target yet; apply the organization stage first")
        }
        return organizationId
    }
}

/// A stage that needs rows an earlier stage writes, run before that stage.
struct ApplyOrderError: ReportableError {
    let message: String
    var exitStatus: ExitStatus { .dataError }
    var diagnostics: [Diagnostic] { [Diagnostic(message)] }
}
