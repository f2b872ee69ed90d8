import SentryModel

/// Everything that can go wrong talking to sentry.io, with what to do next. Never holds the token.
public enum HostedAPIError: ReportableError, Equatable {
    /// 401: the token is unknown, expired or malformed; `detail` is Sentry's own words.
    case unauthorized(url: String, detail: String)
    /// 403: the token lacks the scope the endpoint needs.
    case forbidden(url: String, scope: String)
    /// 404 for the organization itself: the slug is wrong or the token cannot see it.
    case organizationNotFound(url: String, slug: String)
    /// 404 for something listed moments before: the organization changed during the export.
    case notFound(url: String, what: String)
    /// The answer is not what sentry.io sends (bad JSON, missing field, bad Link header).
    case malformed(url: String, path: String, detail: String)
    /// 5xx, resets, truncations or timeouts persisted through every retry.
    case gaveUp(url: String, attempts: Int, lastProblem: String)
    /// The host cannot be reached at all.
    case unreachable(url: String, detail: String)
    /// Any other status.
    case unexpectedStatus(url: String, status: Int, detail: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .unauthorized, .forbidden, .unreachable, .unexpectedStatus: .unavailable
        case .organizationNotFound: .usage
        case .notFound, .gaveUp: .temporaryFailure
        case .malformed: .dataError
        }
    }

    public var description: String {
        switch self {
        case .unauthorized(let url, let detail):
            "GET \(url): 401 \(detail): the API token is invalid or expired; create a new token (Settings > "
                + "Auth Tokens) with scopes org:read, team:read, member:read, project:read and pass it through "
                + "SENTRY_AUTH_TOKEN or --auth-token-file"
        case .forbidden(let url, let scope):
            "GET \(url): 403: the API token lacks the scope \(scope); create a token with scopes org:read, "
                + "team:read, member:read, project:read (and a user that belongs to the organization)"
        case .organizationNotFound(let url, let slug):
            "GET \(url): 404: organization '\(slug)' does not exist or this token cannot see it; check --org "
                + "(the slug in https://sentry.io/organizations/SLUG/) and --url (e.g. https://us.sentry.io or "
                + "https://de.sentry.io)"
        case .notFound(let url, let what):
            "GET \(url): 404: \(what) no longer exists; the organization changed during the export, run it again"
        case .malformed(let url, let path, let detail):
            "GET \(url): unexpected answer at \(path.isEmpty ? "$" : path): \(detail); nothing was written. Is "
                + "--url a Sentry server? If it is, please report this with the endpoint"
        case .gaveUp(let url, let attempts, let lastProblem):
            "GET \(url): failed \(attempts) times (last: \(lastProblem)); sentry.io seems unwell, nothing was "
                + "written; try again later or with a lower --concurrency"
        case .unreachable(let url, let detail):
            "GET \(url): cannot reach the server (\(detail)); check --url and the network"
        case .unexpectedStatus(let url, let status, let detail):
            "GET \(url): unexpected status \(status)\(detail.isEmpty ? "" : ": " + detail); nothing was written."
                + " Check that --url is sentry.io or your region (a proxy may answer instead), then run it again"
        }
    }
}
