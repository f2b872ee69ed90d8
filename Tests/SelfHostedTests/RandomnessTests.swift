import Testing

@testable import SelfHosted

/// Tokens in the shapes Sentry makes them, drawn eight bytes per system call.
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

    @Test func alphanumericTokensUseTheWholeAlphabet() {
        let tokens = (0..<500).map { _ in Randomness.alphanumeric(32) }
        #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        #expect(Set(tokens.joined()).count == 62)
        #expect(Set(tokens).count == tokens.count)
    }
}
