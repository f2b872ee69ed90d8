import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SentryModel
import Synchronization

/// A stand-in for sentry.io's REST API over one organization. Build a Hummingbird application
/// with `buildApplication`; `metrics` counts what it answered.
public final class Simulator: Sendable {
    public let configuration: SimulatorConfiguration
    public let metrics = SimulatorMetrics()
    let limiter: RateLimiter
    private let dice: Mutex<SplitMix64>
    /// The organization can change while it is served (`changeAfterRequests`).
    private let state: Mutex<SimulatedOrg>
    private let requests = Mutex(0)

    public init(org: SimulatedOrg, configuration: SimulatorConfiguration) {
        var org = org
        org.addInviteRequests(configuration.inviteRequests)
        self.state = Mutex(org)
        self.configuration = configuration
        self.limiter = RateLimiter(settings: configuration.rateLimit)
        self.dice = Mutex(SplitMix64(seed: configuration.faultSeed))
    }

    /// The organization as it is now.
    public var org: SimulatedOrg { state.withLock { $0 } }

    /// Counts a request and, once `changeAfterRequests` is passed, changes the organization.
    private func countRequest() {
        let count = requests.withLock {
            $0 += 1
            return $0
        }
        if let after = configuration.changeAfterRequests, count > after {
            state.withLock { $0.createTeamDuringExport() }
        }
    }

    /// The application `sentry-sim` runs and tests start; `onRunning` receives the bound port
    /// (useful with port 0).
    public func buildApplication(
        host: String = "127.0.0.1", port: Int = 0, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<SimulatorContext> { [self] request, context in
            await self.respond(to: request, channel: context.channel)
        }
        var logger = Logger(label: "sentry-sim")
        logger.logLevel = .warning
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    func roll(_ rate: Double) -> Bool {
        guard rate > 0 else { return false }
        return dice.withLock { $0.unit() } < rate
    }

    func respond(to request: Request, channel: any Channel) async -> Response {
        let call = Call(request: request, remote: channel.remoteAddress?.ipAddress)
        countRequest()
        let faults = configuration.faults
        if roll(faults.stall) {
            try? await Task.sleep(for: faults.stallDuration)
        }
        if configuration.latency > .zero {
            try? await Task.sleep(for: configuration.latency)
        }
        var response = await answer(call)
        if response.status == .ok, configuration.malformedEndpoints.contains(call.endpoint) {
            response.body = Data(#"{"unexpected":[1,2,3]}"#.utf8)
        }
        if roll(faults.serverError) {
            let status: HTTPResponse.Status = [.internalServerError, .badGateway, .serviceUnavailable][
                Int(dice.withLock { $0.next() } % 3)]
            response = Reply(status: status, body: DetailBody(detail: "Internal Error"), headers: response.headers)
            if status == .internalServerError {
                response.body = Reply.encode(["detail": "Internal Error", "errorId": Hex.derived(from: call.path)])
            }
        } else if roll(faults.rateLimited) {
            var headers = response.headers.filter { !$0.0.hasPrefix("X-Sentry-Rate-Limit-Remaining") }
            headers.append(("X-Sentry-Rate-Limit-Remaining", "0"))
            let limit = configuration.rateLimit.limit(for: call.endpoint)
            response = Reply.tooMany(
                "You are attempting to use this endpoint too frequently. Limit is \(limit) requests in "
                    + "\(configuration.rateLimit.windowSeconds) seconds", headers: headers)
        }
        var disconnect: Disconnect?
        if roll(faults.reset) {
            disconnect = .beforeBody
        } else if roll(faults.truncated) {
            disconnect = .midBody
        }
        metrics.record(endpoint: call.endpoint, status: response.status.code, faulted: disconnect != nil)
        return response.hummingbird(disconnect: disconnect, channel: channel)
    }

    /// The answer before any injected fault: authentication, rate limit, permission, lookup.
    func answer(_ call: Call) async -> Reply {
        guard call.method == .get else {
            return Reply(status: .methodNotAllowed, body: DetailBody(detail: "Method \"\(call.method)\" not allowed."))
        }
        guard let route = Route(call.components) else { return .notFound() }
        let token: SimulatedToken
        switch authenticate(call.authorization) {
        case .failure(let detail): return .unauthorized(detail)
        case .success(let granted): token = granted
        }
        let org = self.org
        let caller = Caller(token: token, org: org, remote: call.remote)
        let bucket = limiter.bucket(caller: caller.rateLimitId, method: call.method.rawValue, endpoint: route.endpoint)
        let decision = limiter.admit(bucket: bucket, endpoint: route.endpoint)
        defer { if decision.refusal == nil { limiter.finish(bucket: bucket) } }
        if let refusal = decision.refusal {
            metrics.refused(bucket: bucket, window: decision.windowStart)
            return .tooMany(refusal, headers: decision.headers)
        }
        var reply = handle(route, call: call, caller: caller, org: org)
        reply.headers += decision.headers
        return reply
    }

    enum Authentication {
        case success(SimulatedToken)
        case failure(String)
    }

    func authenticate(_ header: String?) -> Authentication {
        guard let header, !header.isEmpty else { return .failure("Authentication credentials were not provided.") }
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.first?.lowercased() == "bearer" else {
            return .failure("Authentication credentials were not provided.")
        }
        if parts.count == 1 { return .failure("Invalid token header. No credentials provided.") }
        if parts.count > 2 { return .failure("Invalid token header. Token string should not contain spaces.") }
        let token = String(parts[1])
        if configuration.expiredTokens.contains(token) { return .failure("Token expired") }
        guard let granted = configuration.tokens[token] else {
            return .failure(token.hasPrefix("sntrys_") ? "Invalid org token" : "Invalid token")
        }
        return .success(granted)
    }
}

/// Keeps the connection at hand, so faults can drop it mid-answer.
struct SimulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// A request as the simulator needs it.
struct Call {
    var method: HTTPRequest.Method
    var path: String
    var components: [String]
    var query: [(String, String)]
    var authorization: String?
    var baseURL: String
    /// The client's address: the rate-limit identity of organization auth tokens.
    var remote: String

    init(request: Request, remote: String?) {
        self.remote = remote ?? "127.0.0.1"
        method = request.method
        path = request.uri.path
        components = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        query = (request.uri.query ?? "").split(separator: "&").compactMap { pair in
            guard !pair.isEmpty else { return nil }
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
        authorization = request.headers[.authorization]
        let host = request.head.authority ?? "127.0.0.1"
        baseURL = "http://\(host)"
    }

    func value(_ name: String) -> String? { query.last { $0.0 == name }?.1 }
    func values(_ name: String) -> [String] { query.filter { $0.0 == name }.map(\.1) }

    var endpoint: String { Route(components)?.endpoint ?? "unknown" }
}

/// Counts answers per endpoint, for tests and benchmarks.
public final class SimulatorMetrics: Sendable {
    public struct Counts: Sendable, Hashable {
        /// Every request received, whatever the answer.
        public var total = 0
        public var byEndpoint: [String: Int] = [:]
        public var byStatus: [Int: Int] = [:]
        /// Requests answered 200 and not cut off: what an exporter needed.
        public var successful = 0
        /// Answers cut off by an injected reset or truncation.
        public var disconnects = 0
        /// 429s by rate-limit key and window start (epoch seconds), `key@start`.
        public var refusalsByWindow: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())

    public var current: Counts { counts.withLock { $0 } }

    func refused(bucket: String, window: Int) {
        counts.withLock { $0.refusalsByWindow["\(bucket)@\(window)", default: 0] += 1 }
    }

    func record(endpoint: String, status: Int, faulted: Bool) {
        counts.withLock {
            $0.total += 1
            $0.byEndpoint[endpoint, default: 0] += 1
            $0.byStatus[status, default: 0] += 1
            if status == 200 && !faulted { $0.successful += 1 }
            if faulted { $0.disconnects += 1 }
        }
    }
}
