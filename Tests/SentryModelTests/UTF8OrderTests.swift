import Testing

@testable import SentryModel

/// `utf8Precedes` is the UTF-8 byte order the canonical JSON and plans are sorted in.
@Suite struct UTF8OrderTests {
    static let words = [
        "", "a", "ab", "abc", "b", "B", "Z", "_", "a b", "a\u{0}", "é", "e\u{301}", "z", "ü", "日本", "😀", "ａ",
        "members/alice@example.com", "members/alice@example.co", "teams/backend", "teams/back-end",
        String(repeating: "x", count: 15), String(repeating: "x", count: 16), String(repeating: "x", count: 40) + "é",
    ]

    @Test func itIsTheByteOrderOfUTF8() {
        for left in Self.words {
            for right in Self.words {
                #expect(
                    left.utf8Precedes(right) == left.utf8.lexicographicallyPrecedes(right.utf8),
                    "\(left.debugDescription) vs \(right.debugDescription)")
            }
        }
    }

    @Test func itSortsAsTheBytesDo() {
        let sorted = Self.words.sorted { $0.utf8Precedes($1) }
        #expect(
            sorted.map { Array($0.utf8) }
                == Self.words.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        // Not Swift's own String order, which compares canonically equivalent strings as equal.
        #expect("e\u{301}".utf8Precedes("é") != ("e\u{301}" < "é"))
    }
}
