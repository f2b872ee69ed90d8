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
    /// Decodes `type` from `node`, found at `path` in its file. All unknown fields are
    /// reported, together with the first invalid value, if any; the value is nil when there
    /// are problems.
    static func decode<T: Decodable>(
        _ type: T.Type, from node: JSONNode, at path: JSONPath, namesKeys: Bool = true
    ) -> (value: T?, problems: [FieldProblem]) {
        let session = DecodingSession()
        let decoder = NodeDecoder(node: node, codingPath: path.map(PathKey.init), session: session)
        var problems: [FieldProblem] = []
        var decoded: T?
        do {
            decoded = try T(from: decoder)
        } catch let error as DecodingError {
            problems.append(problem(from: error, root: node, rootPath: path))
        } catch {
            problems.append(FieldProblem(kind: .invalidValue, path: path, offset: node.offset, message: "\(error)"))
        }
        session.unknownFields(in: node, at: path, namesKeys: namesKeys, into: &problems)
        return (problems.isEmpty ? decoded : nil, problems)
    }

    private static func problem(from error: DecodingError, root: JSONNode, rootPath: JSONPath) -> FieldProblem {
        let problem = DecodingProblem(error)
        let relative = problem.path.starts(with: rootPath) ? Array(problem.path.dropFirst(rootPath.count)) : []
        return FieldProblem(
            kind: .invalidValue, path: problem.path, offset: root.offset(at: relative), message: problem.summary)
    }
}

/// Remembers which objects the decoded types opened and which of their members they asked for,
/// each by its byte offset (unique in a file): two sets of integers for the whole document, where a
/// set of key strings per object was a sixth of the time `plan` took to read a large snapshot.
private final class DecodingSession {
    /// Objects a type asked at least one field of (present or not).
    private var opened: Set<Int> = []
    /// Members asked for, by the offset of their key.
    private var requested: Set<Int> = []

    func request(_ member: JSONMember?, inObjectAt offset: Int) {
        opened.insert(offset)
        if let member { requested.insert(member.keyOffset) }
    }

    func requestAll(inObjectAt offset: Int, _ members: [JSONMember]) {
        opened.insert(offset)
        for member in members { requested.insert(member.keyOffset) }
    }

    func unknownFields(in node: JSONNode, at path: JSONPath, namesKeys: Bool, into problems: inout [FieldProblem]) {
        var path = path
        walk(node, at: &path, namesKeys: namesKeys, into: &problems)
    }

    /// `path` is extended and restored in place: a path is built only for a problem.
    private func walk(_ node: JSONNode, at path: inout JSONPath, namesKeys: Bool, into problems: inout [FieldProblem]) {
        switch node.value {
        case .object(let members):
            let known = opened.contains(node.offset)
            for member in members {
                if known, !requested.contains(member.keyOffset) {
                    let message =
                        namesKeys
                        ? "unknown field '\(member.key)'"
                        : "unknown field (its name is not shown because this file holds secrets)"
                    problems.append(
                        FieldProblem(
                            kind: .unknownField, path: namesKeys ? path + [.key(member.key)] : path,
                            offset: member.keyOffset, message: message))
                } else if member.value.hasChildren {
                    path.append(.key(member.key))
                    walk(member.value, at: &path, namesKeys: namesKeys, into: &problems)
                    path.removeLast()
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() where element.hasChildren {
                path.append(.index(index))
                walk(element, at: &path, namesKeys: namesKeys, into: &problems)
                path.removeLast()
            }
        default:
            break
        }
    }
}

extension JSONNode {
    fileprivate var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// An object or array with members or elements: only those can hold unknown fields.
    fileprivate var hasChildren: Bool {
        switch value {
        case .object(let members): !members.isEmpty
        case .array(let elements): !elements.isEmpty
        default: false
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

private func mismatch(_ expected: String, _ node: JSONNode, _ path: [any CodingKey], _ type: Any.Type) -> DecodingError
{
    .typeMismatch(
        type, .init(codingPath: path, debugDescription: "expected \(expected), found \(node.kindDescription)"))
}

private struct NodeDecoder: Decoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    let session: DecodingSession
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node.value else {
            throw mismatch("an object", node, codingPath, [String: Any].self)
        }
        return KeyedDecodingContainer(
            KeyedNodeContainer<Key>(object: node, members: members, codingPath: codingPath, session: session))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = node.value else {
            throw mismatch("an array", node, codingPath, [Any].self)
        }
        return UnkeyedNodeContainer(elements: elements, codingPath: codingPath, session: session)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath, session: session)
    }

    /// `T` from this node. A `JSONValue` is converted straight from the node: its `Decodable` init
    /// tries each case in turn, throwing on every miss, which dominated reading large plan files.
    /// Both ways give the same value, and neither checks the fields of a free-form object.
    func decodeValue<T: Decodable>() throws -> T {
        if T.self == JSONValue.self, let value = JSONValue(node) { return value as! T }
        return try T(from: self)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONNode
    let members: [JSONMember]
    let codingPath: [any CodingKey]
    let session: DecodingSession

    var allKeys: [Key] {
        session.requestAll(inObjectAt: object.offset, members)
        return members.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool {
        let member = members.first { $0.key == key.stringValue }
        session.request(member, inObjectAt: object.offset)
        return member != nil
    }

    private func child(_ key: Key) throws -> NodeDecoder {
        NodeDecoder(node: try node(key), codingPath: codingPath + [key], session: session)
    }

    /// The member's value, recorded as asked for.
    private func node(_ key: Key) throws -> JSONNode {
        let name = key.stringValue
        let member = members.first { $0.key == name }
        session.request(member, inObjectAt: object.offset)
        guard let member else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing field"))
        }
        return member.value
    }

    /// The member's value, or nil when it is absent or null (one lookup, where the protocol's default
    /// `decodeIfPresent` makes three: `contains`, `decodeNil`, `decode`).
    private func presentNode(_ key: Key) -> JSONNode? {
        let name = key.stringValue
        let member = members.first { $0.key == name }
        session.request(member, inObjectAt: object.offset)
        guard let member, !member.value.isNull else { return nil }
        return member.value
    }

    // Strings, booleans and 64-bit integers are most of a snapshot's fields: read straight from the
    // node when it has the wanted kind. Anything else goes the general way, which builds the coding
    // path and the error.

    private func string(_ node: JSONNode, _ key: Key) throws -> String {
        if case .string(let text) = node.value { return text }
        return try String(from: NodeDecoder(node: node, codingPath: codingPath + [key], session: session))
    }

    private func bool(_ node: JSONNode, _ key: Key) throws -> Bool {
        if case .bool(let flag) = node.value { return flag }
        return try Bool(from: NodeDecoder(node: node, codingPath: codingPath + [key], session: session))
    }

    private func int64(_ node: JSONNode, _ key: Key) throws -> Int64 {
        if case .number(let text) = node.value, let value = Int64(text) { return value }
        return try Int64(from: NodeDecoder(node: node, codingPath: codingPath + [key], session: session))
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentNode(key).map { try string($0, key) }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentNode(key).map { try bool($0, key) }
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try presentNode(key).map { try int64($0, key) }
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try child(key).node.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key).decodeValue()
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bool(node(key), key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try string(node(key), key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try type.init(from: child(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try type.init(from: child(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try type.init(from: child(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try type.init(from: child(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try type.init(from: child(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try type.init(from: child(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try int64(node(key), key) }
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

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let elements: [JSONNode]
    let codingPath: [any CodingKey]
    let session: DecodingSession
    var currentIndex = 0

    init(elements: [JSONNode], codingPath: [any CodingKey], session: DecodingSession) {
        self.elements = elements
        self.codingPath = codingPath
        self.session = session
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "the array has too few elements"))
        }
        defer { currentIndex += 1 }
        return NodeDecoder(
            node: elements[currentIndex], codingPath: codingPath + [PathKey(index: currentIndex)], session: session)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex].value else { return false }
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

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    let session: DecodingSession

    func decodeNil() -> Bool {
        if case .null = node.value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = node.value else { throw mismatch("true or false", node, codingPath, type) }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = node.value else { throw mismatch("a string", node, codingPath, type) }
        return text
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
        try NodeDecoder(node: node, codingPath: codingPath, session: session).decodeValue()
    }

    private func integer<T: FixedWidthInteger>() throws -> T {
        guard case .number(let text) = node.value else { throw mismatch("an integer", node, codingPath, T.self) }
        guard let value = T(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath,
                    debugDescription: "expected an integer from \(T.min) to \(T.max), found \(text)"))
        }
        return value
    }

    private func floatingPoint<T: LosslessStringConvertible>() throws -> T {
        guard case .number(let text) = node.value, let value = T(text) else {
            throw mismatch("a number", node, codingPath, T.self)
        }
        return value
    }
}
