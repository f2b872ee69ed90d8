// A strict RFC 8259 parser: no comments, no trailing commas, no duplicate keys, valid UTF-8
// only. Foundation's parser accepts some of these and reports positions inconsistently across
// platforms; snapshot files need exact, stable positions.

struct JSONParseError: Error {
    var offset: Int
    var message: String
}

enum JSONParser {
    /// Deeper nesting than any snapshot file has; guards the recursion.
    static let maximumDepth = 256

    /// `namesKeys: false` keeps key text out of messages (for files that hold secrets).
    static func parse(_ bytes: [UInt8], namesKeys: Bool = true) throws(JSONParseError) -> JSONDocument {
        if let invalid = firstInvalidUTF8(in: bytes) {
            throw JSONParseError(offset: invalid, message: "the file is not valid UTF-8")
        }
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError(offset: 0, message: "the file is larger than 4 GiB, more than a JSON file here can be")
        }
        let result: Result<[JSONEntry], JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = Cursor(bytes: buffer, namesKeys: namesKeys)
            do throws(JSONParseError) {
                cursor.skipWhitespace()
                try cursor.value(depth: 0)
                cursor.skipWhitespace()
                if cursor.index < buffer.count {
                    throw JSONParseError(
                        offset: cursor.index, message: "unexpected text after the end of the JSON value")
                }
                return .success(cursor.entries)
            } catch {
                return .failure(error)
            }
        }
        return JSONDocument(bytes: bytes, entries: try result.get())
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode
    /// table 3-7: no overlong forms, surrogates or scalars above U+10FFFF), eight ASCII bytes at a time.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return nil }
            var index = 0
            while index < count {
                if index + 8 <= count,
                    UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                    continue
                }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var second: ClosedRange<UInt8> = 0x80...0xbf
                switch lead {
                case 0xc2...0xdf: length = 2
                case 0xe0:
                    length = 3
                    second = 0xa0...0xbf
                case 0xe1...0xec, 0xee...0xef: length = 3
                case 0xed:
                    length = 3
                    second = 0x80...0x9f
                case 0xf0:
                    length = 4
                    second = 0x90...0xbf
                case 0xf1...0xf3: length = 4
                case 0xf4:
                    length = 4
                    second = 0x80...0x8f
                default: return index
                }
                guard index + length <= count, second.contains(buffer[index + 1]) else { return index }
                for continuation in 2..<length where buffer[index + continuation] & 0xc0 != 0x80 { return index }
                index += length
            }
            return nil
        }
    }
}

/// Appends the entries of the value at `index` to `entries`, checking the grammar as it goes.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let namesKeys: Bool
    var index = 0
    var entries: [JSONEntry] = []

    init(bytes: UnsafeBufferPointer<UInt8>, namesKeys: Bool) {
        self.bytes = bytes
        self.namesKeys = namesKeys
        // About one value per 16 bytes in snapshot and plan files; the array grows when there are more.
        entries.reserveCapacity(bytes.count / 16 + 4)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 else { return }
            index += 1
        }
    }

    private func failure(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, message: message)
    }

    private func unexpected(expecting what: String) -> JSONParseError {
        guard let byte = current else { return failure("unexpected end of file; expected \(what)") }
        if byte >= 0x21 && byte < 0x7f {
            return failure("unexpected '\(Character(Unicode.Scalar(byte)))'; expected \(what)")
        }
        return failure("unexpected character; expected \(what)")
    }

    private mutating func append(
        _ kind: JSONEntry.Kind, start: Int, escaped: Bool = false, nonASCII: Bool = false
    ) {
        entries.append(
            JSONEntry(
                kind: kind, escaped: escaped, nonASCII: nonASCII, start: UInt32(truncatingIfNeeded: start),
                length: UInt32(truncatingIfNeeded: index - start), end: UInt32(truncatingIfNeeded: entries.count + 1)))
    }

    /// Sets the member or element count and the end of the container whose entry is at `entry`.
    private mutating func close(_ entry: Int, count: Int) {
        entries[entry].length = UInt32(truncatingIfNeeded: count)
        entries[entry].end = UInt32(truncatingIfNeeded: entries.count)
    }

    mutating func value(depth: Int) throws(JSONParseError) {
        guard depth < JSONParser.maximumDepth else { throw failure("values are nested too deeply") }
        let start = index
        switch current ?? 0 {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string(as: .string)
        case UInt8(ascii: "t"):
            try literal("true")
            append(.true, start: start)
        case UInt8(ascii: "f"):
            try literal("false")
            append(.false, start: start)
        case UInt8(ascii: "n"):
            try literal("null")
            append(.null, start: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            append(.number, start: start)
        default:
            throw unexpected(expecting: "a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = index
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard current == byte else { throw failure("invalid literal; expected '\(word)'", at: start) }
            index += 1
        }
    }

    /// Objects this large keep their keys in a set to find duplicates; smaller ones compare
    /// each new key with the ones before it, which allocates nothing.
    private static let keySetThreshold = 16

    private mutating func object(depth: Int) throws(JSONParseError) {
        let entry = entries.count
        append(.object, start: index)
        index += 1
        var count = 0
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            close(entry, count: count)
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw unexpected(expecting: "a field name in double quotes") }
            let keyOffset = index
            let key = entries.count
            try string(as: .key)
            if try isDuplicate(key, of: entry, count: count, seen: &seen) {
                let name = namesKeys ? " '\(tape { $0.string(at: key) })'" : ""
                throw failure("duplicate field\(name) in one object", at: keyOffset)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected(expecting: "':' after the field name") }
            index += 1
            skipWhitespace()
            try value(depth: depth + 1)
            count += 1
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                close(entry, count: count)
                return
            default: throw unexpected(expecting: "',' or '}' after a field")
            }
        }
    }

    private func tape<R>(_ body: (JSONTape) -> R) -> R {
        entries.withUnsafeBufferPointer { body(JSONTape(bytes: bytes, entries: $0)) }
    }

    /// Whether the key just read (entry `key`) repeats one of the `count` before it in the object.
    private func isDuplicate(_ key: Int, of object: Int, count: Int, seen: inout Set<String>) throws(JSONParseError)
        -> Bool
    {
        tape { tape in
            if count < Self.keySetThreshold {
                var earlier = object + 1
                for _ in 0..<count {
                    if tape.key(earlier, equalsKey: key) { return true }
                    earlier = tape.end(of: earlier + 1)
                }
                return false
            }
            if count == Self.keySetThreshold {
                var earlier = object + 1
                for _ in 0..<count {
                    seen.insert(tape.string(at: earlier))
                    earlier = tape.end(of: earlier + 1)
                }
            }
            return !seen.insert(tape.string(at: key)).inserted
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) {
        let entry = entries.count
        append(.array, start: index)
        index += 1
        var count = 0
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            close(entry, count: count)
            return
        }
        while true {
            skipWhitespace()
            try value(depth: depth + 1)
            count += 1
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                close(entry, count: count)
                return
            default: throw unexpected(expecting: "',' or ']' after an array element")
            }
        }
    }

    private mutating func number() throws(JSONParseError) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, first.isDigit else { throw unexpected(expecting: "a digit") }
        index += 1
        if first == UInt8(ascii: "0"), let next = current, next.isDigit {
            throw failure("numbers must not start with a leading zero", at: start)
        }
        skipDigits()
        if current == UInt8(ascii: ".") {
            index += 1
            guard current?.isDigit == true else { throw unexpected(expecting: "a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard current?.isDigit == true else { throw unexpected(expecting: "a digit in the exponent") }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, bytes[index].isDigit { index += 1 }
    }

    /// A string or key; its text is decoded later, and only if asked for.
    private mutating func string(as kind: JSONEntry.Kind) throws(JSONParseError) {
        let start = index
        index += 1
        var nonASCII = false
        // Fast path: no escapes (UTF-8 was validated up front).
        while index < bytes.count {
            let byte = bytes[index]
            guard byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 else { break }
            if byte >= 0x80 { nonASCII = true }
            index += 1
        }
        if current == UInt8(ascii: "\"") {
            index += 1
            append(kind, start: start, nonASCII: nonASCII)
            return
        }
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                append(kind, start: start, escaped: true, nonASCII: nonASCII)
                return
            case UInt8(ascii: "\\"):
                try escape()
            case 0..<0x20:
                throw failure("control character inside a string; write it as an escape such as \\n")
            default:
                if byte >= 0x80 { nonASCII = true }
                index += 1
            }
        }
    }

    /// Checks one escape; `JSONTape.unescape` decodes it when the text is asked for.
    private mutating func escape() throws(JSONParseError) {
        let start = index
        index += 1
        guard let byte = current else { throw failure("unterminated string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let scalar = try hexQuad(escapeStart: start)
            if (0xd800..<0xdc00).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("unpaired UTF-16 surrogate in a \\u escape", at: start) }
                index += 2
                let low = try hexQuad(escapeStart: start)
                guard (0xdc00..<0xe000).contains(low) else {
                    throw failure("unpaired UTF-16 surrogate in a \\u escape", at: start)
                }
            } else if (0xdc00..<0xe000).contains(scalar) {
                throw failure("unpaired UTF-16 surrogate in a \\u escape", at: start)
            } else if Unicode.Scalar(scalar) == nil {
                throw failure("invalid \\u escape", at: start)
            }
        default:
            throw failure("invalid escape sequence in a string", at: start)
        }
    }

    private mutating func hexQuad(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = byte.hexValue else {
                throw failure("a \\u escape needs four hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }

    fileprivate var hexValue: UInt32? {
        switch self {
        case 0x30...0x39: UInt32(self - 0x30)
        case 0x41...0x46: UInt32(self - 0x41 + 10)
        case 0x61...0x66: UInt32(self - 0x61 + 10)
        default: nil
        }
    }
}
