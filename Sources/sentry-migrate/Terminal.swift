import Foundation
import SentryModel

#if canImport(Glibc)
import Glibc
#endif

/// Where the CLI writes: results on stdout, everything else (progress, warnings, errors) on stderr.
/// Errors arrive already rendered (`ReportableError.description`, DiagnosticRenderer) and go out as notes.
enum Terminal {
    static func warning(_ message: String) { printErr("warning: \(message)") }

    static func note(_ message: String) { printErr(message) }

    /// Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
    static var colourOnStandardOutput: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Whether stderr is a terminal (live progress) rather than a file or pipe (plain lines).
    static var isInteractive: Bool { isatty(STDERR_FILENO) != 0 }

    /// Every message may carry text from outside (names, paths, server errors): its own line breaks
    /// stay, any other control character is escaped (`TerminalText`), so nothing can rewrite the screen.
    private static func printErr(_ message: String) {
        // Results printed so far go out first, so a note never lands in the middle of them.
        fflush(nil)
        FileHandle.standardError.write(Data((TerminalText.lines(message) + "\n").utf8))
    }
}
