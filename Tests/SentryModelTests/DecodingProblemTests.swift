import Foundation
import Testing

@testable import SentryModel

/// One wording and one JSON path for a decoding error, whichever decoder threw it.
@Suite struct DecodingProblemTests {
    struct Team: Decodable { var slug: String; var members: [Member] }
    struct Member: Decodable { var id: Int }
    struct Organization: Decodable { var teams: [Team] }

    private func foundationProblem(_ json: String) throws -> DecodingProblem {
        do {
            _ = try JSONDecoder().decode(Organization.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            return DecodingProblem(error)
        }
        Issue.record("\(json) decoded")
        throw CancellationError()
    }

    private func strictProblem(_ json: String) throws -> FieldProblem {
        let node = try JSONParser.parse(Array(json.utf8))
        let problems = StrictDecoder.decode(Organization.self, from: node, at: []).problems
        return try #require(problems.first)
    }

    @Test func aWrongTypeNamesEveryArrayIndexOnTheWay() throws {
        let json = #"{"teams": [{"slug": "a", "members": []}, {"slug": "b", "members": [{"id": 1}, {"id": "2"}]}]}"#
        let foundation = try foundationProblem(json)
        #expect(foundation.path.rendered == "$.teams[1].members[1].id")
        #expect(foundation.summary.hasPrefix("expected to decode Int but found a string"))
        let strict = try strictProblem(json)
        #expect(strict.path.rendered == "$.teams[1].members[1].id")
        #expect(strict.message == "expected an integer, found a string")
    }

    @Test func aMissingFieldIsNamedAtItsOwnPathInTheSameWords() throws {
        let json = #"{"teams": [{"slug": "a", "members": []}, {"members": []}]}"#
        let foundation = try foundationProblem(json)
        #expect(foundation.description == "$.teams[1].slug: missing required field 'slug'")
        let strict = try strictProblem(json)
        #expect("\(strict.path.rendered): \(strict.message)" == foundation.description)
    }

    @Test func aNullIsNamedAtItsPath() throws {
        let foundation = try foundationProblem(#"{"teams": [{"slug": null, "members": []}]}"#)
        #expect(foundation.path.rendered == "$.teams[0].slug")
        #expect(!foundation.summary.isEmpty && foundation.summary.first?.isLowercase == true)
    }

    @Test func textThatIsNotJSONSaysWhy() throws {
        let foundation = try foundationProblem(#"{"teams": [}"#)
        #expect(foundation.path.isEmpty)
        // Foundation's decoder may or may not say where in an underlying error; when it does, it is kept.
        #expect(foundation.summary.hasPrefix("the given data was not valid JSON"))
    }

    @Test func anObjectKeyThatLooksLikeAnIndexStaysAKey() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { (self.stringValue, self.intValue) = (String(intValue), intValue) }
        }
        let error = DecodingError.typeMismatch(
            Int.self, .init(codingPath: [Key(stringValue: "Index 3"), Key(intValue: 7)!], debugDescription: "x"))
        #expect(DecodingProblem(error).path == [.key("Index 3"), .key("7")])
    }
}
