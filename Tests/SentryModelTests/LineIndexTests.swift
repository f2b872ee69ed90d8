import Testing

@testable import SentryModel

/// One line index for JSON bytes and ownership text; each keeps the line breaks it was built for.
@Suite struct LineIndexTests {
    private func scalarPositions(_ text: String, _ offsets: [Int]) -> [String] {
        let index = LineIndex<AnyNewlineBreaks>(Array(text.unicodeScalars))
        return offsets.map {
            let p = index.position(of: $0); return "\(p.line):\(p.column)"
        }
    }

    private func bytePositions(_ text: String, _ offsets: [Int]) -> [String] {
        let index = JSONLineIndex(Array(text.utf8))
        return offsets.map {
            let p = index.position(of: $0); return "\(p.line):\(p.column)"
        }
    }

    @Test func everyKindOfLineBreakEndsALineInOwnershipText() {
        // a \r\n b \r c \n d: offsets of a, \r, \n, b, \r, c, \n, d.
        #expect(
            scalarPositions("a\r\nb\rc\nd", [0, 1, 2, 3, 4, 5, 6, 7])
                == ["1:1", "1:2", "1:3", "2:1", "2:2", "3:1", "3:2", "4:1"])
    }

    @Test func onlyNewlineEndsALineInJSON() {
        #expect(bytePositions("a\r\nb\rc\nd", [0, 3, 4, 5, 7]) == ["1:1", "2:1", "2:2", "2:3", "3:1"])
    }

    @Test func firstAndLastLineAndTheEndOfTheText() {
        for positions in [scalarPositions("ab\ncd", [0, 1, 3, 4, 5]), bytePositions("ab\ncd", [0, 1, 3, 4, 5])] {
            #expect(positions == ["1:1", "1:2", "2:1", "2:2", "2:3"])
        }
        // After a final line break the end is the start of one more, empty line.
        #expect(scalarPositions("ab\r\n", [4]) == ["2:1"])
        #expect(scalarPositions("ab\r", [3]) == ["2:1"])
        #expect(bytePositions("ab\n", [3]) == ["2:1"])
        // Offsets past either end are taken as the end or the start.
        #expect(bytePositions("ab\ncd", [99, -4]) == ["2:3", "1:1"])
        #expect(scalarPositions("", [0]) == ["1:1"])
    }

    @Test func columnsCountScalarsNotBytes() {
        // "é" is two bytes and "🦊" four; the "x" after them is the third scalar on line 2.
        let text = "{\n\u{e9}\u{1F98A}x"
        let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "x"))!
        #expect(bytePositions(text, [offset]) == ["2:3"])
        #expect(scalarPositions(text, [4]) == ["2:3"])
    }

    @Test func ownershipPositionsUseTheSameIndex() {
        let document = OwnershipDocument(parsing: "path:a #x\r\n\r\nurl:b #y\rmodule:c #z")
        let owners = document.rules.flatMap(\.owners).map { document.position(of: $0.range.lowerBound) }
        #expect(owners.map { "\($0.line):\($0.column)" } == ["1:8", "3:7", "4:10"])
    }
}
