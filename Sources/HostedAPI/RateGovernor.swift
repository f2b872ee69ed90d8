import Foundation

/// Keeps requests within sentry.io's limits: at most `limit` in flight, and no request to an
/// endpoint whose window is spent (after a 429, or when `Remaining` runs low) before its reset.
actor RateGovernor {
    private var limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var pausedUntil: [String: Date] = [:]
    /// Longest pause we accept from a `Reset` header, against clock skew.
    private let maximumPause: TimeInterval = 60

    init(limit: Int) { self.limit = max(1, limit) }

    var concurrency: Int { limit }

    func setLimit(_ newLimit: Int) {
        limit = max(1, newLimit)
        while inUse < limit, !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    /// Waits for a free slot, then until the endpoint's window allows another request.
    func acquire(bucket: String) async {
        while inUse >= limit {
            await withCheckedContinuation { waiters.append($0) }
        }
        inUse += 1
        while let until = pausedUntil[bucket], until > Date() {
            try? await Task.sleep(for: .seconds(until.timeIntervalSinceNow))
        }
    }

    func release() {
        inUse -= 1
        if inUse < limit, !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    /// Reads the rate-limit headers of an answer; `refused` is true for a 429.
    func observe(bucket: String, remaining: Int?, reset: Double?, refused: Bool) {
        let now = Date()
        // The window ends at `reset` (epoch seconds); a little margin absorbs rounding.
        let resetDate = reset.map { Date(timeIntervalSince1970: $0 + 0.05) } ?? now.addingTimeInterval(1)
        let until = min(resetDate, now.addingTimeInterval(maximumPause))
        if refused || (remaining.map { $0 <= limit } ?? false) {
            if until > (pausedUntil[bucket] ?? .distantPast) { pausedUntil[bucket] = until }
        }
    }
}
