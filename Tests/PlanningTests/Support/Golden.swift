import Foundation
import Testing

@testable import Planning

/// Golden files under Tests/PlanningTests/Golden. A mismatch fails with a line diff; run with
/// `UPDATE_GOLDEN=1` to rewrite the files after a deliberate change (then review `git diff`).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(name) is missing; run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let diff = ValueText.lineDiff(before: expected, after: actual).filter { !$0.hasPrefix("  ") }
            let shown = Array(diff.prefix(40)).joined(separator: "\n")
            Issue.record(
                Comment(
                    rawValue: "output differs from \(name) (- golden, + actual); UPDATE_GOLDEN=1 rewrites it:\n\(shown)"
                ),
                sourceLocation: sourceLocation)
        }
    }
}
