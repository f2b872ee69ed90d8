import Dispatch

/// Runs two independent pieces of work at once, on two threads, and returns both results; when
/// both fail, the first one's error is thrown (the one a sequential run would have met first).
///
/// `plan` and `verify` read the desired snapshot (CPU: parsing, decoding, checking) while the
/// target database answers its queries (mostly waiting on PostgreSQL), and hash the target's
/// entities while the diff runs; on the reference organization each pair takes about as long as
/// the other half, so doing them side by side removes the shorter one from the wall time.
///
/// The closures must not share mutable state: each touches only what it owns (the snapshot folder,
/// or the one database connection), which is why they need not be `Sendable`. The calling thread
/// runs one of them; GCD's pool (not Swift's cooperative pool, which blocking libpq calls would
/// starve) runs the other.
public func concurrently<First, Second>(
    _ first: () throws -> First, _ second: () throws -> Second
) throws -> (First, Second) {
    let (one, two) = concurrently({ Result { try first() } }, { Result { try second() } })
    return (try one.get(), try two.get())
}

/// The same for work that cannot fail.
public func concurrently<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            let results = ResultPair<First, Second>()
            nonisolated(unsafe) let first = first
            nonisolated(unsafe) let second = second
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 {
                    results.first = first()
                } else {
                    results.second = second()
                }
            }
            guard let one = results.first, let two = results.second else {
                preconditionFailure("concurrentPerform returned before running both halves")
            }
            return (one, two)
        }
    }
}

/// Written by one thread each, read only after `concurrentPerform` has joined both.
private final class ResultPair<First, Second>: @unchecked Sendable {
    var first: First?
    var second: Second?
}
