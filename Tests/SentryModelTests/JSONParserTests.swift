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
        let node = try JSONParser.parse(Array(#"{"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00", "n": -12.5e3}"#.utf8))
        guard case .string(let text)? = node.member("s")?.value.value else {
            Issue.record("no string")
            return
        }
        #expect(text == "a\"b\\c/d\né😀")
        guard case .number(let number)? = node.member("n")?.value.value else {
            Issue.record("no number")
            return
        }
        #expect(number == "-12.5e3")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(parseError(text)?.message.contains("nested too deeply") == true)
    }

    @Test func printerSortsKeysEscapesOnlyWhatItMustAndEndsWithNewline() throws {
        let node = try JSONParser.parse(Array(#"{"b": ["x/y", "é😀", "q\"\\", "\u0001\t"], "a": {}, "c": []}"#.utf8))
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
        let once = JSONPrinter.print(try JSONParser.parse(Array(text.utf8)))
        let twice = JSONPrinter.print(try JSONParser.parse(once))
        #expect(once == twice)
    }

    @Test func jsonPathsQuoteKeysThatAreNotIdentifiers() {
        let path: JSONPath = [.index(3), .key("teams"), .index(0), .key("slug")]
        #expect(path.rendered == "$[3].teams[0].slug")
        #expect(([.key("files"), .key("secrets/keys.json")] as JSONPath).rendered == #"$.files["secrets/keys.json"]"#)
    }
}
