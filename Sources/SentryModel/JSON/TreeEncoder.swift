// One Encoder for the two trees values are encoded to: the printer's `JSONNode` (canonical bytes,
// numbers kept as exact text) and `JSONValue` (the diff's comparable form). Containers are filled
// in place, so a nested container written after later keys still lands where it belongs; a key
// encoded again replaces its value, and a nil optional is left out, as JSONEncoder does.

/// What a tree is built of.
protocol EncodedTree {
    associatedtype Node
    static var null: Node { get }
    static func bool(_ value: Bool) -> Node
    static func string(_ value: String) -> Node
    static func integer<Integer: BinaryInteger>(_ value: Integer) -> Node
    /// A finite number (non-finite ones are null).
    static func number(_ value: Double) -> Node
    /// Members in the order encoded, each key once.
    static func object(_ members: [(String, Node)]) -> Node
    static func array(_ elements: [Node]) -> Node
}

enum TreeEncoding<Tree: EncodedTree> {
    static func encode(_ value: some Encodable) throws -> Tree.Node {
        if let node = TreeSlot<Tree>.scalar(value) { return node }
        let encoder = TreeEncoder<Tree>(codingPath: [])
        try value.encode(to: encoder)
        return encoder.slot.node
    }
}

/// Where an encoder puts its value: nothing yet, a finished node, or a container filled in place.
private enum TreeSlot<Tree: EncodedTree> {
    case empty
    case done(Tree.Node)
    case object(TreeObject<Tree>)
    case array(TreeArray<Tree>)

    var node: Tree.Node {
        switch self {
        case .empty: Tree.object([])
        case .done(let node): node
        case .object(let box): Tree.object(box.members.map { ($0.0, $0.1.node) })
        case .array(let box): Tree.array(box.elements.map(\.node))
        }
    }

    /// The common leaf types, without an encoder of their own.
    static func scalar(_ value: some Encodable) -> Tree.Node? {
        switch value {
        case let text as String: Tree.string(text)
        case let flag as Bool: Tree.bool(flag)
        case let number as Int: Tree.integer(number)
        case let number as Int64: Tree.integer(number)
        case let number as Int32: Tree.integer(number)
        case let number as UInt64: Tree.integer(number)
        case let value as Double: number(value)
        default: nil
        }
    }

    static func number(_ value: Double) -> Tree.Node { value.isFinite ? Tree.number(value) : Tree.null }
}

private final class TreeObject<Tree: EncodedTree> {
    /// In the order encoded.
    var members: [(String, TreeSlot<Tree>)] = []
    /// Positions by key, kept only once an object is large (a plan's 70,000 entity digests): an
    /// entity's few dozen keys are found faster by a scan than by a dictionary allocated and hashed
    /// for every key of every entity.
    private var index: [String: Int]?
    private static var scanLimit: Int { 32 }

    func set(_ key: String, _ slot: TreeSlot<Tree>) {
        if let position = position(of: key) {
            members[position].1 = slot
            return
        }
        members.append((key, slot))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.scanLimit {
            index = Dictionary(members.enumerated().map { ($1.0, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func set(_ key: String, _ node: Tree.Node) { set(key, .done(node)) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.0 == key }
    }
}

private final class TreeArray<Tree: EncodedTree> {
    var elements: [TreeSlot<Tree>] = []
    func append(_ node: Tree.Node) { elements.append(.done(node)) }
}

private final class TreeEncoder<Tree: EncodedTree>: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var slot = TreeSlot<Tree>.empty

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// Encodes a nested value: a scalar directly, anything else through its own encoder.
    static func slot(for value: some Encodable, at codingPath: [any CodingKey]) throws -> TreeSlot<Tree> {
        if let node = TreeSlot<Tree>.scalar(value) { return .done(node) }
        let encoder = TreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: TreeObject<Tree>
        if case .object(let existing) = slot {
            box = existing
        } else {
            box = TreeObject()
            slot = .object(box)
        }
        return KeyedEncodingContainer(TreeKeyedContainer<Tree, Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: TreeArray<Tree>
        if case .array(let existing) = slot {
            box = existing
        } else {
            box = TreeArray()
            slot = .array(box)
        }
        return TreeUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { TreeSingleValue(encoder: self) }
}

private struct TreeKeyedContainer<Tree: EncodedTree, Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: TreeObject<Tree>
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, Tree.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, Tree.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, Tree.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.set(key.stringValue, TreeSlot<Tree>.number(value))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.set(key.stringValue, TreeSlot<Tree>.number(Double(value)))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(key.stringValue, Tree.integer(value)) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        box.set(key.stringValue, try TreeEncoder<Tree>.slot(for: value, at: codingPath + [key]))
    }

    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = TreeObject<Tree>()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(
            TreeKeyedContainer<Tree, NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = TreeArray<Tree>()
        box.set(key.stringValue, .array(nested))
        return TreeUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = TreeEncoder<Tree>(codingPath: codingPath + [key])
        let nested = TreeObject<Tree>()
        encoder.slot = .object(nested)
        box.set(key.stringValue, .object(nested))
        return encoder
    }
}

private struct TreeUnkeyedContainer<Tree: EncodedTree>: UnkeyedEncodingContainer {
    let box: TreeArray<Tree>
    let codingPath: [any CodingKey]
    var count: Int { box.elements.count }

    mutating func encodeNil() throws { box.append(Tree.null) }
    mutating func encode(_ value: Bool) throws { box.append(Tree.bool(value)) }
    mutating func encode(_ value: String) throws { box.append(Tree.string(value)) }
    mutating func encode(_ value: Double) throws { box.append(TreeSlot<Tree>.number(value)) }
    mutating func encode(_ value: Float) throws { box.append(TreeSlot<Tree>.number(Double(value))) }
    mutating func encode(_ value: Int) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: Int8) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: Int16) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: Int32) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: Int64) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: UInt) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: UInt8) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: UInt16) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: UInt32) throws { box.append(Tree.integer(value)) }
    mutating func encode(_ value: UInt64) throws { box.append(Tree.integer(value)) }

    mutating func encode(_ value: some Encodable) throws {
        box.elements.append(try TreeEncoder<Tree>.slot(for: value, at: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = TreeObject<Tree>()
        box.elements.append(.object(nested))
        return KeyedEncodingContainer(TreeKeyedContainer<Tree, NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = TreeArray<Tree>()
        box.elements.append(.array(nested))
        return TreeUnkeyedContainer(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder<Tree>(codingPath: codingPath)
        let nested = TreeObject<Tree>()
        encoder.slot = .object(nested)
        box.elements.append(.object(nested))
        return encoder
    }
}

private struct TreeSingleValue<Tree: EncodedTree>: SingleValueEncodingContainer {
    let encoder: TreeEncoder<Tree>
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ node: Tree.Node) { encoder.slot = .done(node) }

    mutating func encodeNil() throws { set(Tree.null) }
    mutating func encode(_ value: Bool) throws { set(Tree.bool(value)) }
    mutating func encode(_ value: String) throws { set(Tree.string(value)) }
    mutating func encode(_ value: Double) throws { set(TreeSlot<Tree>.number(value)) }
    mutating func encode(_ value: Float) throws { set(TreeSlot<Tree>.number(Double(value))) }
    mutating func encode(_ value: Int) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: Int8) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: Int16) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: Int32) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: Int64) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: UInt8) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: UInt16) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: UInt32) throws { set(Tree.integer(value)) }
    mutating func encode(_ value: UInt64) throws { set(Tree.integer(value)) }

    mutating func encode(_ value: some Encodable) throws {
        encoder.slot = try TreeEncoder<Tree>.slot(for: value, at: codingPath)
    }
}
