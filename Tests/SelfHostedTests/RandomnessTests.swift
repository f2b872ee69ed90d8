import Testing

@testable import SelfHosted

/// Tokens in the shapes Sentry makes them, drawn from system randomness read a block at a time.
@Suite struct RandomnessTests {
    @Test func hexTokensHaveTwoLowerCaseDigitsPerByteAndDiffer() {
        for bytes in [1, 7, 8, 9, 16, 32] {
            let tokens = (0..<200).map { _ in Randomness.hex(bytes: bytes) }
            #expect(tokens.allSatisfy { $0.utf8.count == bytes * 2 })
            #expect(tokens.allSatisfy { $0.allSatisfy { "0123456789abcdef".contains($0) } })
            if bytes >= 8 { #expect(Set(tokens).count == tokens.count) }
        }
    }

    @Test func everyHexDigitAppearsInEveryPosition() {
        // A byte taken from the wrong end of the 64-bit draw, or a digit table off by one, shows here.
        let tokens = (0..<2_000).map { _ in Array(Randomness.hex(bytes: 9).utf8) }
        for position in 0..<18 {
            #expect(Set(tokens.map { $0[position] }).count == 16, "position \(position)")
        }
    }

    @Test func blocksOfSystemRandomnessAreNeverHandedOutTwice() {
        // Four blocks' worth of words: a block read again, or a word handed out twice, repeats here.
        var generator = Randomness.PooledGenerator()
        let words = (0..<2_048).map { _ in generator.next() }
        #expect(Set(words).count == words.count)
        #expect(Set(words.map { $0 >> 56 }).count > 200, "the top bytes are spread")
    }

    @Test func alphanumericTokensUseTheWholeAlphabet() {
        let tokens = (0..<500).map { _ in Randomness.alphanumeric(32) }
        #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        #expect(Set(tokens.joined()).count == 62)
        #expect(Set(tokens).count == tokens.count)
    }
}
