import ArgumentParser
import Foundation
import SentryModel

/// How `apply` and `status` report on standard output: for people, or JSON for scripts.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Prints `value` as the project's canonical JSON (sorted keys), ending in one newline.
    static func printJSON(_ value: some Encodable) throws {
        let text = String(decoding: try CanonicalJSON.bytes(of: value), as: UTF8.self)
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }

    /// Timestamps in JSON output: ISO 8601 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
