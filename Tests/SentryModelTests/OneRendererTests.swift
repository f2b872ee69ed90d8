import Foundation
import Testing

@testable import SentryModel

/// Errors have one shape: no source file but the renderer writes a `hint:`/`next:` label (or the
/// other labels an error once carried on its own lines) into text.
@Suite struct OneRendererTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")
    static let renderer = "SentryModel/Diagnostics/"

    /// The string literals of one line of Swift (good enough for this check: no multi-line literals
    /// hold such labels).
    static func literals(in line: Substring) -> [Substring] {
        line.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
            .map(\.element)
    }

    @Test func noSourceFileButTheRendererLabelsANextStep() throws {
        let labels = try Regex(#"(^|\\n|\s)(hint|next|why|what to do):\s"#)
        var offenders: [String] = []
        let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        for case let path as String in files where path.hasSuffix(".swift") && !path.hasPrefix(Self.renderer) {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("//") { continue }
                if Self.literals(in: line).contains(where: { $0.contains(labels) }) {
                    offenders.append("Sources/\(path):\(number + 1): \(trimmed)")
                }
            }
        }
        #expect(offenders.isEmpty, "labels outside DiagnosticRenderer:\n\(offenders.joined(separator: "\n"))")
    }

    @Test func theCheckFindsALabel() throws {
        let labels = try Regex(#"(^|\\n|\s)(hint|next|why|what to do):\s"#)
        #expect(Self.literals(in: #"    "\(path): bad\n    hint: check it""#).contains { $0.contains(labels) })
        #expect(!Self.literals(in: #"    Diagnostic("bad", next: "check it")"#).contains { $0.contains(labels) })
    }
}
