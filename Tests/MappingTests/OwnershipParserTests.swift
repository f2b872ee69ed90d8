import Foundation
import SentryModel
import Testing

@testable import Mapping

/// The parser must read ownership rules exactly as Sentry's grammar does.
@Suite struct OwnershipParserTests {
    struct OracleFile: Decodable {
        struct Entry: Decodable {
            var text: String
            var sentry: Parse
        }
        struct Parse: Decodable {
            var ok: Bool
            var rules: [Rule]?
        }
        struct Rule: Decodable, Equatable {
            var type: String
            var pattern: [Int]
            var owners: [[Owner]]
        }
        enum Owner: Decodable, Equatable {
            case offset(Int)
            case team(Bool)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let flag = try? container.decode(Bool.self) {
                    self = .team(flag)
                } else {
                    self = .offset(try container.decode(Int.self))
                }
            }
        }
        var documents: [Entry]
    }

    static func ours(_ text: String) -> (ok: Bool, rules: [OracleFile.Rule]) {
        let document = OwnershipDocument(parsing: text)
        let rules = document.rules.map { rule in
            OracleFile.Rule(
                type: rule.matcherType, pattern: [rule.pattern.lowerBound, rule.pattern.upperBound],
                owners: rule.owners.map {
                    [.offset($0.range.lowerBound), .offset($0.range.upperBound), .team($0.isTeam)]
                })
        }
        return (document.unparsed.isEmpty, rules)
    }

    @Test func agreesWithSentrysGrammarOnTheOracleCorpus() throws {
        let data = try Data(
            contentsOf: repositoryRoot.appendingPathComponent(
                "Tests/MappingTests/Fixtures/ownership-oracle/sentry-grammar-corpus.json"))
        let corpus = try JSONDecoder().decode(OracleFile.self, from: data)
        #expect(corpus.documents.count == 600)
        var rejected = 0
        for entry in corpus.documents {
            let (ok, rules) = Self.ours(entry.text)
            #expect(ok == entry.sentry.ok, "\(entry.text.debugDescription)")
            if entry.sentry.ok {
                #expect(rules == entry.sentry.rules, "\(entry.text.debugDescription)")
            } else {
                rejected += 1
            }
        }
        // The corpus mixes in lines Sentry rejects; make sure both kinds are really there.
        #expect(rejected > 50 && rejected < 200)
    }

    @Test func readsSentrysOwnGrammarTestFixture() throws {
        struct Examples: Decodable {
            struct Schema: Decodable { var rules: [Rule] }
            struct Rule: Decodable {
                var matcher: [String: String]
                var owners: [[String: String]]
            }
            var raw: String
            var dump_schema_of_parsed_rules: Schema
        }
        let data = try Data(
            contentsOf: repositoryRoot.appendingPathComponent(
                "Tests/MappingTests/Fixtures/ownership-grammar-examples.json"))
        let examples = try JSONDecoder().decode(Examples.self, from: data)
        let document = OwnershipDocument(parsing: examples.raw)
        #expect(document.unparsed.isEmpty)
        let expected = examples.dump_schema_of_parsed_rules.rules
        try #require(document.rules.count == expected.count)
        for (rule, schema) in zip(document.rules, expected) {
            #expect(rule.matcherType == schema.matcher["type"])
            var pattern = document.string(rule.pattern)
            if pattern.hasPrefix("\"") { pattern = String(pattern.dropFirst().dropLast()) }
            #expect(pattern == schema.matcher["pattern"])
            let owners = rule.owners.map {
                [
                    "type": $0.isTeam ? "team" : "user",
                    "identifier": $0.isTeam ? $0.identifier : $0.identifier.lowercased(),
                ]
            }
            #expect(owners == schema.owners)
        }
    }

    @Test func tagsTypesMaySpanSpacesAndLines() {
        let document = OwnershipDocument(parsing: "tags.foo bar:baz #team\ntags.x #t\nurl:http://x #backend\n")
        #expect(document.rules.map(\.matcherType) == ["tags.foo bar", "tags.x #t\nurl"])
        #expect(document.rules.map { $0.owners.map(\.identifier) } == [["team"], ["backend"]])
    }

    @Test func committedChoicesRejectWhatSentryRejects() {
        #expect(OwnershipDocument(parsing: "url: spaced #a\n").unparsed == [0..<15])
        #expect(OwnershipDocument(parsing: "*.js #a\n*.js\t#b\n*.py #c").unparsed == [12..<16])
        #expect(OwnershipDocument(parsing: "*.py #c").rules[0].owners.count == 1)
        // `pathology:x` is a path pattern, not a `path:` matcher with pattern `ology:x`.
        #expect(OwnershipDocument(parsing: "pathology:x #a").rules[0].matcherType == "path")
    }

    @Test func aHashAfterSpacesEndsTheRuleAndStartsAComment() {
        let document = OwnershipDocument(parsing: "*.js #a # note\n*.ts #a #note\n")
        #expect(document.rules.map { $0.owners.map(\.identifier) } == [["a"], ["a", "note"]])
    }

    @Test func positionsCountLinesAndScalars() {
        let document = OwnershipDocument(parsing: "a #x\r\nü #y\rz #w")
        let starts = document.rules.flatMap(\.owners).map { document.position(of: $0.range.lowerBound) }
        #expect(starts == [Position(line: 1, column: 3), Position(line: 2, column: 3), Position(line: 3, column: 3)])
    }
}
