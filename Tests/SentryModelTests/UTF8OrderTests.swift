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

    /// Sorting by eight-byte prefixes gives the byte order of the whole keys, keys shorter than eight, with
    /// zero bytes, equal prefixes and equal keys (kept in their order) included.
    @Test func sortingByPrefixesIsTheByteOrder() {
        var generator = SplitMix64(seed: 12)
        let pieces = ["", "\u{0}", "a", "abcdefg", "abcdefgh", "abcdefghi", "é", "日本", "x\u{0}y", "Z", "12345678"]
        let keys = (0..<2_000).map { _ in
            (0..<Int(generator.next() % 3)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        let items = keys.enumerated().map { (key: $1, position: $0) }
        let sorted = items.sortedInUTF8Order(by: \.key)
        let reference = items.sorted { left, right in
            left.key.utf8Precedes(right.key)
                || (left.key.utf8.elementsEqual(right.key.utf8) && left.position < right.position)
        }
        #expect(sorted.map(\.position) == reference.map(\.position))
        #expect(
            Self.words.sortedInUTF8Order(by: { $0 }).map { Array($0.utf8) }
                == Self.words.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func aListInOrderIsReturnedAsItIs() {
        let inOrder = (0..<1_000).map { "key-\($0)" }.sorted { $0.utf8Precedes($1) }
        let sorted = inOrder.sortedInUTF8Order(by: { $0 })
        #expect(sorted == inOrder)
        #expect(sorted.withUnsafeBufferPointer { $0.baseAddress } == inOrder.withUnsafeBufferPointer { $0.baseAddress })
    }
}
