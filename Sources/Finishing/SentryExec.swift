import Foundation
import SentryModel

/// One line of the script's report (see `FinishScript`).
public struct FinishOutcome: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case ok, sent, skipped, missing, failed
    }

    public var status: Status
    public var item: String
    public var detail: String
}

/// What running the script inside Sentry gave.
public struct FinishReport: Sendable, Hashable {
    public var outcomes: [FinishOutcome]
    /// Lines of standard output that were not report lines (Sentry's own output; not shown, since a
    /// mail backend that prints mail would print invitation links, which let anyone join).
    public var otherLines: Int
    /// The command's exit status.
    public var status: Int32

    public func count(_ status: FinishOutcome.Status) -> Int { outcomes.count { $0.status == status } }

    /// Report lines in `output`; anything else is counted, not kept.
    static func parse(_ output: String, status: Int32) -> FinishReport {
        var outcomes: [FinishOutcome] = []
        var other = 0
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, parts[0] == FinishScript.marker, let kind = FinishOutcome.Status(rawValue: parts[1])
            else {
                other += 1
                continue
            }
            outcomes.append(FinishOutcome(status: kind, item: parts[2], detail: parts[3]))
        }
        return FinishReport(outcomes: outcomes, otherLines: other, status: status)
    }
}

/// Runs a script inside Sentry through a command that reads it on standard input (`sentry exec`,
/// for docker compose `docker compose exec -T web sentry exec`), given to `/bin/sh -c` as written.
/// Its standard error goes straight to ours; its standard output is read for report lines.
public enum SentryExec {
    public static func run(command: String, script: String) throws -> FinishReport {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw FinishCommandError(command: command, reason: "could not start /bin/sh: \(error.localizedDescription)")
        }
        // The script is written while the output is read, so that neither side waits on a full pipe.
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(script.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return FinishReport.parse(String(decoding: data, as: UTF8.self), status: process.terminationStatus)
    }
}

/// The command that should run the script inside Sentry did not run it.
public struct FinishCommandError: ReportableError {
    public var command: String
    public var reason: String

    public init(command: String, reason: String) {
        self.command = command
        self.reason = reason
    }

    public var exitStatus: ExitStatus { .unavailable }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "finish could not run its script inside Sentry through `\(command)`: \(reason)",
                next: "Run it where that command works (for docker compose: in the self-hosted checkout, with the "
                    + "web service up), or give --command; --print-script prints the script to run by hand.")
        ]
    }
}
