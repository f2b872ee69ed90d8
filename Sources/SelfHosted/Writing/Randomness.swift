import Foundation
import Synchronization

/// Tokens Sentry would have generated itself (invite tokens, e-mail validation hashes, keys).
///
/// The randomness comes from the system's generator, read 4 KiB at a time (`/dev/urandom`) and handed
/// out from that buffer: a call for every 64 bits (`SystemRandomNumberGenerator`) was four `getrandom`
/// system calls per invite token, 8 % of the large apply's members stage (docs/performance.md, eleventh
/// session). Where `/dev/urandom` cannot be read, the system generator is used as before.
enum Randomness {
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// `bytes` random bytes as lower-case hex, two digits each.
    static func hex(bytes: Int) -> String {
        var generator = PooledGenerator()
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
        var generator = PooledGenerator()
        // Uniform over the 62 characters: `random(in:using:)` rejects the biased tail of each draw.
        let characters = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(decoding: characters, as: UTF8.self)
    }

    /// 64 bits at a time from the shared buffer of system randomness.
    struct PooledGenerator: RandomNumberGenerator {
        mutating func next() -> UInt64 { Randomness.pool.withLock { $0.next() } }
    }

    private static let pool = Mutex(Pool())

    /// Words read from `/dev/urandom` in blocks; each word is handed out once.
    private struct Pool {
        private var words: [UInt64] = []
        private var used = 0
        private var fallback = SystemRandomNumberGenerator()

        mutating func next() -> UInt64 {
            if used == words.count {
                words = Self.read(count: 512)
                used = 0
                if words.isEmpty { return fallback.next() }
            }
            defer { used += 1 }
            return words[used]
        }

        /// `count` words of system randomness, or none when the device cannot be read whole.
        private static func read(count: Int) -> [UInt64] {
            guard let device = FileHandle(forReadingAtPath: "/dev/urandom") else { return [] }
            defer { try? device.close() }
            guard let data = try? device.read(upToCount: count * 8), data.count == count * 8 else { return [] }
            return data.withUnsafeBytes { bytes in
                (0..<count).map { bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
            }
        }
    }
}
