import Foundation
import Testing

@testable import SentryModel

/// The strict decoder over a parsed document: exact numbers, every unknown field with its path and
/// position, and paths that start where the decoded value is in its file.
@Suite struct StrictDecoderTests {
    struct Numbers: Decodable, Equatable {
        var small: Int8
        var unsigned: UInt64
        var wide: Int64
        var real: Double
        var optional: Int64?
    }

    struct Member: Decodable { var id: Int }
    struct Team: Decodable { var slug: String; var members: [Member] }

    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> (T?, [FieldProblem]) {
        let document = try JSONParser.parse(Array(json.utf8))
        return StrictDecoder.decode(type, from: document, at: [])
    }

    @Test func integersAreExactAtTheEdgesOfTheirTypes() throws {
        let json = #"""
            {"small": -128, "unsigned": 18446744073709551615, "wide": -9223372036854775808, "real": -1.5e3, "optional": null}
            """#
        let (value, problems) = try decode(Numbers.self, json)
        #expect(problems.isEmpty)
        #expect(value == Numbers(small: -128, unsigned: .max, wide: .min, real: -1500, optional: nil))
    }

    @Test(arguments: [
        (#""small": 128"#, "expected an integer from -128 to 127, found 128"),
        (#""small": 1.0"#, "expected an integer from -128 to 127, found 1.0"),
        (#""small": 1e2"#, "expected an integer from -128 to 127, found 1e2"),
        (#""small": "1""#, "expected an integer, found a string"),
        (#""small": true"#, "expected an integer, found true or false"),
    ])
    func anIntegerThatDoesNotFitIsRefusedAtItsPath(field: String, message: String) throws {
        let json = #"{"unsigned": 0, "wide": 0, "real": 0, "# + field + "}"
        let (value, problems) = try decode(Numbers.self, json)
        #expect(value == nil)
        let problem = try #require(problems.first)
        #expect(problem.path.rendered == "$.small")
        #expect(problem.message == message)
        let valueText = field.components(separatedBy: ": ")[1]
        #expect(problem.offset == json.utf8.count - 1 - valueText.utf8.count)
    }

    @Test func minusZeroAndLongNumbersGoTheGeneralWay() throws {
        let (value, problems) = try decode(
            Numbers.self, #"{"small": -0, "unsigned": 123456789012345678901, "wide": 1, "real": 0}"#)
        #expect(value == nil)
        #expect(
            problems.first?.message == "expected an integer from 0 to 18446744073709551615, found 123456789012345678901"
        )
        let unsigned = try decode(Numbers.self, #"{"small": -0, "unsigned": -0, "wide": 1, "real": 0}"#)
        #expect(unsigned.0?.unsigned == 0 && unsigned.0?.small == 0)
    }

    @Test func everyUnknownFieldIsReportedInFileOrderWithoutLookingInsideIt() throws {
        let json = #"{"slug": "a", "x": 1, "members": [{"id": 1, "y": {"z": 2}}], "w": [{"v": 1}]}"#
        let (value, problems) = try decode(Team.self, json)
        #expect(value == nil)
        #expect(problems.map(\.path.rendered) == ["$.x", "$.members[0].y", "$.w"])
        #expect(problems.map(\.message) == ["unknown field 'x'", "unknown field 'y'", "unknown field 'w'"])
        #expect(problems.map(\.offset) == [#""x""#, #""y""#, #""w""#].map { offset(of: $0, in: json) })
    }

    @Test func anElementDecodedAloneHasItsFilePath() throws {
        let document = try JSONParser.parse(
            Array(#"[{"slug": "a", "members": []}, {"slug": "b", "members": [{"id": "1"}]}]"#.utf8))
        let elements = document.elements(of: document.root)
        #expect(elements.count == 2)
        let first = StrictDecoder.decode(Team.self, from: document, index: elements[0], at: [.index(0)])
        #expect(first.value?.slug == "a" && first.problems.isEmpty)
        let second = StrictDecoder.decode(Team.self, from: document, index: elements[1], at: [.index(1)])
        #expect(second.value == nil)
        #expect(second.problems.map(\.path.rendered) == ["$[1].members[0].id"])
        #expect(second.problems.first?.message == "expected an integer, found a string")
    }

    @Test func aLargeDictionaryAndFieldsAskedOutOfFileOrderDecodeExactly() throws {
        let entries = (0..<5_000).map { (key: "teams/t\($0)", value: $0 * 7) }
        let json = "{" + entries.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
        let (value, problems) = try decode([String: Int].self, json)
        #expect(problems.isEmpty)
        #expect(value == Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) }))
        // Team asks for slug, then members: the reverse of this file's order, twice over.
        let teams = try decode([Team].self, #"[{"members": [{"id": 2}], "slug": "b"}, {"members": [], "slug": "c"}]"#)
        #expect(teams.1.isEmpty)
        #expect(teams.0?.map(\.slug) == ["b", "c"])
        #expect(teams.0?.first?.members.first?.id == 2)
    }

    @Test func keysWithEscapesAreTheFieldsTheyName() throws {
        let (value, problems) = try decode(Member.self, #"{"\u0069d": 7}"#)
        #expect(problems.isEmpty)
        #expect(value?.id == 7)
    }
}

/// The byte offset of the first `needle` in `text`.
private func offset(of needle: String, in text: String) -> Int? {
    text.range(of: needle).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
}
