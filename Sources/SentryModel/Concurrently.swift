#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
/// runs the first; a thread started for it runs the second. Not GCD's `concurrentPerform`: called
/// from inside another one (the diff's two halves inside plan's diff-and-digests pair) it runs its
/// work one item after the other on a two-core machine, so nested pairs were not parallel at all.
/// Not Swift's cooperative pool either, which blocking libpq calls would starve.
public func concurrently<First, Second>(
    _ first: () throws -> First, _ second: () throws -> Second
) throws -> (First, Second) {
    let (one, two) = concurrently({ Result { try first() } }, { Result { try second() } })
    return (try one.get(), try two.get())
}

/// The same for work that cannot fail.
public func concurrently<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
    withoutActuallyEscaping(second) { second in
        let result = SecondResult<Second>()
        let thread = SecondThread { result.value = second() }
        guard thread.start() else {
            // No thread to be had (a process limit): the same results, one after the other.
            thread.body = nil
            return (first(), second())
        }
        let one = first()
        thread.join()
        guard let two = result.value else { preconditionFailure("the second thread ended without a result") }
        return (one, two)
    }
}

/// Written by the second thread, read only after it was joined.
private final class SecondResult<Value>: @unchecked Sendable {
    var value: Value?
}

/// The second closure and its thread. The closure is dropped once the thread was joined: it must not
/// outlive the call (`withoutActuallyEscaping`).
private final class SecondThread: @unchecked Sendable {
    var body: (() -> Void)?
    #if canImport(Darwin)
    private var thread: pthread_t?
    #else
    private var thread = pthread_t()
    #endif

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        guard pthread_create(&thread, nil, runSecondThread, context) == 0 else {
            Unmanaged<SecondThread>.fromOpaque(context).release()
            return false
        }
        return true
    }

    func join() {
        #if canImport(Darwin)
        if let thread { pthread_join(thread, nil) }
        #else
        pthread_join(thread, nil)
        #endif
        body = nil
    }
}

private func runSecondThread(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let thread = Unmanaged<SecondThread>.fromOpaque(context!).takeRetainedValue()
    thread.body?()
    return nil
}
