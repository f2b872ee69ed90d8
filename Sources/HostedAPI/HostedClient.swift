import Foundation
import SentryModel
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How the client talks to sentry.io.
public struct HostedClientConfiguration: Sendable {
    /// Scheme and host, e.g. `https://sentry.io`; paths start with `/api/0/`.
    public var baseURL: URL
    public var token: String
    /// Requests in flight; nil sizes it from `X-Sentry-Rate-Limit-ConcurrentLimit` (at most 16).
    public var concurrency: Int?
    /// Attempts per request for 5xx, resets, truncated bodies and timeouts.
    public var maxAttempts: Int
    /// Exponential backoff with full jitter: a random wait in 0…min(cap, base·2^attempt).
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// 429s tolerated per request (each waits for the window's reset).
    public var maxRateLimitWaits: Int
    public var timeout: TimeInterval

    public init(
        baseURL: URL, token: String, concurrency: Int? = nil, maxAttempts: Int = 6,
        backoffBase: Duration = .milliseconds(250), backoffCap: Duration = .seconds(8), maxRateLimitWaits: Int = 30,
        timeout: TimeInterval = 30
    ) {
        self.baseURL = baseURL
        self.token = token
        self.concurrency = concurrency
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.maxRateLimitWaits = maxRateLimitWaits
        // FoundationNetworking on Linux times out at once below one second.
        self.timeout = max(1, timeout)
    }
}

/// A GET-only client for sentry.io's REST API: bounded concurrency, rate-limit pacing, retries.
public final class HostedClient: Sendable {
    let configuration: HostedClientConfiguration
    let governor: RateGovernor
    private let session: URLSession
    private let attempts = Mutex(0)
    private let sized = Mutex(false)

    public init(configuration: HostedClientConfiguration) {
        self.configuration = configuration
        self.governor = RateGovernor(limit: configuration.concurrency ?? 4)
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeout
        sessionConfiguration.httpMaximumConnectionsPerHost = 32
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(
            configuration: sessionConfiguration, delegate: SameOriginRedirects(), delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// `URLSession.data(for:)` cancels its task when the Swift task is cancelled, and on Linux that
    /// cancel can deadlock with the task's completion (seen as export tests hanging forever). A
    /// sibling's failure cancels the others in the exporter's task group, so requests already sent
    /// finish on their own instead; the request timeout bounds them.
    private func uncancellableData(for request: URLRequest) async throws -> (Data, URLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
    }

    /// HTTP requests sent so far, retries included.
    public var requestsSent: Int { attempts.withLock { $0 } }

    public var concurrency: Int { get async { await governor.concurrency } }

    /// One GET, decoded as `T`; `scope` names the scope a 403 means is missing, `what` names the
    /// resource for a 404.
    func get<T: Decodable>(
        _ path: String, query: [URLQueryItem] = [], as type: T.Type, scope: String, what: Resource
    ) async throws -> (T, HTTPURLResponse) {
        let url = try makeURL(path, query: query)
        let display = path + (url.query.map { "?" + $0 } ?? "")
        var failures = 0
        var rateLimitWaits = 0
        var lastProblem = ""
        let bucket = path.limitGroup
        while true {
            // A sibling's failure cancels the export's other tasks: they send nothing more.
            try Task.checkCancellation()
            await governor.acquire(bucket: bucket)
            if Task.isCancelled {
                await governor.release(bucket: bucket, answer: nil)
                throw CancellationError()
            }
            attempts.withLock { $0 += 1 }
            var request = URLRequest(url: url, timeoutInterval: configuration.timeout)
            request.setValue("Bearer \(configuration.token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let outcome: Result<(Data, URLResponse), any Error>
            do {
                outcome = .success(try await uncancellableData(for: request))
            } catch {
                outcome = .failure(error)
            }
            // The answer's count is read before the request stops counting as in flight: in between,
            // the governor would think the window had room this request already took.
            let http = (try? outcome.get())?.1 as? HTTPURLResponse
            if let http { await sizeConcurrency(from: http) }
            await governor.release(bucket: bucket, answer: http.map(RateLimitHeaders.init))

            switch outcome {
            case .failure(let error):
                if let urlError = error as? URLError, [.badURL, .unsupportedURL, .cancelled].contains(urlError.code) {
                    throw HostedAPIError.unreachable(url: display, detail: urlError.localizedDescription)
                }
                lastProblem = describe(error)
                failures += 1
                if failures >= configuration.maxAttempts {
                    if let urlError = error as? URLError,
                        [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed].contains(urlError.code)
                    {
                        throw HostedAPIError.unreachable(url: display, detail: lastProblem)
                    }
                    throw HostedAPIError.gaveUp(url: display, attempts: failures, lastProblem: lastProblem)
                }
                try await backoff(failures)
                continue
            case .success(let (data, response)):
                guard let http = response as? HTTPURLResponse else {
                    throw HostedAPIError.malformed(url: display, path: "", detail: "not an HTTP answer")
                }
                switch http.statusCode {
                case 200:
                    do {
                        return (try JSONDecoder().decode(T.self, from: data), http)
                    } catch let error as DecodingError {
                        let problem = DecodingProblem(error)
                        throw HostedAPIError.malformed(
                            url: display, path: problem.path.rendered, detail: problem.summary)
                    }
                case 429:
                    rateLimitWaits += 1
                    if rateLimitWaits > configuration.maxRateLimitWaits {
                        throw HostedAPIError.gaveUp(
                            url: display, attempts: rateLimitWaits, lastProblem: "429 " + detail(data))
                    }
                    continue
                case 500...599:
                    failures += 1
                    lastProblem = "\(http.statusCode) \(detail(data))"
                    if failures >= configuration.maxAttempts {
                        throw HostedAPIError.gaveUp(url: display, attempts: failures, lastProblem: lastProblem)
                    }
                    try await backoff(failures)
                    continue
                case 401:
                    throw HostedAPIError.unauthorized(url: display, detail: detail(data))
                case 403:
                    throw HostedAPIError.forbidden(url: display, area: String(scope.prefix { $0 != ":" }))
                case 404:
                    if case .organization(let slug) = what {
                        throw HostedAPIError.organizationNotFound(url: display, slug: slug)
                    }
                    throw HostedAPIError.notFound(url: display, what: what.description)
                default:
                    throw HostedAPIError.unexpectedStatus(url: display, status: http.statusCode, detail: detail(data))
                }
            }
        }
    }

    /// Empty pages that still promise more, in a row, before a list is called endless.
    public static let emptyPagesTolerated = 3
    /// Pages of one list before it is called endless: 10 million rows at 100 a page.
    static let maximumPages = 100_000

    /// Every page of a list, following `cursor="…"` until `results="false"`, 100 per page.
    func getAll<T: Decodable>(
        _ path: String, query: [URLQueryItem] = [], of type: T.Type, scope: String, what: Resource
    ) async throws -> [T] {
        var all: [T] = []
        var walk = ListWalk(path: path)
        while true {
            let (page, link) = try await page(
                path, query: query, cursor: walk.cursor, of: T.self, scope: scope, what: what)
            all += page
            guard try walk.follow(rows: page.count, link: link) else { return all }
        }
    }

    /// One page of a list (100 rows at most) from `cursor` (nil: the first), and its `Link` header.
    func page<T: Decodable>(
        _ path: String, query: [URLQueryItem] = [], cursor: String?, of type: T.Type, scope: String, what: Resource
    ) async throws -> (rows: [T], link: String?) {
        var pageQuery = query + [URLQueryItem(name: "per_page", value: "100")]
        if let cursor { pageQuery.append(URLQueryItem(name: "cursor", value: cursor)) }
        let (rows, response) = try await get(path, query: pageQuery, as: [T].self, scope: scope, what: what)
        return (rows, response.value(forHTTPHeaderField: "Link"))
    }

    private func makeURL(_ path: String, query: [URLQueryItem]) throws -> URL {
        guard var components = URLComponents(url: configuration.baseURL, resolvingAgainstBaseURL: false) else {
            throw HostedAPIError.unreachable(url: path, detail: "bad --url")
        }
        components.path = components.path.trimmingSuffix("/") + path
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.url else { throw HostedAPIError.unreachable(url: path, detail: "bad --url") }
        return url
    }

    private func sizeConcurrency(from response: HTTPURLResponse) async {
        guard configuration.concurrency == nil, !sized.withLock({ $0 }) else { return }
        guard let text = response.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-ConcurrentLimit"),
            let limit = Int(text), limit > 0
        else { return }
        sized.withLock { $0 = true }
        // Leave room for the caller's other tools: at most 16, and never the whole allowance.
        await governor.setLimit(min(16, max(1, limit - limit / 5)))
    }

    private func backoff(_ failures: Int) async throws {
        let ceiling = min(configuration.backoffCap, configuration.backoffBase * (1 << min(failures, 16)))
        let seconds = Double(ceiling.components.seconds) + Double(ceiling.components.attoseconds) / 1e18
        try await Task.sleep(for: .seconds(Double.random(in: 0...seconds)))
    }

    private func detail(_ data: Data) -> String {
        struct Detail: Decodable { var detail: String }
        if let body = try? JSONDecoder().decode(Detail.self, from: data) { return body.detail }
        return String(decoding: data.prefix(200), as: UTF8.self)
    }

    private func describe(_ error: any Error) -> String {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut: return "timed out"
            case .networkConnectionLost: return "connection lost"
            case .cannotConnectToHost: return "connection refused"
            default: return "network error \(urlError.code.rawValue)"
            }
        }
        return String(describing: type(of: error))
    }
}

/// What an answer says about its rate-limit counter's window.
struct RateLimitHeaders: Sendable {
    var remaining: Int?
    /// The window's end, epoch seconds.
    var reset: Double?
    var limit: Int?
    /// A 429.
    var refused: Bool

    init(remaining: Int?, reset: Double?, limit: Int?, refused: Bool) {
        self.remaining = remaining
        self.reset = reset
        self.limit = limit
        self.refused = refused
    }

    init(_ http: HTTPURLResponse) {
        remaining = http.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Remaining").flatMap { Int($0) }
        reset = http.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Reset").flatMap { Double($0) }
        limit = http.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Limit").flatMap { Int($0) }
        refused = http.statusCode == 429
    }
}

/// What a request is about, for 404 messages.
enum Resource: CustomStringConvertible {
    case index
    case organization(String)
    case team(String)
    case project(String)
    case member(String)
    /// The metric alert list (an organization without `organizations:incidents` answers 404), or one alert.
    case metricAlert(String?)

    var description: String {
        switch self {
        case .index: "the API index"
        case .organization(let slug): "organization '\(slug)'"
        case .team(let slug): "team '\(slug)'"
        case .project(let slug): "project '\(slug)'"
        case .member(let id): "member \(id)"
        case .metricAlert(let id): id.map { "metric alert \($0)" } ?? "the metric alert list"
        }
    }
}

extension String {
    /// The rate-limit counter a path counts against on sentry.io (`ratelimits/utils.py`
    /// `get_rate_limit_key`): the members list and the client keys list have limits of their own
    /// (`rate_limits` on `OrganizationMemberIndexEndpoint` and `ProjectKeysEndpoint`, all projects'
    /// keys lists sharing one); every other endpoint shares one counter per caller and method.
    var limitGroup: String {
        let parts = split(separator: "/")
        if parts.count == 5, parts[2] == "organizations", parts[4] == "members" { return "members" }
        if parts.count == 6, parts[2] == "projects", parts[5] == "keys" { return "keys" }
        return "shared"
    }

    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
