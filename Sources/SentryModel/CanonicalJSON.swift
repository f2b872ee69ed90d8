/// The deterministic JSON bytes snapshot files use (sorted keys, stable layout), for any Encodable:
/// plans and digests reuse them so equal values always print and hash the same.
public enum CanonicalJSON {
    public static func bytes(of value: some Encodable) throws -> [UInt8] {
        JSONPrinter.print(try JSONNodeEncoder.encode(value))
    }

    /// First 12 hex digits of the SHA-256 of the canonical bytes: enough to tell values apart in a
    /// plan, too short to help anyone guess a secret.
    public static func digest(of value: some Encodable) throws -> String {
        String(SHA256Digest.hex(of: try bytes(of: value)).prefix(12))
    }
}
