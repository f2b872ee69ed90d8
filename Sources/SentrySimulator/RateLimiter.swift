import Foundation
import Synchronization

/// Fixed windows per (token, endpoint) and an in-flight count per token, as Sentry's middleware keeps.
final class RateLimiter: Sendable {
    struct Decision {
        var headers: [(String, String)]
        /// The 429 body when the request is refused.
        var refusal: String?
    }

    private struct State {
        var windows: [String: (start: Int, used: Int)] = [:]
        var inFlight: [String: Int] = [:]
    }

    private let settings: RateLimitSettings
    private let state = Mutex(State())

    init(settings: RateLimitSettings) { self.settings = settings }

    /// Counts the request against its window and, when admitted, as in flight until `finish`.
    func admit(caller: String, endpoint: String, now: Date = Date()) -> Decision {
        let limit = settings.limit(for: endpoint)
        let window = max(1, settings.windowSeconds)
        let epoch = Int(now.timeIntervalSince1970)
        let start = epoch - epoch % window
        return state.withLock { state in
            let key = caller + " " + endpoint
            var current = state.windows[key] ?? (start, 0)
            if current.start != start { current = (start, 0) }
            let inFlight = state.inFlight[caller, default: 0]
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
                state.inFlight[caller] = inFlight + 1
            }
            state.windows[key] = current
            let concurrentRemaining = max(0, settings.concurrentLimit - state.inFlight[caller, default: 0])
            return Decision(
                headers: [
                    ("X-Sentry-Rate-Limit-Limit", String(limit)),
                    ("X-Sentry-Rate-Limit-Remaining", String(max(0, limit - current.used))),
                    ("X-Sentry-Rate-Limit-Reset", String(start + window)),
                    ("X-Sentry-Rate-Limit-ConcurrentLimit", String(settings.concurrentLimit)),
                    ("X-Sentry-Rate-Limit-ConcurrentRemaining", String(concurrentRemaining)),
                ], refusal: refusal)
        }
    }

    func finish(caller: String) {
        state.withLock { $0.inFlight[caller, default: 1] -= 1 }
    }
}
