#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc gives each thread an arena of its own. apply reads its snapshot on two threads
/// (`concurrently`), and in the second thread's arena long-lived entities and freed temporaries
/// interleave: apply's peak memory on the large organization varied with the timing (227, 273 and
/// 228 MB over three runs; budget 256) and was 228 MB in three of three runs with one arena, at the
/// same CPU time.
/// plan and verify keep glibc's default: one arena made them about 15 % slower (their two threads
/// then wait for each other's allocations) and their peak is far from the budget (docs/performance.md).
enum MallocArena {
    /// `mallopt(M_ARENA_MAX, 1)`, before the command starts its threads. Swift's Glibc module leaves
    /// out <malloc.h>, so the function is looked up by name (`M_ARENA_MAX` is -8 there); with another
    /// C library nothing changes.
    static func useOne() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 1)
        #endif
    }

    /// `mallopt(M_MMAP_THRESHOLD, 4 MiB)`: blocks of 4 MiB or more (a large plan's lists, indexes and
    /// copies) get pages of their own, given back when freed. By default glibc raises that threshold to
    /// the size of each such block freed (up to 32 MiB), after which those lists came from the heap, and
    /// what they left there when freed stayed resident: 285 MB against 258 MB peak RSS for apply at
    /// xlarge, at the same CPU time (docs/performance.md, tenth session). `M_MMAP_THRESHOLD` is -3.
    static func mapLargeBlocks() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 4 << 20)
        #endif
    }

    /// `malloc_trim(0)`: hands the pages of freed memory back to the kernel, in every arena. Called
    /// between a command's phases (the plan made, before the rehearsal writes it): what the first phase
    /// freed on its second thread's arena is otherwise still resident while the next phase, on the main
    /// thread's arena, cannot reuse it (docs/performance.md, tenth session).
    static func releaseFreedPages() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
