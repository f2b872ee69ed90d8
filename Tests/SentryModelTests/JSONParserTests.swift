import Testing

@testable import SentryModel

@Suite struct JSONParserTests {
    private func parseError(_ text: String) -> (line: Int, column: Int, message: String)? {
        let bytes = Array(text.utf8)
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            let position = JSONLineIndex(bytes).position(of: error.offset)
            return (position.line, position.column, error.message)
        }
    }

    @Test(arguments: [
        ("[1,]", 1, 4, "expected a value"),
        ("{\"a\": 1,}", 1, 9, "field name"),
        ("[1] // comment", 1, 5, "after the end"),
        ("[01]", 1, 2, "leading zero"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate field 'a'"),
        ("[\"tab\there\"]", 1, 6, "control character"),
        ("[\"\\x\"]", 1, 3, "invalid escape"),
        ("[\"\\ud800\"]", 1, 3, "surrogate"),
        ("[tru]", 1, 2, "invalid literal"),
        ("[1.]", 1, 4, "digit after '.'"),
        ("{\n  \"é😀\": [\n    1\n    2\n  ]\n}", 4, 5, "',' or ']'"),
        ("[\n  \"unterminated", 2, 16, "unterminated"),
        ("", 1, 1, "end of file"),
    ])
    func rejectsWithPosition(text: String, line: Int, column: Int, fragment: String) throws {
        let failure = try #require(parseError(text))
        #expect(failure.line == line)
        #expect(failure.column == column)
        #expect(failure.message.contains(fragment), "\(failure.message)")
    }

    @Test func rejectsInvalidUTF8AtItsByte() throws {
        var bytes = Array("[\"ok\",\n \"".utf8)
        bytes += [0xc3, 0x28, UInt8(ascii: "\""), UInt8(ascii: "]")]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        #expect(JSONParser.firstInvalidUTF8(in: bytes) == 9)
    }

    @Test func decodesEscapesAndKeepsNumbersAsWritten() throws {
        let document = try JSONParser.parse(Array(#"{"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00", "n": -12.5e3}"#.utf8))
        let string = try #require(document.member("s", of: document.root))
        #expect(document.string(at: string) == "a\"b\\c/d\né😀")
        let number = try #require(document.member("n", of: document.root))
        #expect(document.withTape { $0.numberText(at: number) } == "-12.5e3")
    }

    @Test func findsKeysWrittenWithEscapesAndRefusesThemTwice() throws {
        let document = try JSONParser.parse(Array(#"{"\u0061b": 1, "c": "\u00e9"}"#.utf8))
        #expect(document.member("ab", of: document.root) != nil)
        #expect(document.string(at: try #require(document.member("c", of: document.root))) == "é")
        #expect(parseError(#"{"ab": 1, "\u0061b": 2}"#)?.message.contains("duplicate field 'ab'") == true)
        // Past the size where keys go into a set, duplicates are still found.
        let many = (0..<40).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ")
        #expect(parseError("{\(many), \"k\\u0033\": 0}")?.message.contains("duplicate field 'k3'") == true)
        #expect(parseError("{\(many)}") == nil)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(parseError(text)?.message.contains("nested too deeply") == true)
    }

    @Test func printerSortsKeysEscapesOnlyWhatItMustAndEndsWithNewline() throws {
        let node = try JSONParser.parse(Array(#"{"b": ["x/y", "é😀", "q\"\\", "\u0001\t"], "a": {}, "c": []}"#.utf8))
            .node()
        let printed = String(decoding: JSONPrinter.print(node), as: UTF8.self)
        let expected = """
            {
              "a": {},
              "b": [
                "x/y",
                "é😀",
                "q\\"\\\\",
                "\\u0001\\t"
              ],
              "c": []
            }

            """
        #expect(printed == expected)
    }

    @Test func printedOutputParsesBackToTheSameBytes() throws {
        let text = #"{"z": [true, false, null, 0, -1.5], "y": {"nested": {"k": "v\n"}}}"#
        let once = JSONPrinter.print(try JSONParser.parse(Array(text.utf8)).node())
        let twice = JSONPrinter.print(try JSONParser.parse(once).node())
        #expect(once == twice)
    }

    @Test func jsonPathsQuoteKeysThatAreNotIdentifiers() {
        let path: JSONPath = [.index(3), .key("teams"), .index(0), .key("slug")]
        #expect(path.rendered == "$[3].teams[0].slug")
        #expect(([.key("files"), .key("secrets/keys.json")] as JSONPath).rendered == #"$.files["secrets/keys.json"]"#)
    }
}
