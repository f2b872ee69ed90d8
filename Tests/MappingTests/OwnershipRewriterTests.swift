import Foundation
import SentryModel
import Testing

@testable import Mapping

/// Rewriting changes owner tokens and nothing else.
@Suite struct OwnershipRewriterTests {
    static func noOp(_ text: String) -> String {
        OwnershipRewriter.rewrite(text, unknownOwners: .error) { _ in .keep }.text
    }

    /// Every rule text Sentry's grammar tests use (raw fixture and `str()` examples).
    static func sentryExamples() throws -> [String] {
        struct Examples: Decodable {
            var raw: String
            var test_str_schema_verbatim: [String: String]
        }
        let data = try Data(
            contentsOf: repositoryRoot.appendingPathComponent(
                "Tests/MappingTests/Fixtures/ownership-grammar-examples.json"))
        let examples = try JSONDecoder().decode(Examples.self, from: data)
        return [examples.raw] + examples.test_str_schema_verbatim.keys.sorted()
    }

    @Test func noOpKeepsSentrysExamplesByteForByte() throws {
        let examples = try Self.sentryExamples()
        #expect(examples.count == 6)
        for text in examples {
            #expect(Array(Self.noOp(text).utf8) == Array(text.utf8))
        }
    }

    @Test func noOpKeepsTheOracleCorpusByteForByte() throws {
        struct Corpus: Decodable {
            struct Entry: Decodable { var text: String }
            var documents: [Entry]
        }
        let data = try Data(
            contentsOf: repositoryRoot.appendingPathComponent(
                "Tests/MappingTests/Fixtures/ownership-oracle/sentry-grammar-corpus.json"))
        for entry in try JSONDecoder().decode(Corpus.self, from: data).documents {
            #expect(Array(Self.noOp(entry.text).utf8) == Array(entry.text.utf8))
        }
    }

    @Test func noOpKeepsALargeGeneratedSetByteForByte() {
        let documents = OwnershipCorpus.documents(count: 600, seed: 7)
        let rules = documents.map { OwnershipDocument(parsing: $0).rules.count }.reduce(0, +)
        #expect(rules > 5_000)
        for text in documents {
            #expect(Array(Self.noOp(text).utf8) == Array(text.utf8))
        }
    }

    /// Renames every team and e-mail; the text outside owner tokens must be unchanged, and each
    /// token must be exactly its mapped value.
    @Test func renamesChangeOnlyOwnerTokens() {
        let documents = OwnershipCorpus.documents(count: 300, seed: 11)
        for text in documents {
            let rewrite = OwnershipRewriter.rewrite(text, unknownOwners: .error) { owner in
                owner.isTeam ? .replace("#new-\(owner.identifier)") : .replace("moved." + owner.identifier.lowercased())
            }
            #expect(skeleton(rewrite.text) == skeleton(text))
            let before = OwnershipDocument(parsing: text).rules
            let after = OwnershipDocument(parsing: rewrite.text)
            #expect(after.rules.count == before.count)
            for (old, new) in zip(before, after.rules) {
                #expect(
                    new.owners.map(\.identifier)
                        == old.owners.map {
                            $0.isTeam ? "new-\($0.identifier)" : "moved." + $0.identifier.lowercased()
                        })
                #expect(new.owners.map(\.isTeam) == old.owners.map(\.isTeam))
            }
        }
    }

    @Test func renameKeepsCommentsQuotingSpacingAndLineBreaks() {
        let text =
            "# #frontend owns the UI\r\n  \"src/my dir/*\"   #frontend  Alice@ACME.io # note\r\n\r\ntags.a b:\"x y\" #frontend"
        let rewrite = OwnershipRewriter.rewrite(text, unknownOwners: .error) { owner in
            owner.isTeam ? .replace("#web") : .replace("alice@acme.com")
        }
        #expect(
            rewrite.text
                == "# #frontend owns the UI\r\n  \"src/my dir/*\"   #web  alice@acme.com # note\r\n\r\ntags.a b:\"x y\" #web"
        )
        #expect(
            rewrite.changes.map { "\($0.position) \($0.from) → \($0.to ?? "-")" } == [
                "2:20 #frontend → #web", "2:31 Alice@ACME.io → alice@acme.com", "4:16 #frontend → #web",
            ])
    }

    @Test func droppingRemovesTheTokenAndTheSpacesBeforeIt() {
        let text = "*.js   #gone  #kept   gone@acme.io\n\"a b\"#gone #kept\n"
        let rewrite = OwnershipRewriter.rewrite(text, unknownOwners: .drop) { owner in
            owner.identifier.hasPrefix("gone") ? .unknown("not here") : .keep
        }
        #expect(rewrite.text == "*.js  #kept\n\"a b\" #kept\n")
        #expect(rewrite.changes.map(\.from) == ["#gone", "gone@acme.io", "#gone"])
        #expect(rewrite.unknownOwners.isEmpty)
    }

    @Test func errorAndKeepPoliciesLeaveUnknownOwnersAndReportThem() {
        for policy in [UnknownOwnerPolicy.error, .keep] {
            let rewrite = OwnershipRewriter.rewrite("*.js #gone #kept\n", unknownOwners: policy) { owner in
                owner.identifier == "gone" ? .unknown("not here") : .keep
            }
            #expect(rewrite.text == "*.js #gone #kept\n")
            #expect(rewrite.unknownOwners.map(\.token) == ["#gone"])
            #expect(rewrite.unknownOwners.map(\.position) == [Position(line: 1, column: 6)])
        }
    }

    @Test func aRuleWithNoOwnerLeftBecomesAComment() {
        let text = "path:src/*  #gone\n*.js #kept\ntags.a #x\nb:c #gone\n"
        let rewrite = OwnershipRewriter.rewrite(text, unknownOwners: .drop) { owner in
            owner.identifier == "gone" ? .unknown("not here") : .keep
        }
        #expect(rewrite.text == "# path:src/*  #gone\n*.js #kept\n# tags.a #x\n# b:c #gone\n")
        #expect(rewrite.commentedOut == [Position(line: 1, column: 1), Position(line: 3, column: 1)])
        // The commented-out text is a comment to Sentry too.
        #expect(OwnershipDocument(parsing: rewrite.text).rules.count == 1)
    }

    @Test func mergedTeamsAreNotListedTwice() {
        let rewrite = OwnershipRewriter.rewrite("*.js #infra #sre  #platform #infra\n", unknownOwners: .error) {
            owner in
            ["infra", "sre"].contains(owner.identifier) ? .replace("#platform") : .keep
        }
        #expect(rewrite.text == "*.js #platform\n")
        // The original duplicate (#platform written twice by a person) is not ours to remove.
        let untouched = OwnershipRewriter.rewrite("*.js #a #a\n", unknownOwners: .error) { _ in .keep }
        #expect(untouched.text == "*.js #a #a\n")
    }
}
