import Foundation

// Reads a JSON object file whose bulk is one array member (a saved plan's `changes`) a chunk at a
// time: each element is parsed and strictly decoded alone, so only one element's node tree is alive
// at once, instead of the whole file's (a 57 MB plan decoded whole peaked at 250 MB). The file's
// SHA-256 is taken from the same chunks. The bytes between values (braces, keys, commas) are checked
// here; every value goes through `JSONParser`, so the file is held to the same strict grammar.

/// Why a streamed JSON file cannot be used: where (JSON path, and line and column when known) and what.
public struct StreamedJSONError: Error, Sendable, CustomStringConvertible {
    /// `$.changes[3].fields[0].sensitive`; with `DecodingProblem`'s wording: `path: what (line, column)`.
    public var path: String
    /// 1-based line and column, when the problem has a place in the file.
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        let place = line.map { " (line \($0), column \(column ?? 1))" } ?? ""
        return "\(path): \(message)\(place)"
    }
}

public enum StreamedJSONFile {
    /// Reads the JSON object at `path`. Each element of its array member `streaming` is decoded as
    /// `Element` and handed to `each`, in order; the other members are decoded as `Head`, with
    /// `streaming` present as an empty array. Unknown fields are errors, as in snapshot files.
    /// Throws `StreamedJSONError` for content, and the file system's error when it cannot be read.
    public static func decode<Head: Decodable, Element: Decodable>(
        path: String, head: Head.Type, streaming key: String, element: Element.Type,
        chunkSize: Int = 1 << 20, each: (Element) throws -> Void
    ) throws -> (head: Head, sha256: String) {
        try decode(
            path: path, head: head, streaming: key, element: element, chunkSize: chunkSize, fast: nil, each: each)
    }

    /// The same, with `fast` reading an element straight from its tape when it is exactly as written
    /// (`TapeReadable`); an element it cannot read is decoded strictly, which reports its problem.
    package static func decode<Head: Decodable, Element: Decodable>(
        path: String, head: Head.Type, streaming key: String, element: Element.Type,
        chunkSize: Int = 1 << 20, fast: ((JSONTape, Int) -> Element?)?, each: (Element) throws -> Void
    ) throws -> (head: Head, sha256: String) {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var reader = ChunkedReader(chunkSize: chunkSize) { try handle.read(upToCount: $0) ?? Data() }
        var batch = DecodingBatch<Element>(key: key, fast: fast)
        let decodedHead: Head
        do {
            decodedHead = try reader.object(streaming: key, head: head) { index, bytes, start in
                try batch.add(index: index, bytes: bytes, start: start, each: each)
            }
            reader.skipWhitespace()
            if try reader.peek() != nil {
                throw reader.failure(at: reader.position, "unexpected text after the end of the JSON object")
            }
        } catch {
            // The elements read before this problem come first in the file: theirs is the one to tell.
            try batch.flush(each: each)
            throw error
        }
        try batch.flush(each: each)
        return (decodedHead, reader.finishDigest())
    }

    /// Parses and decodes one value whose first byte is at `start` in the file; positions in
    /// problems are the file's.
    fileprivate static func strictlyDecode<T: Decodable>(
        _ bytes: [UInt8], at path: JSONPath, start: FilePosition?, fast: ((JSONTape, Int) -> T?)? = nil
    ) throws -> T {
        let place = { (offset: Int) -> (Int?, Int?) in
            guard let start else { return (nil, nil) }
            let inner = JSONLineIndex(bytes).position(of: offset)
            return (start.line + inner.line - 1, inner.line == 1 ? start.column + inner.column - 1 : inner.column)
        }
        let document: JSONDocument
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            let (line, column) = place(error.offset)
            throw StreamedJSONError(path: path.rendered, line: line, column: column, message: error.message)
        }
        if let fast, let value = document.withTape({ fast($0, document.root) }) { return value }
        let (value, problems) = StrictDecoder.decode(T.self, from: document, at: path)
        if let value { return value }
        // An invalid value stops decoding, so the fields after it were never asked for and show as
        // unknown: the invalid value is the problem to tell.
        let invalid = problems.first { $0.kind == .invalidValue }
        let first = invalid ?? problems.min { $0.offset < $1.offset } ?? problems[0]
        let (line, column) = place(first.offset)
        let more =
            invalid == nil && problems.count > 1 ? " (and \(problems.count - 1) more problem(s) in this value)" : ""
        throw StreamedJSONError(path: first.path.rendered, line: line, column: column, message: first.message + more)
    }
}

/// Elements read but not yet decoded, about 256 KB of them, decoded in two halves at once (a large
/// plan's changes took most of `show`'s and `apply`'s start on one core). `each` still gets every
/// element in file order, and a problem is the first one in file order, after `each` got every
/// element before it, as when each element was decoded as soon as it was read.
private struct DecodingBatch<Element: Decodable> {
    let key: String
    let fast: ((JSONTape, Int) -> Element?)?
    private var pending: [(index: Int, bytes: [UInt8], start: FilePosition)] = []
    private var size = 0
    private static var flushSize: Int { 1 << 18 }
    /// Fewer elements than this are decoded on the calling thread alone.
    private static var halvingCount: Int { 32 }

    init(key: String, fast: ((JSONTape, Int) -> Element?)?) {
        self.key = key
        self.fast = fast
    }

    mutating func add(index: Int, bytes: [UInt8], start: FilePosition, each: (Element) throws -> Void) throws {
        pending.append((index, bytes, start))
        size += bytes.count
        if size >= Self.flushSize { try flush(each: each) }
    }

    mutating func flush(each: (Element) throws -> Void) throws {
        let elements = pending
        pending.removeAll(keepingCapacity: true)
        size = 0
        let key = key
        let fast = fast
        func decode(_ range: Range<Int>) -> (values: [Element], failure: (any Error)?) {
            var values: [Element] = []
            values.reserveCapacity(range.count)
            for position in range {
                let element = elements[position]
                do {
                    values.append(
                        try StreamedJSONFile.strictlyDecode(
                            element.bytes, at: [.key(key), .index(element.index)], start: element.start, fast: fast))
                } catch {
                    return (values, error)
                }
            }
            return (values, nil)
        }
        let halves: [(values: [Element], failure: (any Error)?)]
        if elements.count >= Self.halvingCount {
            let middle = elements.count / 2
            let (first, second) = concurrently({ decode(0..<middle) }, { decode(middle..<elements.count) })
            halves = [first, second]
        } else {
            halves = [decode(0..<elements.count)]
        }
        for half in halves {
            for value in half.values { try each(value) }
            if let failure = half.failure { throw failure }
        }
    }
}

/// A place in the file: 1-based line, and column in Unicode scalars.
private struct FilePosition {
    var line: Int
    var column: Int
}

/// Bytes of a file a chunk at a time, hashing each chunk as it comes, and knowing the line and
/// column of the next byte.
private struct ChunkedReader {
    let chunkSize: Int
    let readChunk: (Int) throws -> Data
    var chunk: [UInt8] = []
    var index = 0
    var atEnd = false
    var hasher = SHA256Hasher()
    var line = 1
    var column = 1

    init(chunkSize: Int, readChunk: @escaping (Int) throws -> Data) {
        self.chunkSize = chunkSize
        self.readChunk = readChunk
    }

    var position: FilePosition { FilePosition(line: line, column: column) }

    mutating func peek() throws -> UInt8? {
        while index == chunk.count {
            guard !atEnd else { return nil }
            let data = try readChunk(chunkSize)
            if data.isEmpty {
                atEnd = true
                return nil
            }
            chunk = Array(data)
            index = 0
            hasher.update(chunk)
        }
        return chunk[index]
    }

    /// Consumes the byte `peek` returned.
    mutating func advance() {
        let byte = chunk[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xc0 != 0x80 {
            column += 1
        }
    }

    mutating func skipWhitespace() {
        while let byte = try? peek(), byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { advance() }
    }

    mutating func finishDigest() -> String {
        SHA256Digest(hasher).hex
    }

    func failure(at place: FilePosition, _ message: String, path: JSONPath = []) -> StreamedJSONError {
        StreamedJSONError(path: path.rendered, line: place.line, column: place.column, message: message)
    }

    private mutating func expect(_ byte: UInt8, _ what: String, path: JSONPath) throws {
        skipWhitespace()
        guard try peek() == byte else { throw try unexpected(expecting: what, path: path) }
        advance()
    }

    private mutating func unexpected(expecting what: String, path: JSONPath) throws -> StreamedJSONError {
        guard let byte = try peek() else {
            return failure(at: position, "unexpected end of file; expected \(what)", path: path)
        }
        let shown = byte >= 0x21 && byte < 0x7f ? "'\(Character(Unicode.Scalar(byte)))'" : "character"
        return failure(at: position, "unexpected \(shown); expected \(what)", path: path)
    }

    /// The top-level object: members other than `key` are gathered (they are small) and decoded
    /// as `Head` at the end; the elements of `key`'s array go to `element` one at a time.
    mutating func object<Head: Decodable>(
        streaming key: String, head: Head.Type,
        element: (Int, [UInt8], FilePosition) throws -> Void
    ) throws -> Head {
        skipWhitespace()
        guard try peek() == UInt8(ascii: "{") else { throw try unexpected(expecting: "a JSON object", path: []) }
        advance()
        var headBytes: [UInt8] = Array("{".utf8)
        var seen: Set<String> = []
        skipWhitespace()
        var closed = try peek() == UInt8(ascii: "}")
        if closed { advance() }
        while !closed {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else {
                throw try unexpected(expecting: "a field name in double quotes", path: [])
            }
            let keyPlace = position
            let keyBytes = try value()
            let name: String = try StreamedJSONFile.strictlyDecode(keyBytes, at: [], start: keyPlace)
            guard seen.insert(name).inserted else {
                throw failure(at: keyPlace, "duplicate field '\(name)' in one object")
            }
            try expect(UInt8(ascii: ":"), "':' after the field name", path: [.key(name)])
            skipWhitespace()
            if headBytes.count > 1 { headBytes.append(UInt8(ascii: ",")) }
            headBytes += keyBytes
            headBytes.append(UInt8(ascii: ":"))
            if name == key {
                try array(path: [.key(name)], element: element)
                headBytes += Array("[]".utf8)
            } else {
                headBytes += try value()
            }
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"):
                advance()
                closed = true
            default: throw try unexpected(expecting: "',' or '}' after a field", path: [])
            }
        }
        headBytes.append(UInt8(ascii: "}"))
        return try StreamedJSONFile.strictlyDecode(headBytes, at: [], start: nil)
    }

    private mutating func array(path: JSONPath, element: (Int, [UInt8], FilePosition) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "[") else {
            // Not an array: let the decoder say what it is, with its path.
            let place = position
            _ = try StreamedJSONFile.strictlyDecode(try value(), at: path, start: place) as [JSONValue]
            return
        }
        advance()
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            advance()
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            let place = position
            try element(index, try value(), place)
            index += 1
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"):
                advance()
                return
            default: throw try unexpected(expecting: "',' or ']' after an array element", path: path + [.index(index)])
            }
        }
    }

    /// The bytes of the value that starts here, up to its end: nesting and strings are followed only
    /// to find that end; `JSONParser` checks the grammar of what this returns.
    private mutating func value() throws -> [UInt8] {
        let bytes = try scanValue()
        guard !bytes.isEmpty else { throw try unexpected(expecting: "a value", path: []) }
        return bytes
    }

    /// Follows the value through the rest of the chunk in one loop, then the next chunk, and so on.
    private mutating func scanValue() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        while try peek() != nil {
            let start = index
            var position = index
            var done = false
            chunk.withUnsafeBufferPointer { chunk in
                while position < chunk.count {
                    let byte = chunk[position]
                    if inString {
                        if escaped {
                            escaped = false
                        } else if byte == UInt8(ascii: "\\") {
                            escaped = true
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                            if depth == 0 {
                                position += 1
                                done = true
                                return
                            }
                        }
                    } else {
                        switch byte {
                        case UInt8(ascii: "\""): inString = true
                        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                        case UInt8(ascii: "}"), UInt8(ascii: "]"):
                            if depth == 0 {
                                done = true
                                return
                            }
                            depth -= 1
                            if depth == 0 {
                                position += 1
                                done = true
                                return
                            }
                        case UInt8(ascii: ","), 0x20, 0x0a, 0x0d, 0x09:
                            if depth == 0 {
                                done = true
                                return
                            }
                        default: break
                        }
                    }
                    position += 1
                }
            }
            bytes.append(contentsOf: chunk[start..<position])
            consume(upTo: position)
            if done { return bytes }
        }
        return bytes
    }

    /// Consumes the bytes of the chunk up to `end`, as `advance` would one at a time: lines are
    /// the newlines counted, the column the scalars after the last of them.
    private mutating func consume(upTo end: Int) {
        let start = index
        let (newlines, scalarsAfterLast) = chunk.withUnsafeBufferPointer { chunk -> (Int, Int) in
            var newlines = 0
            for position in start..<end where chunk[position] == UInt8(ascii: "\n") { newlines += 1 }
            var lineStart = end
            if newlines > 0 {
                while chunk[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            } else {
                lineStart = start
            }
            var scalars = 0
            for position in lineStart..<end where chunk[position] & 0xc0 != 0x80 { scalars += 1 }
            return (newlines, scalars)
        }
        if newlines > 0 {
            line += newlines
            column = 1 + scalarsAfterLast
        } else {
            column += scalarsAfterLast
        }
        index = end
    }
}
