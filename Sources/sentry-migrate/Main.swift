import ArgumentParser
import SentryModel

#if canImport(Glibc)
import Glibc
#endif

/// Runs the command and turns our errors into their documented exit codes, printed once on stderr.
@main
enum Main {
    static func main() async {
        #if canImport(Glibc)
        // One malloc arena. plan, verify and apply decode and compare on two threads at once
        // (`concurrently`); glibc gives each thread an arena of its own, where long-lived entities and
        // freed temporaries interleave, so apply's peak memory on the large organization varied with
        // the timing: 233 or 279 MB over two runs, 230 MB in three of three with one arena, at the same
        // CPU time (docs/performance.md).
        Self.useOneMallocArena()
        #endif
        do {
            var command = try SentryMigrate.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any ReportableError {
            Terminal.note(error.description)
            exit(error.exitStatus.rawValue)
        } catch {
            SentryMigrate.exit(withError: error)
        }
    }

    #if canImport(Glibc)
    /// `mallopt(M_ARENA_MAX, 1)`. Swift's Glibc module leaves out <malloc.h>, so the function is
    /// looked up by name; `M_ARENA_MAX` is -8 in glibc's malloc.h. Without it (another C library),
    /// nothing changes.
    private static func useOneMallocArena() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 1)
    }
    #endif
}
