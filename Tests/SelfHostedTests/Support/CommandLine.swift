import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `sentry-migrate` binary, as an admin would, and captures what it printed.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum SentryMigrateBinary {
    /// The repository's root: commands run there, so relative fixture paths work.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Next to the test bundle in SwiftPM's build folder, whatever the scratch path (or `SENTRY_MIGRATE_BIN`).
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["SENTRY_MIGRATE_BIN"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("sentry-migrate")
    }

    /// `timeout` (seconds): a command still running then is killed, so a hang fails the test instead of
    /// hanging the suite (the status is then SIGKILL's).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL = repositoryRoot,
        timeout: Double? = nil
    ) throws -> CommandResult {
        try ChildProcess.run(url, arguments, environment: environment, in: directory, timeout: timeout)
    }
}

/// Runs a program to its end and captures what it printed. Its output goes to files, not pipes: a
/// pipe holds 64 KiB, so a child that fills stderr while the parent still reads stdout (or the
/// other way round) would block both for ever.
enum ChildProcess {
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:],
        in directory: URL = SentryMigrateBinary.repositoryRoot, timeout: Double? = nil
    ) throws -> CommandResult {
        try withTemporaryFolder { folder in
            let outURL = folder.appendingPathComponent("stdout")
            let errURL = folder.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            let out = try FileHandle(forWritingTo: outURL)
            let err = try FileHandle(forWritingTo: errURL)
            defer {
                try? out.close()
                try? err.close()
            }
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let pid = process.processIdentifier
            let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
            if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog) }
            defer { watchdog.cancel() }
            process.waitUntilExit()
            return CommandResult(
                status: process.terminationStatus,
                stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
        }
    }
}

/// A fresh folder under the system's temporary directory, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sm-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}
