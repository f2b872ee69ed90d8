/// The deterministic JSON bytes snapshot files use (sorted keys, stable layout), for any Encodable:
/// plans and digests reuse them so equal values always print and hash the same.
///
/// The bytes are `JSONPrinter`'s print of `JSONNodeEncoder`'s tree, but written directly by
/// `CanonicalWriter`, which goes back to the tree only for the rare value it cannot write in one
/// pass (see CanonicalWriter.swift).
public enum CanonicalJSON {
    public static func bytes(of value: some Encodable) throws -> [UInt8] {
        let writer = CanonicalWriter()
        try encode(value, into: writer)
        return writer.out
    }

    /// The bytes `bytes(of:)` gives for `value` with its top-level member `key` holding `elements`,
    /// handed to `emit` in chunks of about `chunkSize` bytes; each element is encoded only when it
    /// is printed, so neither the whole tree nor the whole text is ever in memory. `value` must
    /// encode as an object; whatever it encodes under `key` is replaced.
    public static func write<Element: Encodable>(
        _ value: some Encodable, streaming key: String, elements: [Element], chunkSize: Int = 1 << 20,
        emit: ([UInt8]) throws -> Void
    ) throws {
        let head = CanonicalWriter()
        head.streamedKey = key
        do { try head.encodeDocument(value) } catch  where head.failed {}
        guard !head.failed, let split = head.streamedSplit else {
            return try JSONPrinter.printStreaming(
                try JSONNodeEncoder.encode(value), streamedKey: key, count: elements.count,
                element: { try JSONNodeEncoder.encode(elements[$0]) }, chunkSize: chunkSize, emit: emit)
        }
        let writer = CanonicalWriter(capacity: chunkSize + chunkSize / 4)
        writer.out.append(contentsOf: head.out[..<split])
        if elements.isEmpty {
            writer.out.append(contentsOf: "[]".utf8)
        } else {
            writer.out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                writer.out.append(contentsOf: index == 0 ? "\n    ".utf8 : ",\n    ".utf8)
                let start = writer.out.count
                do { try writer.encodeFragment(element, depth: 2) } catch  where writer.failed {}
                if writer.failed {
                    writer.out.removeSubrange(start...)
                    JSONPrinter.write(try JSONNodeEncoder.encode(element), indent: 2, into: &writer.out)
                }
                if writer.out.count >= chunkSize {
                    try emit(writer.out)
                    writer.out.removeAll(keepingCapacity: true)
                }
            }
            writer.out.append(contentsOf: "\n  ]".utf8)
        }
        writer.out.append(contentsOf: head.out[split...])
        try emit(writer.out)
    }

    /// First 12 hex digits of the SHA-256 of the canonical bytes: enough to tell values apart in a
    /// plan, too short to help anyone guess a secret.
    public static func digest(of value: some Encodable) throws -> String {
        try digest(of: value, using: CanonicalWriter())
    }

    /// `digest(of:)` reusing `writer`'s buffers (many digests in a row).
    static func digest(of value: some Encodable, using writer: CanonicalWriter) throws -> String {
        try encode(value, into: writer)
        return SHA256Digest.hexPrefix(of: writer.out, digits: 12)
    }

    /// Leaves `value`'s canonical bytes in `writer.out`, through the tree if the writer could not.
    static func encode(_ value: some Encodable, into writer: CanonicalWriter) throws {
        do { try writer.encodeDocument(value) } catch  where writer.failed {}
        guard writer.failed else { return }
        let bytes = JSONPrinter.print(try JSONNodeEncoder.encode(value))
        writer.reset()
        writer.out.append(contentsOf: bytes)
    }

    /// The tree's bytes, for tests that hold the writer to them.
    static func treeBytes(of value: some Encodable) throws -> [UInt8] {
        JSONPrinter.print(try JSONNodeEncoder.encode(value))
    }
}
