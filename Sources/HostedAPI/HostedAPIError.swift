import SentryModel

/// Everything that can go wrong talking to sentry.io, with what to do next. Never holds the token.
public enum HostedAPIError: ReportableError, Equatable {
    /// 401: the token is unknown, expired or malformed; `detail` is Sentry's own words.
    case unauthorized(url: String, detail: String)
    /// 403 that the checks before the export did not foresee; `area` is org, member, team or project.
    case forbidden(url: String, area: String)
    /// An organization auth token (`sntrys_`): Sentry gives it only `org:ci`.
    case organizationToken
    /// `GET /api/0/` shows the token lacks scopes an export needs.
    case missingScopes(missing: [String], held: [String])
    /// The caller's org role and the Open Membership setting keep projects out of reach.
    case incompleteAccess(role: String, openMembership: Bool, projects: [String], total: Int)
    /// sentry.io left out a project's options though it listed the project as accessible.
    case optionsWithheld(project: String)
    /// 404 for the organization itself: the slug is wrong or the token cannot see it.
    case organizationNotFound(url: String, slug: String)
    /// 404 for something listed moments before: the organization changed during the export.
    case notFound(url: String, what: String)
    /// Answers that contradict each other because the organization changed while it was read.
    case organizationChanged(detail: String)
    /// Two hosted members whose e-mails differ only by case.
    case duplicateMembers(first: MemberLabel, second: MemberLabel)
    /// The answer is not what sentry.io sends (bad JSON, missing field, bad Link header).
    case malformed(url: String, path: String, detail: String)
    /// A list whose pages keep promising more without bringing any.
    case endlessPagination(url: String, pages: Int)
    /// 5xx, resets, truncations or timeouts persisted through every retry.
    case gaveUp(url: String, attempts: Int, lastProblem: String)
    /// The host cannot be reached at all.
    case unreachable(url: String, detail: String)
    /// Any other status.
    case unexpectedStatus(url: String, status: Int, detail: String)

    /// A hosted member as errors name it: id and e-mail as sentry.io gave them.
    public struct MemberLabel: Sendable, Hashable, CustomStringConvertible {
        public var id: String
        public var email: String
        public var description: String { "member \(id) (\(email))" }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .unauthorized, .forbidden, .organizationToken, .missingScopes, .incompleteAccess, .optionsWithheld,
            .unreachable, .unexpectedStatus:
            .unavailable
        case .organizationNotFound: .usage
        case .notFound, .organizationChanged, .gaveUp: .temporaryFailure
        case .malformed, .endlessPagination, .duplicateMembers: .dataError
        }
    }

    static let tokenAdvice =
        "use an internal integration's token (Settings > Developer Settings > Custom Integrations > Internal "
        + "Integration, with Read on Organization, Team, Member and Project) or the personal token of an Owner or "
        + "Manager with scopes org:read, team:read, member:read, project:read"

    public var diagnostics: [Diagnostic] {
        let (what, why, next) = parts
        return [Diagnostic(what, why: why, next: next)]
    }

    private static var tokenNext: String { tokenAdvice.prefix(1).uppercased() + tokenAdvice.dropFirst() + "." }

    /// What went wrong, why (when there is more to say) and what to do next.
    private var parts: (String, String?, String) {
        switch self {
        case .unauthorized(let url, let detail):
            (
                "GET \(url): 401 \(detail): the API token is invalid or expired", nil,
                "Create a new token and pass it through SENTRY_AUTH_TOKEN or --auth-token-file: \(Self.tokenAdvice)."
            )
        case .forbidden(let url, let area):
            ("GET \(url): 403; nothing was written", Self.forbiddenReason(area), Self.tokenNext)
        case .organizationToken:
            (
                "this is an organization auth token (sntrys_…); nothing was requested beyond /api/0/",
                "Sentry gives those only the scope org:ci, for releases and source maps, and no endpoint an export "
                    + "reads accepts it", Self.tokenNext
            )
        case .missingScopes(let missing, let held):
            (
                "the API token lacks the scope\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) "
                    + "(it has \(held.isEmpty ? "none" : held.joined(separator: ", "))); nothing was exported",
                "an export reads the organization, its teams, members and projects, each guarded by its own scope",
                Self.tokenNext
            )
        case .incompleteAccess(let role, let openMembership, let projects, let total):
            (
                "\(projects.count) of \(total) projects are out of reach (\(Self.list(projects))); nothing was exported",
                "the token's user is \(role == "admin" ? "an" : "a") '\(role)' of the organization"
                    + (openMembership ? "" : " and Open Membership is off")
                    + ", so sentry.io lets it read the keys, filters and ownership only of its own teams' projects "
                    + "(ProjectPermission checks has_project_access)",
                "Use a token of an Owner or Manager or an internal integration's token, or turn on Open Membership "
                    + "(Settings > General Settings) while you export."
            )
        case .optionsWithheld(let project):
            (
                "sentry.io left out the options of project '\(project)' (its filter lists); nothing was written",
                "sentry.io sends them only to callers with access to the project", Self.tokenNext
            )
        case .organizationNotFound(let url, let slug):
            (
                "GET \(url): 404: organization '\(slug)' does not exist or this token cannot see it", nil,
                "Check --org (the slug in https://sentry.io/organizations/SLUG/) and --url (e.g. https://us.sentry.io "
                    + "or https://de.sentry.io)."
            )
        case .notFound(let url, let what):
            (
                "GET \(url): 404: \(what) no longer exists", "the organization changed during the export",
                "Run the export again."
            )
        case .organizationChanged(let detail):
            ("\(detail); nothing was written", "the organization changed during the export", "Run the export again.")
        case .duplicateMembers(let first, let second):
            (
                "\(first) and \(second) have e-mails that differ only by case; nothing was written",
                "self-hosted Sentry keys members by e-mail without case, so they cannot both be carried",
                "Fix it on sentry.io (change one user's e-mail, or remove the membership that should not be there) "
                    + "and export again."
            )
        case .malformed(let url, let path, let detail):
            (
                "GET \(url): unexpected answer at \(path.isEmpty ? "$" : path): \(detail); nothing was written", nil,
                "Is --url a Sentry server? If it is, please report this with the endpoint."
            )
        case .endlessPagination(let url, let pages):
            (
                "GET \(url): after \(pages) pages the list still promises more (results=\"true\") but its last pages "
                    + "were empty; nothing was written",
                "sentry.io's lists never do that, so the export stopped",
                "Check that --url is sentry.io or your region and not a proxy that rewrites Link headers."
            )
        case .gaveUp(let url, let attempts, let lastProblem):
            (
                "GET \(url): failed \(attempts) times (last: \(lastProblem)); nothing was written",
                "sentry.io seems unwell", "Try again later or with a lower --concurrency."
            )
        case .unreachable(let url, let detail):
            ("GET \(url): cannot reach the server (\(detail))", nil, "Check --url and the network.")
        case .unexpectedStatus(let url, let status, let detail):
            (
                "GET \(url): unexpected status \(status)\(detail.isEmpty ? "" : ": " + detail); nothing was written",
                nil,
                "Check that --url is sentry.io or your region (a proxy may answer instead), then run it again."
            )
        }
    }

    /// What Sentry's permission classes check for each area (`src/sentry/api/bases/*.py`).
    static func forbiddenReason(_ area: String) -> String {
        switch area {
        case "project":
            "sentry.io refused a project endpoint: it needs project:read in the token and access to the project "
                + "(ProjectPermission: an Owner or Manager, Open Membership, or membership of one of the project's "
                + "teams)"
        case "team":
            "sentry.io refused a team's member list: it needs team:read in the token and access to the team "
                + "(TeamPermission: an Owner or Manager, Open Membership, or membership of the team)"
        case "member":
            "sentry.io refused the member list: it needs member:read in the token and in the user's org role"
        default:
            "sentry.io refused the organization: it needs org:read in the token and in the user's org role"
        }
    }

    static func list(_ names: [String]) -> String {
        names.count <= 5 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + ", …"
    }
}
