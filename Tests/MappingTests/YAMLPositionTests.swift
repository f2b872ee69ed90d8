import SentryModel
import Testing
import Yams

@testable import Mapping

/// Diagnostics rely on Yams marks being 1-based lines and columns; this pins that convention.
@Suite struct YAMLPositionTests {
    @Test func marksAreOneBasedLinesAndColumns() throws {
        let root = try #require(try Yams.compose(yaml: "version: 1\nteams:\n  rename:\n    payments: billing\n"))
        let entries = try #require(root.mapping)
        let teams = try #require(entries["teams"])
        let rename = try #require(teams.mapping?["rename"])
        let (key, value) = try #require(rename.mapping?.first)
        #expect(NodeReader.position(of: key) == Position(line: 4, column: 5))
        #expect(NodeReader.position(of: value) == Position(line: 4, column: 15))
        #expect(NodeReader.position(of: root) == Position(line: 1, column: 1))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let root = try #require(try Yams.compose(yaml: "organization: {name: \"Äcme 🚀\", slug: x}\n"))
        let organization = try #require(root.mapping?["organization"]?.mapping)
        let slug = try #require(organization.first { $0.key.string == "slug" })
        // The text before `slug` is 31 scalars (35 UTF-8 bytes): columns count scalars.
        #expect(NodeReader.position(of: slug.key) == Position(line: 1, column: 32))
    }

    @Test func syntaxErrorsArePositioned() {
        #expect(
            messages("version: 1\nteams:\n  rename: [a\n")
                == [
                    "m.yaml:4:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 3:11)"
                ])
    }

    @Test func duplicateKeysAreReported() {
        #expect(
            messages("version: 1\nteams: {}\nteams: {}\n") == [
                "m.yaml:2:1: error: duplicate key 'teams' in one mapping"
            ])
    }
}
