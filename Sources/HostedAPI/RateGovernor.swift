import Foundation

/// Keeps requests within sentry.io's limits: at most `limit` in flight, and per counter no more
/// requests in a window than its `X-Sentry-Rate-Limit-Remaining` allows; after a 429, none
/// before the window's reset.
///
/// Requests wait in one queue, in the order they asked. A request whose counter has no room left
/// in its window waits without a slot: the requests behind it that count against another counter
/// go first (on sentry.io the members list and the keys lists have counters of their own, so a
/// keys list waiting for its window must not keep the shared counter's requests from going).
/// Within one counter the order is kept.
actor RateGovernor {
    /// What the answers said about a counter's current window.
    private struct Window {
        /// The lowest `X-Sentry-Rate-Limit-Remaining` an answer of this window gave (the latest count
        /// the server made; 0 after a 429). Room for one more request is `remaining` minus the
        /// requests still in flight: those the server may have counted since.
        var remaining: Int
        var reset: Date
        /// Made up here when a window ended and no answer of the new one has come yet.
        var estimated = false
    }

    private struct Waiter {
        var bucket: String
        var continuation: CheckedContinuation<Void, Never>
    }

    private var limit: Int
    private var inUse = 0
    /// Requests not started yet, in the order they asked.
    private var queue: [Waiter] = []
    private var windows: [String: Window] = [:]
    private var inFlight: [String: Int] = [:]
    /// Each counter's `X-Sentry-Rate-Limit-Limit`, so a new window starts with that budget instead
    /// of letting every waiting request through before the first answer of the window.
    private var limits: [String: Int] = [:]
    /// When a wake-up is due for a counter whose window is spent (one timer per counter and reset).
    private var wakeUps: [String: Date] = [:]
    /// Longest wait we accept from a `Reset` header, against clock skew.
    private let maximumPause: TimeInterval = 60

    /// The time, for the windows' ends (tests stop it, so that no window ends while they run).
    private let now: @Sendable () -> Date

    init(limit: Int, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = max(1, limit)
        self.now = now
    }

    var concurrency: Int { limit }

    /// Requests of `bucket` that asked and have not started (tests: a request waiting for its window).
    func waiting(bucket: String) -> Int { queue.count { $0.bucket == bucket } }

    func setLimit(_ newLimit: Int) {
        limit = max(1, newLimit)
        startWhatCan()
    }

    /// Waits until a slot is free and the counter's window has room, and takes both.
    func acquire(bucket: String) async {
        await withCheckedContinuation { continuation in
            queue.append(Waiter(bucket: bucket, continuation: continuation))
            startWhatCan()
        }
    }

    /// Ends a request, reading its answer's rate-limit headers first (none when it got no answer).
    func release(bucket: String, answer: RateLimitHeaders?) {
        if let answer { read(answer, bucket: bucket) }
        inUse -= 1
        inFlight[bucket, default: 1] -= 1
        startWhatCan()
    }

    /// Starts queued requests in order while slots are free, passing over those whose counter's
    /// window is spent (and every later one of the same counter, to keep its order).
    private func startWhatCan() {
        var spent: Set<String> = []
        var index = 0
        while inUse < limit, index < queue.count {
            let bucket = queue[index].bucket
            if spent.contains(bucket) {
                index += 1
                continue
            }
            if let until = room(in: bucket) {
                spent.insert(bucket)
                wake(bucket, at: until)
                index += 1
                continue
            }
            let waiter = queue.remove(at: index)
            inUse += 1
            inFlight[bucket, default: 0] += 1
            waiter.continuation.resume()
        }
    }

    /// Whether the counter's window has room for one more request: nil when it has, else when the
    /// window ends. The request's room is taken by counting it in flight.
    private func room(in bucket: String) -> Date? {
        guard var window = windows[bucket] else { return nil }
        let time = now()
        if window.reset <= time {
            guard let limit = limits[bucket] else { return nil }
            // sentry.io's windows are one second; the next answer corrects the estimate. Until it
            // comes, a tenth of the limit stays unused: a request that started at the end of the last
            // window but reached the server in this one already counts here, and spending the whole
            // estimate would earn a 429 and a retry (more requests, not only more time).
            let straggling = limit > 1 ? max(1, limit / 10) : 0
            window = Window(remaining: limit - straggling, reset: time.addingTimeInterval(1), estimated: true)
            windows[bucket] = window
        }
        // Every request in flight may have been counted after the answer that said `remaining`;
        // any that was answered since has lowered `remaining` itself (the lowest answer is kept).
        return window.remaining - inFlight[bucket, default: 0] > 0 ? nil : window.reset
    }

    /// Looks at the queue again when `bucket`'s window ends (one timer per counter and date).
    private func wake(_ bucket: String, at date: Date) {
        if let due = wakeUps[bucket], due == date { return }
        wakeUps[bucket] = date
        let now = self.now
        Task.detached { [self] in
            try? await Task.sleep(for: .seconds(max(0, date.timeIntervalSince(now()))))
            await windowEnded(bucket, at: date)
        }
    }

    private func windowEnded(_ bucket: String, at date: Date) {
        if wakeUps[bucket] == date { wakeUps[bucket] = nil }
        startWhatCan()
    }

    /// Reads an answer's rate-limit headers (of a request not counted in flight here).
    func observe(_ answer: RateLimitHeaders, bucket: String) {
        read(answer, bucket: bucket)
        startWhatCan()
    }

    /// Reads the rate-limit headers of an answer whose request is still counted in flight.
    private func read(_ answer: RateLimitHeaders, bucket: String) {
        let time = now()
        if let limit = answer.limit, limit > 0 { limits[bucket] = limit }
        // The window ends at `reset` (epoch seconds); a little margin absorbs rounding.
        let resetDate = answer.reset.map { Date(timeIntervalSince1970: $0 + 0.05) } ?? time.addingTimeInterval(1)
        let until = min(resetDate, time.addingTimeInterval(maximumPause))
        let seen: Int
        if answer.refused {
            seen = 0
        } else if let remaining = answer.remaining {
            seen = remaining
        } else {
            return
        }
        // Answers arrive out of order. One from an earlier window says nothing about this one, and
        // one from the same window that was counted before others (or before a 429) reports more
        // room than is left: the lowest count of the window stands, so nothing reopens a window a
        // 429 closed, which would spend the rest of it on more 429s. Only an estimate of ours gives
        // way to any real answer.
        if let known = windows[bucket], !known.estimated {
            if until < known.reset { return }
            if until == known.reset {
                windows[bucket]?.remaining = min(known.remaining, seen)
                return
            }
        }
        windows[bucket] = Window(remaining: seen, reset: until)
    }
}
