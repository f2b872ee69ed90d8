import Foundation
import SentryModel

@testable import Mapping

/// Generates ownership-rule files the way people write them: random spacing, quoting, comments,
/// blank lines, CRLF, `tags.` matchers, upper-case e-mails, trailing comments.
enum OwnershipCorpus {
    static let teams = ["frontend", "backend", "payments", "infra", "sre", "data-eng", "team_42", "x"]
    static let emails = ["alice@acme.io", "Bob@Acme.io", "carol.d@acme.io", "e+tag@sub.acme.io", "ünï@acme.io"]

    static func documents(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in document(&random) }
    }

    static func document(_ random: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...20, using: &random) {
            text += line(&random) + ["\n", "\n", "\n", "\r\n", "\n\n"].randomElement(using: &random)!
        }
        return Bool.random(using: &random) ? text : String(text.dropLast())
    }

    static func spaces(_ range: ClosedRange<Int>, _ random: inout SplitMix64) -> String {
        String(repeating: " ", count: Int.random(in: range, using: &random))
    }

    static func line(_ random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            return spaces(0...3, &random) + "# " + ["owners below", "#frontend is the team", "ünï"].randomElement(
                using: &random)!
        case 1: return spaces(0...2, &random)
        default:
            var rule = spaces(0...3, &random) + matcher(&random)
            // Distinct owners: a person rarely lists one twice, and a rename keeps distinct ones distinct.
            let owners = (teams.map { "#" + $0 } + emails).shuffled(using: &random)
            for owner in owners.prefix(Int.random(in: 1...4, using: &random)) {
                rule += spaces(1...4, &random) + owner
            }
            return rule + ["", "", " ", "   ", " # note"].randomElement(using: &random)!
        }
    }

    static func matcher(_ random: inout SplitMix64) -> String {
        let plain = ["*.js", "src/**", "/api/*", "app/models/*.py", "ü/*.ts", "http://acme.io/*", "foo.bar"]
        let quoted = ["\"src/my dir/*\"", "\"a b c\"", "\"with \\\"escaped\\\" quotes\"", "\"\""]
        let pattern = (Int.random(in: 0..<3, using: &random) == 0 ? quoted : plain).randomElement(using: &random)!
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return pattern
        case 1:
            return "tags." + ["transaction", "user.email", "browser name"].randomElement(using: &random)! + ":"
                + pattern
        default: return ["url", "path", "module", "codeowners"].randomElement(using: &random)! + ":" + pattern
        }
    }
}

/// The text with every owner token cut out: what a rewrite must leave untouched.
func skeleton(_ text: String) -> String {
    let document = OwnershipDocument(parsing: text)
    var pieces: [String] = []
    var cursor = 0
    for owner in document.rules.flatMap(\.owners) {
        pieces.append(document.string(cursor..<owner.range.lowerBound))
        cursor = owner.range.upperBound
    }
    pieces.append(document.string(cursor..<document.text.count))
    return pieces.joined(separator: "\u{0}")
}
