import Foundation

/// Keeps requests within sentry.io's limits: at most `limit` in flight, and per endpoint no more
/// requests in a window than its `X-Sentry-Rate-Limit-Remaining` allows; after a 429, none
/// before the window's reset.
actor RateGovernor {
    /// What the last answer said about an endpoint's current window.
    private struct Window {
        /// Requests we may still start before `reset` (Remaining minus those already in flight).
        var budget: Int
        var reset: Date
        /// Made up here when a window ended and no answer of the new one has come yet.
        var estimated = false
    }

    private var limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var windows: [String: Window] = [:]
    private var inFlight: [String: Int] = [:]
    /// Each counter's `X-Sentry-Rate-Limit-Limit`, so a new window starts with that budget instead
    /// of letting every waiting request through before the first answer of the window.
    private var limits: [String: Int] = [:]
    /// Longest wait we accept from a `Reset` header, against clock skew.
    private let maximumPause: TimeInterval = 60

    init(limit: Int) { self.limit = max(1, limit) }

    var concurrency: Int { limit }

    func setLimit(_ newLimit: Int) {
        limit = max(1, newLimit)
        while inUse < limit, !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    /// Waits for a free slot, then until the endpoint's window has room for another request.
    func acquire(bucket: String) async {
        while inUse >= limit {
            await withCheckedContinuation { waiters.append($0) }
        }
        inUse += 1
        while let window = windows[bucket] {
            if window.reset <= Date() {
                guard let limit = limits[bucket] else { break }
                // sentry.io's windows are one second; the next answer corrects the estimate. Until it
                // comes, a tenth of the limit stays unused: a request that started at the end of the last
                // window but reached the server in this one already counts here, and spending the whole
                // estimate would earn a 429 and a retry (more requests, not only more time).
                let straggling = limit > 1 ? max(1, limit / 10) : 0
                windows[bucket] = Window(
                    budget: limit - inFlight[bucket, default: 0] - straggling, reset: Date().addingTimeInterval(1),
                    estimated: true)
                continue
            }
            if window.budget > 0 {
                windows[bucket]?.budget -= 1
                break
            }
            try? await Task.sleep(for: .seconds(window.reset.timeIntervalSinceNow))
        }
        inFlight[bucket, default: 0] += 1
    }

    func release(bucket: String) {
        inUse -= 1
        inFlight[bucket, default: 1] -= 1
        if inUse < limit, !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    /// Reads the rate-limit headers of an answer; `refused` is true for a 429.
    func observe(bucket: String, remaining: Int?, reset: Double?, refused: Bool, limit: Int? = nil) {
        let now = Date()
        if let limit, limit > 0 { limits[bucket] = limit }
        // The window ends at `reset` (epoch seconds); a little margin absorbs rounding.
        let resetDate = reset.map { Date(timeIntervalSince1970: $0 + 0.05) } ?? now.addingTimeInterval(1)
        let until = min(resetDate, now.addingTimeInterval(maximumPause))
        let seen: Window
        if refused {
            seen = Window(budget: 0, reset: until)
        } else if let remaining {
            seen = Window(budget: remaining - inFlight[bucket, default: 0], reset: until)
        } else {
            return
        }
        // Answers arrive out of order. One from an earlier window says nothing about this one, and
        // one from the same window that left before a 429 (or before other answers) reports more
        // room than is left: neither may reopen a window a 429 closed, which would spend the rest of
        // it on more 429s. Only an estimate of ours gives way to any real answer.
        if let known = windows[bucket], !known.estimated {
            if seen.reset < known.reset { return }
            if seen.reset == known.reset {
                windows[bucket]?.budget = min(known.budget, seen.budget)
                return
            }
        }
        windows[bucket] = seen
    }
}
