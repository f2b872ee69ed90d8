import Crypto

// SHA-256 from swift-crypto (BoringSSL's assembly on Linux, CryptoKit on Apple platforms): snapshot
// checksums hash every byte of a snapshot, so the hash runs at memory speed, not at the speed of
// Swift arithmetic. Used for snapshot checksums, entity digests and the short hash prefixes that
// stand in for secrets in plans.

/// SHA-256 of a byte sequence.
public struct SHA256Digest: Sendable, Hashable {
    /// The 32 bytes of the digest.
    public let bytes: [UInt8]

    /// Hashes `message` in one go.
    public init(of message: some Sequence<UInt8>) {
        var hasher = SHA256Hasher()
        hasher.update(message)
        bytes = hasher.finalize()
    }

    /// The digest an incremental `SHA256Hasher` finished with.
    init(_ hasher: SHA256Hasher) {
        var hasher = hasher
        bytes = hasher.finalize()
    }

    /// Lowercase hexadecimal, 64 characters.
    public var hex: String {
        bytes.withUnsafeBytes { Self.hexText($0, digits: 64) }
    }

    /// Lowercase hexadecimal SHA-256 of `message`.
    public static func hex(of message: some Sequence<UInt8>) -> String {
        SHA256Digest(of: message).hex
    }
}

extension SHA256Digest {
    /// The first `digits` (at most 64) lowercase hexadecimal digits of the SHA-256 of `message`,
    /// without the whole digest's text.
    static func hexPrefix(of message: [UInt8], digits: Int) -> String {
        var hash = SHA256()
        message.withUnsafeBufferPointer { hash.update(bufferPointer: .init($0)) }
        return hash.finalize().withUnsafeBytes { hexText($0, digits: digits) }
    }

    /// The first `digits` lowercase hexadecimal digits of `bytes` (two per byte).
    private static func hexText(_ bytes: UnsafeRawBufferPointer, digits: Int) -> String {
        String(unsafeUninitializedCapacity: digits) { text in
            for index in 0..<digits {
                let byte = bytes[index / 2]
                text[index] = hexDigits[Int(index % 2 == 0 ? byte >> 4 : byte & 0x0f)]
            }
            return digits
        }
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// Incremental SHA-256 state: feed it with `update`, then `finalize` once.
struct SHA256Hasher {
    private var hash = SHA256()

    mutating func update(_ message: some Sequence<UInt8>) {
        let handled: Void? = message.withContiguousStorageIfAvailable { hash.update(bufferPointer: .init($0)) }
        if handled == nil { hash.update(data: Array(message)) }
    }

    mutating func finalize() -> [UInt8] {
        Array(hash.finalize())
    }
}
