/// How the simulator behaves: who may call it, how fast, and how often it misbehaves.
public struct SimulatorConfiguration: Sendable {
    /// Bearer token → scopes. A token absent here answers 401 "Invalid token".
    public var tokens: [String: Set<String>]
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

    public init(
        tokens: [String: Set<String>] = [:], expiredTokens: Set<String> = [], latency: Duration = .zero,
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

/// sentry.io's fixed-window limiter: `limit` requests per `windowSeconds` for each caller and
/// endpoint, and at most `concurrentLimit` requests in flight per caller.
public struct RateLimitSettings: Sendable {
    public var limit: Int
    public var windowSeconds: Int
    /// Per-endpoint limits (by endpoint name, e.g. `members`, `keys`), as Sentry overrides some.
    public var overrides: [String: Int]
    public var concurrentLimit: Int
    /// Sentry sends the concurrent headers but does not enforce them unless configured to.
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
