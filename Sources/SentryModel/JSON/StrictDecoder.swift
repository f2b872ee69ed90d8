// Decodes `Decodable` values from a `JSONNode`, more strictly than JSONDecoder: every field a
// type does not ask for is an error (a snapshot has no room for fields nobody reads), numbers
// must fit the wanted type exactly, and every problem comes with a JSON path and a position.

struct FieldProblem: Error {
    enum Kind {
        case invalidValue
        case unknownField
    }

    var kind: Kind
    var path: JSONPath
    var offset: Int
    var message: String
}

enum StrictDecoder {
    /// Decodes `type` from the value at `index` in `document` (its root by default), found at
    /// `path` in its file. All unknown fields are reported, together with the first invalid value,
    /// if any; the value is nil when there are problems.
    static func decode<T: Decodable>(
        _ type: T.Type, from document: JSONDocument, index: Int = 0, at path: JSONPath, namesKeys: Bool = true
    ) -> (value: T?, problems: [FieldProblem]) {
        document.withTape { tape in
            let session = DecodingSession(tape: tape, root: index, rootPath: path)
            return withExtendedLifetime(session) {
                var problems: [FieldProblem] = []
                var decoded: T?
                do {
                    decoded = try TapeDecoder(session: session, index: index).decodeValue()
                } catch let error as DecodingError {
                    problems.append(problem(from: error, tape: tape, root: index, rootPath: path))
                } catch {
                    problems.append(
                        FieldProblem(
                            kind: .invalidValue, path: path, offset: Int(tape.entries[index].start),
                            message: "\(error)"))
                }
                session.unknownFields(namesKeys: namesKeys, into: &problems)
                return (problems.isEmpty ? decoded : nil, problems)
            }
        }
    }

    private static func problem(from error: DecodingError, tape: JSONTape, root: Int, rootPath: JSONPath)
        -> FieldProblem
    {
        let problem = DecodingProblem(error)
        let relative = problem.path.starts(with: rootPath) ? Array(problem.path.dropFirst(rootPath.count)) : []
        return FieldProblem(
            kind: .invalidValue, path: problem.path, offset: tape.offset(at: relative, from: root),
            message: problem.summary)
    }
}

/// The value being decoded: its document, and which objects the decoded types opened and which of
/// their members they asked for, one flag byte per entry (a set of offsets, and before that a set
/// of key strings per object, cost a sixth of the time `plan` took to read a large snapshot).
private final class DecodingSession {
    let tape: JSONTape
    let root: Int
    let rootPath: JSONPath
    /// Per entry from `root` to its end: `opened` for objects, `requested` for keys.
    private let flags: UnsafeMutableBufferPointer<UInt8>
    /// Per object entry: the key entry after the member found last (0: none yet).
    private let hints: UnsafeMutableBufferPointer<UInt32>
    private static let opened: UInt8 = 1
    private static let requested: UInt8 = 2

    init(tape: JSONTape, root: Int, rootPath: JSONPath) {
        self.tape = tape
        self.root = root
        self.rootPath = rootPath
        flags = .allocate(capacity: tape.end(of: root) - root)
        flags.initialize(repeating: 0)
        hints = .allocate(capacity: tape.end(of: root) - root)
        hints.initialize(repeating: 0)
    }

    deinit {
        flags.deallocate()
        hints.deallocate()
    }

    /// The key entry of member `name` of the object at `object`, recorded as asked for. The member
    /// after the one found last in that object is tried first: a dictionary is decoded by asking
    /// for its keys in file order, and a search from the first member each time made a plan's
    /// 70,000 entity digests take a minute (quadratic).
    func request(_ name: String, inObjectAt object: Int) -> Int? {
        flags[object - root] |= Self.opened
        let key: Int
        let hint = Int(hints[object - root])
        if hint != 0, hint < tape.end(of: object), tape.key(hint, isPlainASCII: name) {
            key = hint
        } else {
            guard let found = tape.memberKey(name, of: object) else { return nil }
            key = found
        }
        flags[key - root] |= Self.requested
        hints[object - root] = UInt32(truncatingIfNeeded: tape.end(of: key + 1))
        return key
    }

    func requestAll(inObjectAt object: Int) {
        flags[object - root] |= Self.opened
        var key = object + 1
        for _ in 0..<tape.entries[object].length {
            flags[key - root] |= Self.requested
            key = tape.end(of: key + 1)
        }
    }

    func codingPath(to index: Int) -> [any CodingKey] {
        (rootPath + tape.path(to: index, from: root)).map(PathKey.init)
    }

    func unknownFields(namesKeys: Bool, into problems: inout [FieldProblem]) {
        if tape.hasChildren(root) { walk(root, namesKeys: namesKeys, into: &problems) }
    }

    /// Depth first, in file order; a path is built only for a problem.
    private func walk(_ index: Int, namesKeys: Bool, into problems: inout [FieldProblem]) {
        let entry = tape.entries[index]
        if entry.kind == .object {
            let known = flags[index - root] & Self.opened != 0
            var key = index + 1
            for _ in 0..<entry.length {
                if known, flags[key - root] & Self.requested == 0 {
                    let path = rootPath + tape.path(to: index, from: root)
                    let name = tape.string(at: key)
                    let message =
                        namesKeys
                        ? "unknown field '\(name)'"
                        : "unknown field (its name is not shown because this file holds secrets)"
                    problems.append(
                        FieldProblem(
                            kind: .unknownField, path: namesKeys ? path + [.key(name)] : path,
                            offset: Int(tape.entries[key].start), message: message))
                } else if tape.hasChildren(key + 1) {
                    walk(key + 1, namesKeys: namesKeys, into: &problems)
                }
                key = tape.end(of: key + 1)
            }
        } else if entry.kind == .array {
            var element = index + 1
            for _ in 0..<entry.length {
                if tape.hasChildren(element) { walk(element, namesKeys: namesKeys, into: &problems) }
                element = tape.end(of: element)
            }
        }
    }
}

/// A coding key that stands for a JSON path component; an array position is `Index N`, as
/// `DecodingProblem` reads it back.
private struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ component: JSONPathComponent) {
        switch component {
        case .key(let key): self.init(stringValue: key)
        case .index(let index): self.init(index: index)
        }
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init?(intValue: Int) {
        self.init(index: intValue)
    }
}

private func mismatch(_ expected: String, _ session: DecodingSession, _ index: Int, _ type: Any.Type)
    -> DecodingError
{
    .typeMismatch(
        type,
        .init(
            codingPath: session.codingPath(to: index),
            debugDescription: "expected \(expected), found \(session.tape.kindDescription(of: index))"))
}

// The decoders and containers below refer to the session without counting references: it lives
// for the whole of `StrictDecoder.decode`, which none of them outlives. Coding paths are made from
// the tape only when asked for (an error), instead of an array per value decoded.

private struct TapeDecoder: Decoder {
    unowned(unsafe) let session: DecodingSession
    let index: Int
    var codingPath: [any CodingKey] { session.codingPath(to: index) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard session.tape.entries[index].kind == .object else {
            throw mismatch("an object", session, index, [String: Any].self)
        }
        return KeyedDecodingContainer(KeyedTapeContainer<Key>(session: session, object: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard session.tape.entries[index].kind == .array else {
            throw mismatch("an array", session, index, [Any].self)
        }
        return UnkeyedTapeContainer(session: session, array: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleTapeContainer(session: session, index: index)
    }

    /// `T` from this value. A `JSONValue` is converted straight from the tape: its `Decodable` init
    /// tries each case in turn, throwing on every miss, which dominated reading large plan files.
    /// Both ways give the same value, and neither checks the fields of a free-form object. Arrays
    /// of strings (notes, lists of slugs) are read straight too.
    func decodeValue<T: Decodable>() throws -> T {
        if T.self == JSONValue.self, let value = JSONValue(session.tape, index) { return value as! T }
        if T.self == String.self, session.tape.entries[index].kind == .string {
            return session.tape.string(at: index) as! T
        }
        if T.self == [String].self, let strings = stringArray() { return strings as! T }
        return try T(from: self)
    }

    /// The strings of an array that holds only strings.
    private func stringArray() -> [String]? {
        let tape = session.tape
        let entry = tape.entries[index]
        guard entry.kind == .array else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(Int(entry.length))
        var element = index + 1
        for _ in 0..<entry.length {
            guard tape.entries[element].kind == .string else { return nil }
            strings.append(tape.string(at: element))
            element = tape.end(of: element)
        }
        return strings
    }
}

private struct KeyedTapeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    unowned(unsafe) let session: DecodingSession
    let object: Int

    var codingPath: [any CodingKey] { session.codingPath(to: object) }

    var allKeys: [Key] {
        session.requestAll(inObjectAt: object)
        let tape = session.tape
        var keys: [Key] = []
        var key = object + 1
        for _ in 0..<tape.entries[object].length {
            if let codingKey = Key(stringValue: tape.string(at: key)) { keys.append(codingKey) }
            key = tape.end(of: key + 1)
        }
        return keys
    }

    func contains(_ key: Key) -> Bool {
        session.request(key.stringValue, inObjectAt: object) != nil
    }

    private func child(_ key: Key) throws -> TapeDecoder {
        TapeDecoder(session: session, index: try value(key))
    }

    /// The member's value, recorded as asked for.
    private func value(_ key: Key) throws -> Int {
        guard let found = session.request(key.stringValue, inObjectAt: object) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing field"))
        }
        return found + 1
    }

    /// The member's value, or nil when it is absent or null (one lookup, where the protocol's default
    /// `decodeIfPresent` makes three: `contains`, `decodeNil`, `decode`).
    private func presentValue(_ key: Key) -> Int? {
        guard let found = session.request(key.stringValue, inObjectAt: object),
            session.tape.entries[found + 1].kind != .null
        else { return nil }
        return found + 1
    }

    // Strings, booleans and 64-bit integers are most of a snapshot's fields: read straight from the
    // tape when the value has the wanted kind. Anything else goes the general way, which builds the
    // coding path and the error.

    private func string(_ index: Int) throws -> String {
        if session.tape.entries[index].kind == .string { return session.tape.string(at: index) }
        return try String(from: TapeDecoder(session: session, index: index))
    }

    private func bool(_ index: Int) throws -> Bool {
        switch session.tape.entries[index].kind {
        case .true: return true
        case .false: return false
        default: return try Bool(from: TapeDecoder(session: session, index: index))
        }
    }

    private func int64(_ index: Int) throws -> Int64 {
        if session.tape.entries[index].kind == .number, let value: Int64 = session.tape.integer(at: index) {
            return value
        }
        return try Int64(from: TapeDecoder(session: session, index: index))
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentValue(key).map { try string($0) }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentValue(key).map { try bool($0) }
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try presentValue(key).map { try int64($0) }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentValue(key).map { try TapeDecoder(session: session, index: $0).decodeValue() }
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        session.tape.entries[try value(key)].kind == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key).decodeValue()
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bool(value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try string(value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try type.init(from: child(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try type.init(from: child(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try type.init(from: child(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try type.init(from: child(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try type.init(from: child(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try type.init(from: child(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try int64(value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try type.init(from: child(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try type.init(from: child(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try type.init(from: child(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try type.init(from: child(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try type.init(from: child(key)) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        try child(Key(stringValue: "super")!)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try child(key)
    }
}

private struct UnkeyedTapeContainer: UnkeyedDecodingContainer {
    unowned(unsafe) let session: DecodingSession
    let array: Int
    /// The entry of the element at `currentIndex`.
    private var element: Int
    var currentIndex = 0

    init(session: DecodingSession, array: Int) {
        self.session = session
        self.array = array
        element = array + 1
    }

    var codingPath: [any CodingKey] { session.codingPath(to: array) }
    var count: Int? { Int(session.tape.entries[array].length) }
    var isAtEnd: Bool { currentIndex >= Int(session.tape.entries[array].length) }

    private mutating func next() throws -> TapeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "the array has too few elements"))
        }
        let decoder = TapeDecoder(session: session, index: element)
        element = session.tape.end(of: element)
        currentIndex += 1
        return decoder
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, session.tape.entries[element].kind == .null else { return false }
        element = session.tape.end(of: element)
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue() }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleTapeContainer: SingleValueDecodingContainer {
    unowned(unsafe) let session: DecodingSession
    let index: Int

    var codingPath: [any CodingKey] { session.codingPath(to: index) }
    private var kind: JSONEntry.Kind { session.tape.entries[index].kind }

    func decodeNil() -> Bool { kind == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch kind {
        case .true: return true
        case .false: return false
        default: throw mismatch("true or false", session, index, type)
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard kind == .string else { throw mismatch("a string", session, index, type) }
        return session.tape.string(at: index)
    }

    func decode(_ type: Double.Type) throws -> Double { try floatingPoint() }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint() }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try TapeDecoder(session: session, index: index).decodeValue()
    }

    private func integer<T: FixedWidthInteger>() throws -> T {
        guard kind == .number else { throw mismatch("an integer", session, index, T.self) }
        guard let value: T = session.tape.integer(at: index) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath,
                    debugDescription:
                        "expected an integer from \(T.min) to \(T.max), found \(session.tape.numberText(at: index))"))
        }
        return value
    }

    private func floatingPoint<T: LosslessStringConvertible>() throws -> T {
        guard kind == .number, let value = T(session.tape.numberText(at: index)) else {
            throw mismatch("a number", session, index, T.self)
        }
        return value
    }
}
