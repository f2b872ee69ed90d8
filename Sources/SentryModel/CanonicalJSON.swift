/// The deterministic JSON bytes snapshot files use (sorted keys, stable layout), for any Encodable:
/// plans and digests reuse them so equal values always print and hash the same.
public enum CanonicalJSON {
    public static func bytes(of value: some Encodable) throws -> [UInt8] {
        JSONPrinter.print(try JSONNodeEncoder.encode(value))
    }

    /// The bytes `bytes(of:)` gives for `value` with its top-level member `key` holding `elements`,
    /// handed to `emit` in chunks of about `chunkSize` bytes; each element is encoded only when it
    /// is printed, so neither the whole tree nor the whole text is ever in memory. `value` must
    /// encode as an object; whatever it encodes under `key` is replaced.
    public static func write<Element: Encodable>(
        _ value: some Encodable, streaming key: String, elements: [Element], chunkSize: Int = 1 << 20,
        emit: ([UInt8]) throws -> Void
    ) throws {
        try JSONPrinter.printStreaming(
            try JSONNodeEncoder.encode(value), streamedKey: key, count: elements.count,
            element: { try JSONNodeEncoder.encode(elements[$0]) }, chunkSize: chunkSize, emit: emit)
    }

    /// First 12 hex digits of the SHA-256 of the canonical bytes: enough to tell values apart in a
    /// plan, too short to help anyone guess a secret.
    public static func digest(of value: some Encodable) throws -> String {
        String(SHA256Digest.hex(of: try bytes(of: value)).prefix(12))
    }
}
