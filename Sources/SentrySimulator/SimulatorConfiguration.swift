/// How the simulator behaves: who may call it, how fast, and how often it misbehaves.
public struct SimulatorConfiguration: Sendable {
    /// Bearer token → its kind and scopes. A token absent here answers 401 "Invalid token".
    public var tokens: [String: SimulatedToken]
    /// Tokens that answer 401 "Token expired".
    public var expiredTokens: Set<String>
    /// Added before every answer.
    public var latency: Duration
    public var rateLimit: RateLimitSettings
    public var faults: FaultRates
    /// Seeds the fault dice, so a run's faults can be replayed.
    public var faultSeed: UInt64
    /// Endpoints (`teams`, `keys`, `ownership`, …) whose successful answers are replaced by JSON
    /// of the wrong shape, to test how clients report a malformed answer.
    public var malformedEndpoints: Set<String> = []
    /// Endpoints whose lists never end: every page past the first is empty yet says
    /// `results="true"` with a new cursor, to test how clients bound pagination.
    public var endlessEndpoints: Set<String> = []
    /// Members (by e-mail in the snapshot) whose user account has no e-mail: the serializer's
    /// `get_email()` then gives None and the API answers `"email": null`
    /// (`src/sentry/models/organizationmember.py` `get_email`). Service accounts look like this.
    public var membersWithoutEmail: Set<String> = []
    /// Client keys (by public key) whose secret is null (`ProjectKey.secret_key` is nullable).
    public var keysWithoutSecret: Set<String> = []
    /// E-mails of invite requests and join requests: members with `invite_status` other than
    /// approved, which the members list and member details leave out
    /// (`organization_member_index.py`: `invite_status=InviteStatus.APPROVED`).
    public var inviteRequests: [String] = []
    /// After this many requests the organization changes under the export: a team `new-team` is
    /// created, every member with an account joins it, and a project `new-project` is added to it.
    public var changeAfterRequests: Int?
    /// Rows of the organization-level lists sentry-migrate counts but does not carry, by endpoint
    /// (`integrations`, `combined-rules`, `dashboards`, `monitors`, `code-mappings`, `searches`).
    /// For `combined-rules` it is the number of uptime monitors listed there beside the
    /// organization's own issue rules and metric alerts.
    public var notCarried: [String: Int] = [:]

    public init(
        tokens: [String: SimulatedToken] = [:], expiredTokens: Set<String> = [], latency: Duration = .zero,
        rateLimit: RateLimitSettings = RateLimitSettings(), faults: FaultRates = FaultRates(), faultSeed: UInt64 = 1
    ) {
        self.tokens = tokens
        self.expiredTokens = expiredTokens
        self.latency = latency
        self.rateLimit = rateLimit
        self.faults = faults
        self.faultSeed = faultSeed
    }

    /// The four read scopes a configuration export needs.
    public static let exportScopes: Set<String> = ["org:read", "team:read", "member:read", "project:read"]
}

/// sentry.io's fixed-window limiter as `src/sentry/ratelimits/utils.py` `get_rate_limit_key` keys
/// it: one counter per caller and method for every endpoint without limits of its own
/// (`{category}:{group}:{METHOD}:{id}`), and a counter per endpoint only for endpoints that set
/// `rate_limits` (`…:{View}:{METHOD}:{id}`): the members list (`OrganizationMemberIndexEndpoint`)
/// and the client keys list (`ProjectKeysEndpoint`), 40 per second each. The caller is the user
/// for a personal token, the organization for an internal integration, the IP address for an
/// organization auth token. Default 470/s with 100 concurrent (`ratelimits/config.py`
/// `_SENTRY_RATELIMITER_DEFAULT`); sentry.io's own settings are not public.
public struct RateLimitSettings: Sendable {
    public var limit: Int
    public var windowSeconds: Int
    /// Endpoints with limits of their own (by endpoint name, e.g. `members`, `keys`); every other
    /// endpoint counts against the caller's shared `limit`.
    public var overrides: [String: Int]
    public var concurrentLimit: Int
    /// Sentry sends the concurrent headers but enforces them only with `ENFORCE_CONCURRENT_RATE_LIMITS`
    /// (off in the open-source defaults); enforced here unless turned off, to be no kinder.
    public var enforceConcurrency: Bool

    public init(
        limit: Int = 470, windowSeconds: Int = 1, overrides: [String: Int] = ["members": 40, "keys": 40],
        concurrentLimit: Int = 25, enforceConcurrency: Bool = true
    ) {
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.overrides = overrides
        self.concurrentLimit = concurrentLimit
        self.enforceConcurrency = enforceConcurrency
    }

    func limit(for endpoint: String) -> Int { overrides[endpoint] ?? limit }
}

/// Probabilities (0…1), each drawn independently per request, of the faults the simulator injects.
public struct FaultRates: Sendable, Hashable {
    /// 500/502/503 with Sentry's error body.
    public var serverError: Double
    /// 429 with Sentry's body and headers, as if the window were exhausted.
    public var rateLimited: Double
    /// The connection closes after the headers, before any body byte.
    public var reset: Double
    /// The connection closes halfway through the body (Content-Length promises more).
    public var truncated: Double
    /// The answer waits `stallDuration` before coming.
    public var stall: Double
    public var stallDuration: Duration

    public init(
        serverError: Double = 0, rateLimited: Double = 0, reset: Double = 0, truncated: Double = 0, stall: Double = 0,
        stallDuration: Duration = .seconds(30)
    ) {
        self.serverError = serverError
        self.rateLimited = rateLimited
        self.reset = reset
        self.truncated = truncated
        self.stall = stall
        self.stallDuration = stallDuration
    }
}
