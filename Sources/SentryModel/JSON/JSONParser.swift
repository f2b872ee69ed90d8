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
    static func parse(_ bytes: [UInt8], namesKeys: Bool = true) throws(JSONParseError) -> JSONNode {
        if let invalid = firstInvalidUTF8(in: bytes) {
            throw JSONParseError(offset: invalid, message: "the file is not valid UTF-8")
        }
        let result: Result<JSONNode, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = Cursor(bytes: buffer, namesKeys: namesKeys)
            do throws(JSONParseError) {
                cursor.skipWhitespace()
                let node = try cursor.value(depth: 0)
                cursor.skipWhitespace()
                if cursor.index < buffer.count {
                    throw JSONParseError(
                        offset: cursor.index, message: "unexpected text after the end of the JSON value")
                }
                return .success(node)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let namesKeys: Bool
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, namesKeys: Bool) {
        self.bytes = bytes
        self.namesKeys = namesKeys
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { index += 1 }
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

    mutating func value(depth: Int) throws(JSONParseError) -> JSONNode {
        guard depth < JSONParser.maximumDepth else { throw failure("values are nested too deeply") }
        let start = index
        switch current ?? 0 {
        case UInt8(ascii: "{"): return JSONNode(value: try object(depth: depth), offset: start)
        case UInt8(ascii: "["): return JSONNode(value: try array(depth: depth), offset: start)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), offset: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try number()), offset: start)
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

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONNode.Value {
        index += 1
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw unexpected(expecting: "a field name in double quotes") }
            let keyOffset = index
            let key = try string()
            guard seen.insert(key).inserted else {
                let name = namesKeys ? " '\(key)'" : ""
                throw failure("duplicate field\(name) in one object", at: keyOffset)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected(expecting: "':' after the field name") }
            index += 1
            skipWhitespace()
            let value = try value(depth: depth + 1)
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw unexpected(expecting: "',' or '}' after a field")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONNode.Value {
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw unexpected(expecting: "',' or ']' after an array element")
            }
        }
    }

    private mutating func number() throws(JSONParseError) -> String {
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
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = current, byte.isDigit { index += 1 }
    }

    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string (UTF-8 was validated up front).
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
        if current == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
        }
        var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &decoded)
            case 0..<0x20:
                throw failure("control character inside a string; write it as an escape such as \\n")
            default:
                decoded.append(byte)
                index += 1
            }
        }
    }

    private mutating func escape(into decoded: inout [UInt8]) throws(JSONParseError) {
        let start = index
        index += 1
        guard let byte = current else { throw failure("unterminated string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0c)
        case UInt8(ascii: "n"): decoded.append(0x0a)
        case UInt8(ascii: "r"): decoded.append(0x0d)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(escapeStart: start)
            if (0xd800..<0xdc00).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("unpaired UTF-16 surrogate in a \\u escape", at: start) }
                index += 2
                let low = try hexQuad(escapeStart: start)
                guard (0xdc00..<0xe000).contains(low) else {
                    throw failure("unpaired UTF-16 surrogate in a \\u escape", at: start)
                }
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            } else if (0xdc00..<0xe000).contains(scalar) {
                throw failure("unpaired UTF-16 surrogate in a \\u escape", at: start)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape", at: start) }
            decoded.append(contentsOf: UTF8.encode(unicode)!)
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
