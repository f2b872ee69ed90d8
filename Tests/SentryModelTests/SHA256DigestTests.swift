import Testing

@testable import SentryModel

@Suite struct SHA256DigestTests {
    // FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf" and the long-message vector).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256Digest.hex(of: Array(message.utf8)) == expected)
    }

    @Test func oneMillionLetterA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256Digest.hex(of: message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 55/56/64-byte padding boundaries (expected values from coreutils sha256sum).
    @Test(arguments: [
        (55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
        (56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
        (63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
        (64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        (65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"),
        (128, "24da1b81d0b16df6428eee73c69fcb2a93c76bc6df706f0c6670fe6bfe800464"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(SHA256Digest.hex(of: [UInt8](repeating: UInt8(ascii: "x"), count: length)) == expected)
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let expected = SHA256Digest(of: message).bytes
        for chunk in [1, 7, 63, 64, 65, 333] {
            var hasher = SHA256Hasher()
            var start = 0
            while start < message.count {
                hasher.update(message[start..<min(start + chunk, message.count)])
                start += chunk
            }
            #expect(hasher.finalize() == expected, "chunk size \(chunk)")
        }
    }

    @Test func nonContiguousSequencesHashLikeArrays() {
        #expect(SHA256Digest.hex(of: "abc".utf8.lazy.map { $0 }) == SHA256Digest.hex(of: Array("abc".utf8)))
    }
}
