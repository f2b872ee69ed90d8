import Foundation

// A parsed JSON document as one flat array of entries over the file's bytes (a "tape"): each value
// is one 16-byte entry that says where its text is, and strings become `String`s only when a
// decoder asks for them. A tree of nodes with a `String` per key and value, an array per object
// and a set of keys per object was most of the time spent reading snapshots and plans (issue #9).

/// One value (or object key) of a `JSONDocument`. An object's entry is followed by its members,
/// each a `.key` entry then the value's entries; an array's by its elements' entries.
struct JSONEntry {
    enum Kind: UInt8 {
        case null, `false`, `true`, number, string, array, object
        /// An object member's name (its value's entries follow).
        case key
    }

    var kind: Kind
    /// The string or key holds a backslash escape, so its bytes are not its text.
    var escaped: Bool
    /// The string or key holds a non-ASCII character, so equal text may have different bytes.
    var nonASCII: Bool
    /// Byte offset of the value's first byte (a string's or key's opening quote).
    var start: UInt32
    /// Bytes of a literal, number, string or key (quotes included); members of an object,
    /// elements of an array.
    var length: UInt32
    /// Index of the first entry after this value and everything in it.
    var end: UInt32
}

/// The bytes of a JSON text and its entries; `root` is the whole text's value.
struct JSONDocument: Sendable {
    let bytes: [UInt8]
    let entries: [JSONEntry]
    var root: Int { 0 }

    /// Runs `body` with a view of the document, which reads it without bounds or reference counting.
    func withTape<R>(_ body: (JSONTape) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try entries.withUnsafeBufferPointer { entries in try body(JSONTape(bytes: bytes, entries: entries)) }
        }
    }

    func offset(of index: Int) -> Int { Int(entries[index].start) }
    func kindDescription(of index: Int) -> String { withTape { $0.kindDescription(of: index) } }
    func kind(of index: Int) -> JSONEntry.Kind { entries[index].kind }
    /// The value of member `key` of the object at `index`, if it is an object with that member.
    func member(_ key: String, of index: Int) -> Int? { withTape { $0.member(key, of: index) } }
    func string(at index: Int) -> String? {
        entries[index].kind == .string ? withTape { $0.string(at: index) } : nil
    }
    /// The indexes of the elements of the array at `index` (empty when it is not an array).
    func elements(of index: Int) -> [Int] { withTape { $0.elements(of: index) } }

    /// The offset of the value at `path` below `index`, or of the deepest value on the way when the
    /// path goes further than the document (a missing field is reported at its object).
    func offset(at path: JSONPath, from index: Int = 0) -> Int { withTape { $0.offset(at: path, from: index) } }

    /// The value at `index` as a tree, for printing (tests and tools; decoding reads the tape).
    func node(at index: Int = 0) -> JSONNode { withTape { $0.node(at: index) } }
}

/// A document's bytes and entries as unsafe buffers, valid inside `JSONDocument.withTape`.
package struct JSONTape {
    let bytes: UnsafeBufferPointer<UInt8>
    let entries: UnsafeBufferPointer<JSONEntry>

    func end(of index: Int) -> Int { Int(entries[index].end) }

    func kindDescription(of index: Int) -> String {
        switch entries[index].kind {
        case .null: "null"
        case .true, .false: "true or false"
        case .number: "a number"
        case .string, .key: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// An object or array with members or elements: only those can hold unknown fields.
    func hasChildren(_ index: Int) -> Bool {
        let entry = entries[index]
        return (entry.kind == .object || entry.kind == .array) && entry.length > 0
    }

    /// The text of a string or key.
    func string(at index: Int) -> String {
        let entry = entries[index]
        let start = Int(entry.start) + 1
        let end = Int(entry.start) + Int(entry.length) - 1
        let content = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !entry.escaped { return String(decoding: content, as: UTF8.self) }
        return String(decoding: JSONTape.unescape(content), as: UTF8.self)
    }

    /// A number's text as written.
    func numberText(at index: Int) -> String {
        let entry = entries[index]
        let start = Int(entry.start)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + Int(entry.length)]), as: UTF8.self)
    }

    /// The number at `index` as `T`, nil when it is not an integer that fits (as `T(text)` says).
    func integer<T: FixedWidthInteger>(at index: Int) -> T? {
        let entry = entries[index]
        var position = Int(entry.start)
        let end = position + Int(entry.length)
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        // Up to 18 digits fit an Int64 whatever they are; anything else goes the general way.
        if end - position <= 18 {
            var magnitude: Int64 = 0
            var digitsOnly = true
            while position < end {
                let digit = bytes[position] &- 0x30
                guard digit < 10 else {
                    digitsOnly = false
                    break
                }
                magnitude = magnitude &* 10 &+ Int64(digit)
                position += 1
            }
            if digitsOnly { return T(exactly: negative ? -magnitude : magnitude) }
        }
        return T(numberText(at: index))
    }

    /// Whether two keys have equal text.
    func key(_ one: Int, equalsKey other: Int) -> Bool {
        let first = entries[one]
        let second = entries[other]
        if !first.escaped && !first.nonASCII && !second.escaped && !second.nonASCII {
            return first.length == second.length
                && memcmp(
                    bytes.baseAddress! + Int(first.start), bytes.baseAddress! + Int(second.start), Int(first.length))
                    == 0
        }
        return string(at: one) == string(at: other)
    }

    /// Whether the key at `index` is plain ASCII with exactly the bytes of `name` (then it is the
    /// member `name`, keys being unique; false says nothing).
    func key(_ index: Int, isPlainASCII name: String) -> Bool {
        let entry = entries[index]
        guard !entry.escaped, !entry.nonASCII, Int(entry.length) - 2 == name.utf8.count else { return false }
        var name = name
        return name.withUTF8 { name in
            name.isEmpty || memcmp(name.baseAddress!, bytes.baseAddress! + Int(entry.start) + 1, name.count) == 0
        }
    }

    /// The key entry of member `name` of the object at `object`. Keys are equal as `String`s are
    /// (canonically equivalent text is equal): bytes decide only between two ASCII texts.
    func memberKey(_ name: String, of object: Int) -> Int? {
        let entry = entries[object]
        guard entry.kind == .object else { return nil }
        var name = name
        return name.withUTF8 { name -> Int? in
            var nameIsASCII: Bool?
            var key = object + 1
            for _ in 0..<entry.length {
                let candidate = entries[key]
                if !candidate.escaped && !candidate.nonASCII {
                    // Length and first byte tell most keys apart without calling memcmp.
                    let text = bytes.baseAddress! + Int(candidate.start) + 1
                    if Int(candidate.length) - 2 == name.count
                        && (name.isEmpty || (text[0] == name[0] && memcmp(name.baseAddress!, text, name.count) == 0))
                    {
                        return key
                    }
                    if nameIsASCII == nil { nameIsASCII = !name.contains { $0 >= 0x80 } }
                    if nameIsASCII == true {
                        key = end(of: key + 1)
                        continue
                    }
                }
                if string(at: key) == String(decoding: name, as: UTF8.self) { return key }
                key = end(of: key + 1)
            }
            return nil
        }
    }

    func member(_ name: String, of object: Int) -> Int? { memberKey(name, of: object).map { $0 + 1 } }

    func elements(of array: Int) -> [Int] {
        let entry = entries[array]
        guard entry.kind == .array else { return [] }
        var indexes: [Int] = []
        indexes.reserveCapacity(Int(entry.length))
        var element = array + 1
        for _ in 0..<entry.length {
            indexes.append(element)
            element = end(of: element)
        }
        return indexes
    }

    /// The path from `from` down to the value at `target` (which must be inside it).
    func path(to target: Int, from: Int) -> JSONPath {
        var path: JSONPath = []
        var index = from
        while index != target {
            let entry = entries[index]
            var child = index + 1
            var found = false
            for position in 0..<Int(entry.length) {
                let value = entry.kind == .object ? child + 1 : child
                if value <= target && target < end(of: value) {
                    path.append(entry.kind == .object ? .key(string(at: child)) : .index(position))
                    index = value
                    found = true
                    break
                }
                child = end(of: value)
            }
            guard found else { break }
        }
        return path
    }

    func offset(at path: JSONPath, from index: Int) -> Int {
        var index = index
        for component in path {
            let entry = entries[index]
            switch (component, entry.kind) {
            case (.index(let position), .array) where position >= 0 && position < Int(entry.length):
                var element = index + 1
                for _ in 0..<position { element = end(of: element) }
                index = element
            case (.key(let key), .object):
                guard let value = member(key, of: index) else { return Int(entry.start) }
                index = value
            default:
                return Int(entry.start)
            }
        }
        return Int(entries[index].start)
    }

    func node(at index: Int) -> JSONNode {
        let entry = entries[index]
        let value: JSONNode.Value
        switch entry.kind {
        case .null: value = .null
        case .false: value = .bool(false)
        case .true: value = .bool(true)
        case .number: value = .number(numberText(at: index))
        case .string, .key: value = .string(string(at: index))
        case .array: value = .array(elements(of: index).map { node(at: $0) })
        case .object:
            var members: [JSONMember] = []
            var key = index + 1
            for _ in 0..<entry.length {
                members.append(
                    JSONMember(key: string(at: key), keyOffset: Int(entries[key].start), value: node(at: key + 1)))
                key = end(of: key + 1)
            }
            value = .object(members)
        }
        return JSONNode(value: value, offset: Int(entry.start))
    }

    /// The text of string content the parser checked (every escape valid, surrogates paired).
    static func unescape(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(content.count)
        var index = 0
        func hexQuad() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = content[index]
                let digit: UInt32 =
                    switch byte {
                    case 0x30...0x39: UInt32(byte - 0x30)
                    case 0x41...0x46: UInt32(byte - 0x41 + 10)
                    default: UInt32(byte - 0x61 + 10)
                    }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
        while index < content.count {
            let byte = content[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                continue
            }
            let escape = content[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0c)
            case UInt8(ascii: "n"): decoded.append(0x0a)
            case UInt8(ascii: "r"): decoded.append(0x0d)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hexQuad()
                if (0xd800..<0xdc00).contains(scalar) {
                    index += 2
                    scalar = 0x10000 + ((scalar - 0xd800) << 10) + (hexQuad() - 0xdc00)
                }
                decoded.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: decoded.append(escape)
            }
        }
        return decoded
    }
}
