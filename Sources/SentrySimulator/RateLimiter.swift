import Foundation
import Synchronization

/// Fixed windows and in-flight counts per rate-limit key, as Sentry's middleware keeps them
/// (`src/sentry/middleware/ratelimit.py`, keys from `ratelimits/utils.py` `get_rate_limit_key`).
final class RateLimiter: Sendable {
    struct Decision {
        var headers: [(String, String)]
        /// The 429 body when the request is refused.
        var refusal: String?
        /// The start of the window the request counted against (epoch seconds).
        var windowStart = 0
    }

    private struct State {
        var windows: [String: (start: Int, used: Int)] = [:]
        var inFlight: [String: Int] = [:]
    }

    private let settings: RateLimitSettings
    private let state = Mutex(State())

    init(settings: RateLimitSettings) { self.settings = settings }

    /// The key a request counts against: the endpoint's own for endpoints with their own limits,
    /// otherwise one shared by every endpoint the caller calls with this method.
    func bucket(caller: String, method: String, endpoint: String) -> String {
        settings.overrides[endpoint] != nil ? "\(caller):\(endpoint):\(method)" : "\(caller):default:\(method)"
    }

    /// Counts the request against its window and, when admitted, as in flight until `finish`.
    func admit(bucket key: String, endpoint: String, now: Date = Date()) -> Decision {
        let limit = settings.limit(for: endpoint)
        let window = max(1, settings.windowSeconds)
        let epoch = Int(now.timeIntervalSince1970)
        let start = epoch - epoch % window
        return state.withLock { state in
            var current = state.windows[key] ?? (start, 0)
            if current.start != start { current = (start, 0) }
            let inFlight = state.inFlight[key, default: 0]
            var refusal: String?
            if current.used >= limit {
                refusal =
                    "You are attempting to use this endpoint too frequently. Limit is \(limit) requests in \(window) seconds"
            } else if settings.enforceConcurrency && inFlight >= settings.concurrentLimit {
                refusal =
                    "You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is "
                    + "\(settings.concurrentLimit)"
            } else {
                current.used += 1
                state.inFlight[key] = inFlight + 1
            }
            state.windows[key] = current
            let concurrentRemaining = max(0, settings.concurrentLimit - state.inFlight[key, default: 0])
            return Decision(
                headers: [
                    ("X-Sentry-Rate-Limit-Limit", String(limit)),
                    ("X-Sentry-Rate-Limit-Remaining", String(max(0, limit - current.used))),
                    ("X-Sentry-Rate-Limit-Reset", String(start + window)),
                    ("X-Sentry-Rate-Limit-ConcurrentLimit", String(settings.concurrentLimit)),
                    ("X-Sentry-Rate-Limit-ConcurrentRemaining", String(concurrentRemaining)),
                ], refusal: refusal, windowStart: start)
        }
    }

    func finish(bucket key: String) {
        state.withLock { $0.inFlight[key, default: 1] -= 1 }
    }
}
