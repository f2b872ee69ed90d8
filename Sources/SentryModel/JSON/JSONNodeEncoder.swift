// Encodable values straight to the JSON tree the printer shares with the parser: the canonical bytes
// of a value `CanonicalWriter` cannot write in one pass (see CanonicalWriter.swift).
// Numbers keep their exact text (an Int64 id stays exact); keys are sorted by the printer.

enum JSONNodeEncoder {
    static func encode(_ value: some Encodable) throws -> JSONNode {
        if let node = Slot.scalar(value) { return node }
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.slot.node
    }

    /// As JSONEncoder writes a Double: integral values without a fraction.
    static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

/// Where an encoder puts its value: nothing yet, a scalar, or a container filled in place.
private enum Slot {
    case empty
    case value(JSONNode)
    case object(ObjectBox)
    case array(ArrayBox)

    var node: JSONNode {
        switch self {
        case .empty: JSONNode(value: .object([]), offset: 0)
        case .value(let node): node
        case .object(let box):
            JSONNode(
                value: .object(box.members.map { JSONMember(key: $0.0, keyOffset: 0, value: $0.1.node) }), offset: 0)
        case .array(let box): JSONNode(value: .array(box.elements.map(\.node)), offset: 0)
        }
    }

    /// The common leaf types without an encoder of their own.
    static func scalar(_ value: some Encodable) -> JSONNode? {
        let node: JSONNode.Value
        switch value {
        case let text as String: node = .string(text)
        case let flag as Bool: node = .bool(flag)
        case let number as Int: node = .number(String(number))
        case let number as Int64: node = .number(String(number))
        case let number as Int32: node = .number(String(number))
        case let number as UInt64: node = .number(String(number))
        case let number as Double: node = number.isFinite ? .number(JSONNodeEncoder.numberText(number)) : .null
        default: return nil
        }
        return JSONNode(value: node, offset: 0)
    }
}

private final class ObjectBox {
    /// In the order encoded; a key encoded again replaces its value, as JSONEncoder does.
    var members: [(String, Slot)] = []
    /// Positions by key, kept only once an object is large (a plan's 70,000 entity digests): an
    /// entity's few dozen keys are found faster by a scan than by a dictionary allocated and hashed
    /// for every key of every entity.
    private var index: [String: Int]?
    private static let scanLimit = 32

    func set(_ key: String, _ slot: Slot) {
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

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.0 == key }
    }
}

private final class ArrayBox {
    var elements: [Slot] = []
}

private final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var slot = Slot.empty

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// Encodes a nested value: a scalar directly, anything else through its own encoder.
    static func slot(for value: some Encodable, at codingPath: [any CodingKey]) throws -> Slot {
        if let node = Slot.scalar(value) { return .value(node) }
        let encoder = TreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing) = slot {
            box = existing
        } else {
            box = ObjectBox()
            slot = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ArrayBox
        if case .array(let existing) = slot {
            box = existing
        } else {
            box = ArrayBox()
            slot = .array(box)
        }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValue(encoder: self) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .null, offset: 0)))
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .bool(value), offset: 0)))
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .string(value), offset: 0)))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.set(
            key.stringValue,
            .value(JSONNode(value: value.isFinite ? .number(JSONNodeEncoder.numberText(value)) : .null, offset: 0)))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.set(
            key.stringValue,
            .value(
                JSONNode(value: value.isFinite ? .number(JSONNodeEncoder.numberText(Double(value))) : .null, offset: 0))
        )
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        box.set(key.stringValue, .value(JSONNode(value: .number(String(value)), offset: 0)))
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        box.set(key.stringValue, try TreeEncoder.slot(for: value, at: codingPath + [key]))
    }

    /// JSONEncoder leaves out a nil optional; so does this encoder.
    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ObjectBox()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.set(key.stringValue, .array(nested))
        return UnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = TreeEncoder(codingPath: codingPath + [key])
        let nested = ObjectBox()
        encoder.slot = .object(nested)
        box.set(key.stringValue, .object(nested))
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: ArrayBox
    let codingPath: [any CodingKey]
    var count: Int { box.elements.count }

    mutating func encodeNil() throws { box.elements.append(.value(JSONNode(value: .null, offset: 0))) }

    mutating func encode(_ value: Bool) throws { box.elements.append(.value(JSONNode(value: .bool(value), offset: 0))) }
    mutating func encode(_ value: String) throws {
        box.elements.append(.value(JSONNode(value: .string(value), offset: 0)))
    }
    mutating func encode(_ value: Double) throws {
        box.elements.append(
            .value(JSONNode(value: value.isFinite ? .number(JSONNodeEncoder.numberText(value)) : .null, offset: 0)))
    }
    mutating func encode(_ value: Float) throws {
        box.elements.append(
            .value(
                JSONNode(value: value.isFinite ? .number(JSONNodeEncoder.numberText(Double(value))) : .null, offset: 0))
        )
    }
    mutating func encode(_ value: Int) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int8) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int16) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int32) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: Int64) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt8) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt16) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt32) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }
    mutating func encode(_ value: UInt64) throws {
        box.elements.append(.value(JSONNode(value: .number(String(value)), offset: 0)))
    }

    mutating func encode(_ value: some Encodable) throws {
        box.elements.append(try TreeEncoder.slot(for: value, at: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ObjectBox()
        box.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.elements.append(.array(nested))
        return UnkeyedContainer(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder(codingPath: codingPath)
        let nested = ObjectBox()
        encoder.slot = .object(nested)
        box.elements.append(.object(nested))
        return encoder
    }
}

private struct SingleValue: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.slot = .value(JSONNode(value: .null, offset: 0)) }

    mutating func encode(_ value: Bool) throws { encoder.slot = .value(JSONNode(value: .bool(value), offset: 0)) }
    mutating func encode(_ value: String) throws { encoder.slot = .value(JSONNode(value: .string(value), offset: 0)) }
    mutating func encode(_ value: Double) throws {
        encoder.slot = .value(
            JSONNode(value: value.isFinite ? .number(JSONNodeEncoder.numberText(value)) : .null, offset: 0))
    }
    mutating func encode(_ value: Float) throws {
        encoder.slot = .value(
            JSONNode(value: value.isFinite ? .number(JSONNodeEncoder.numberText(Double(value))) : .null, offset: 0))
    }
    mutating func encode(_ value: Int) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: Int8) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: Int16) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: Int32) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: Int64) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: UInt) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: UInt8) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: UInt16) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: UInt32) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }
    mutating func encode(_ value: UInt64) throws {
        encoder.slot = .value(JSONNode(value: .number(String(value)), offset: 0))
    }

    mutating func encode(_ value: some Encodable) throws {
        encoder.slot = try TreeEncoder.slot(for: value, at: codingPath)
    }
}
