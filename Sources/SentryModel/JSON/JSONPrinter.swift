// The one byte-exact output format of snapshot files, owned here rather than left to
// JSONEncoder, whose spacing and escaping differ between platforms and releases:
// two-space indentation, `"key": value`, keys sorted by their UTF-8 bytes, only `"`, `\` and
// control characters escaped (no `\/`, no `\u` for non-ASCII), one trailing newline.

enum JSONPrinter {
    static func print(_ node: JSONNode) -> [UInt8] {
        var output: [UInt8] = []
        write(node, indent: 0, into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// The bytes `print` gives for `object` with its member `streamedKey` set to the array of
    /// `count` elements, but handed to `emit` in chunks of about `chunkSize` bytes, each element
    /// made by `element` only when it is printed: a plan of 70,000 changes never exists whole as a
    /// tree or as text (it did, and was most of the first plan's peak memory).
    static func printStreaming(
        _ object: JSONNode, streamedKey: String, count: Int, element: (Int) throws -> JSONNode,
        chunkSize: Int = 1 << 20, emit: ([UInt8]) throws -> Void
    ) throws {
        guard case .object(var members) = object.value else { preconditionFailure("not an object") }
        members.removeAll { $0.key == streamedKey }
        members.append(JSONMember(key: streamedKey, keyOffset: 0, value: JSONNode(value: .array([]), offset: 0)))
        members.sort { $0.key.utf8Precedes($1.key) }
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize + chunkSize / 4)
        func flush(atLeast: Int) throws {
            guard output.count >= atLeast, !output.isEmpty else { return }
            try emit(output)
            output.removeAll(keepingCapacity: true)
        }
        output.append(UInt8(ascii: "{"))
        for (position, member) in members.enumerated() {
            output.append(contentsOf: position == 0 ? [0x0a] : [UInt8(ascii: ","), 0x0a])
            writeIndent(1, into: &output)
            writeString(member.key, into: &output)
            output.append(contentsOf: ": ".utf8)
            guard member.key == streamedKey, count > 0 else {
                write(member.value, indent: 1, into: &output)
                continue
            }
            output.append(UInt8(ascii: "["))
            for index in 0..<count {
                output.append(contentsOf: index == 0 ? [0x0a] : [UInt8(ascii: ","), 0x0a])
                writeIndent(2, into: &output)
                write(try element(index), indent: 2, into: &output)
                try flush(atLeast: chunkSize)
            }
            output.append(0x0a)
            writeIndent(1, into: &output)
            output.append(UInt8(ascii: "]"))
        }
        output.append(0x0a)
        output.append(UInt8(ascii: "}"))
        output.append(0x0a)
        try flush(atLeast: 0)
    }

    /// A JSON string literal for `text`, escaped as the printer does.
    static func quoted(_ text: String) -> String {
        var output: [UInt8] = []
        writeString(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func write(_ node: JSONNode, indent: Int, into output: inout [UInt8]) {
        switch node.value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                output.append(0x0a)
                writeIndent(indent + 1, into: &output)
                write(element, indent: indent + 1, into: &output)
            }
            output.append(0x0a)
            writeIndent(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(UInt8(ascii: "{"))
            var sorted = members
            sorted.sortIfNeeded { $0.key.utf8Precedes($1.key) }
            for (position, member) in sorted.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                output.append(0x0a)
                writeIndent(indent + 1, into: &output)
                writeString(member.key, into: &output)
                output.append(contentsOf: ": ".utf8)
                write(member.value, indent: indent + 1, into: &output)
            }
            output.append(0x0a)
            writeIndent(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeIndent(_ level: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole instead of a byte at a time.
        var text = text
        let copied = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            output.append(contentsOf: bytes)
            return true
        }
        if copied { return output.append(UInt8(ascii: "\"")) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0a: output.append(contentsOf: #"\n"#.utf8)
            case 0x0d: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0c: output.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0f)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
