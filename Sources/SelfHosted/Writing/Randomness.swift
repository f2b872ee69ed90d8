/// Tokens Sentry would have generated itself (invite tokens, e-mail validation hashes, keys).
///
/// Each token takes its randomness eight bytes at a time from the system generator (one `getrandom`
/// call per 64 bits): drawing a byte per call cost the reference org's members stage 32 system calls
/// per invite token, 3 % of apply's CPU in the kernel's generator alone (docs/performance.md).
enum Randomness {
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// `bytes` random bytes as lower-case hex, two digits each.
    static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes * 2)
        var word: UInt64 = 0
        for index in 0..<bytes {
            if index % 8 == 0 { word = generator.next() }
            let byte = UInt8(truncatingIfNeeded: word)
            word >>= 8
            digits.append(hexDigits[Int(byte >> 4)])
            digits.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// `[A-Za-z0-9]{count}`, like Django's `get_random_string` (Sentry's `get_secure_token` is 32 of these).
    static func alphanumeric(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        // Uniform over the 62 characters: `random(in:using:)` rejects the biased tail of each draw.
        let characters = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(decoding: characters, as: UTF8.self)
    }
}
