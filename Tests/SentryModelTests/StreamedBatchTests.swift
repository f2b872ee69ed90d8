import Foundation
import Testing

@testable import SentryModel

/// A streamed file's elements are decoded in batches, two halves at once: `each` must still get
/// them in file order, and a problem must be the first in the file, after `each` got every element
/// before it, whatever half or batch it is in.
@Suite struct StreamedBatchTests {
    struct Head: Decodable, Equatable {
        var name: String
        var items: [Item]
    }

    struct Item: Decodable, Equatable {
        var id: Int
        var label: String
    }

    private func text(count: Int, edit: (Int) -> String? = { _ in nil }, tail: String = "") -> String {
        let items = (0..<count).map { edit($0) ?? "{\n    \"id\": \($0),\n    \"label\": \"item \($0)\"\n  }" }
        return "{\n\"items\": [\n  " + items.joined(separator: ",\n  ") + "\n],\n\"name\": \"n\"\n}" + tail
    }

    private func read(_ text: String) throws -> (head: Head, items: [Item], error: StreamedJSONError?) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        var items: [Item] = []
        do {
            let (head, _) = try StreamedJSONFile.decode(
                path: path.path, head: Head.self, streaming: "items", element: Item.self, chunkSize: 4096
            ) { items.append($0) }
            return (head, items, nil)
        } catch let error as StreamedJSONError {
            return (Head(name: "", items: []), items, error)
        }
    }

    @Test(arguments: [0, 1, 31, 32, 20_000])
    func everyElementArrivesInOrder(count: Int) throws {
        let (head, items, error) = try read(text(count: count))
        #expect(error == nil)
        #expect(head == Head(name: "n", items: []))
        #expect(items == (0..<count).map { Item(id: $0, label: "item \($0)") })
    }

    @Test func theFirstProblemInTheFileIsToldAfterEveryElementBeforeIt() throws {
        // 20,000 elements of about 50 bytes are four batches of about 256 KB (some 5,100 elements
        // each): 8,100 and 8,300 fall in the second half of the second batch, 17,000 in the fourth.
        let broken: [Int: String] = [
            8_100: "{\"id\": \"x\", \"label\": \"a\"}", 8_300: "{\"id\": 1}",
            17_000: "{\"id\": 1, \"label\": \"b\", \"c\": 0}",
        ]
        let document = text(count: 20_000, edit: { broken[$0] })
        let (_, items, error) = try read(document)
        let failure = try #require(error)
        #expect(failure.path == "$.items[8100].id")
        #expect(failure.message == "expected an integer, found a string")
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(failure.line == (lines.firstIndex { $0.contains("\"x\"") }.map { $0 + 1 }))
        #expect(items.count == 8_100)
        #expect(items.last == Item(id: 8_099, label: "item 8099"))
    }

    @Test func aBadElementComesBeforeBrokenTextAfterIt() throws {
        let document = text(count: 100, edit: { $0 == 10 ? "{\"id\": 1, \"label\": 2}" : nil }, tail: " trailing")
        let failure = try #require(try read(document).error)
        #expect(failure.path == "$.items[10].label")
        let valid = try #require(try read(text(count: 100, tail: " trailing")).error)
        #expect(valid.message == "unexpected text after the end of the JSON object")
        let unterminated = String(
            text(count: 100, edit: { $0 == 10 ? "{\"id\": true, \"label\": \"\"}" : nil }).dropLast(40))
        #expect(try read(unterminated).error?.path == "$.items[10].id")
    }
}
