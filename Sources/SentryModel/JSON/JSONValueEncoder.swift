// Encodable values straight to `JSONValue`, the diff's comparable form of an entity (`JSONValue.of`).
// It went through the printer's tree (`JSONNodeEncoder`) and then converted that tree, numbers as text
// parsed back into doubles: two trees per entity, a twentieth of an initial apply's time.
// Numbers become the Double that tree's text would have parsed to; non-finite ones become null.

enum JSONValueEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        if let scalar = ValueSlot.scalar(value) { return scalar }
        let encoder = ValueTreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.slot.value
    }
}

/// Where an encoder puts its value: nothing yet, a finished value, or a container filled in place.
private enum ValueSlot {
    case empty
    case done(JSONValue)
    case object(ValueObject)
    case array(ValueArray)

    var value: JSONValue {
        switch self {
        case .empty: .object([:])
        case .done(let value): value
        case .object(let box): .object(box.members.mapValues(\.value))
        case .array(let box): .array(box.elements.map(\.value))
        }
    }

    static func scalar(_ value: some Encodable) -> JSONValue? {
        switch value {
        case let text as String: .string(text)
        case let flag as Bool: .bool(flag)
        case let number as Int: .number(Double(number))
        case let number as Int64: .number(Double(number))
        case let number as Int32: .number(Double(number))
        case let number as UInt64: .number(Double(number))
        case let number as Double: number.isFinite ? .number(number) : .null
        default: nil
        }
    }

    static func number(_ value: Double) -> JSONValue { value.isFinite ? .number(value) : .null }
}

/// A key encoded again replaces its value, as JSONEncoder does.
private final class ValueObject {
    var members: [String: ValueSlot] = [:]
}

private final class ValueArray {
    var elements: [ValueSlot] = []
}

private final class ValueTreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var slot = ValueSlot.empty

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    static func slot(for value: some Encodable, at codingPath: [any CodingKey]) throws -> ValueSlot {
        if let scalar = ValueSlot.scalar(value) { return .done(scalar) }
        let encoder = ValueTreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ValueObject
        if case .object(let existing) = slot {
            box = existing
        } else {
            box = ValueObject()
            slot = .object(box)
        }
        return KeyedEncodingContainer(ValueKeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ValueArray
        if case .array(let existing) = slot {
            box = existing
        } else {
            box = ValueArray()
            slot = .array(box)
        }
        return ValueUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ValueSingleContainer(encoder: self) }
}

private struct ValueKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ValueObject
    let codingPath: [any CodingKey]

    private func set(_ key: Key, _ value: JSONValue) { box.members[key.stringValue] = .done(value) }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, ValueSlot.number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, ValueSlot.number(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, .number(Double(value))) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        box.members[key.stringValue] = try ValueTreeEncoder.slot(for: value, at: codingPath + [key])
    }

    /// JSONEncoder leaves out a nil optional; so does this encoder.
    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ValueObject()
        box.members[key.stringValue] = .object(nested)
        return KeyedEncodingContainer(ValueKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ValueArray()
        box.members[key.stringValue] = .array(nested)
        return ValueUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = ValueTreeEncoder(codingPath: codingPath + [key])
        let nested = ValueObject()
        encoder.slot = .object(nested)
        box.members[key.stringValue] = .object(nested)
        return encoder
    }
}

private struct ValueUnkeyedContainer: UnkeyedEncodingContainer {
    let box: ValueArray
    let codingPath: [any CodingKey]
    var count: Int { box.elements.count }

    private func append(_ value: JSONValue) { box.elements.append(.done(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(ValueSlot.number(value)) }
    mutating func encode(_ value: Float) throws { append(ValueSlot.number(Double(value))) }
    mutating func encode(_ value: Int) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { append(.number(Double(value))) }

    mutating func encode(_ value: some Encodable) throws {
        box.elements.append(try ValueTreeEncoder.slot(for: value, at: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ValueObject()
        box.elements.append(.object(nested))
        return KeyedEncodingContainer(ValueKeyedContainer<NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ValueArray()
        box.elements.append(.array(nested))
        return ValueUnkeyedContainer(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = ValueTreeEncoder(codingPath: codingPath)
        let nested = ValueObject()
        encoder.slot = .object(nested)
        box.elements.append(.object(nested))
        return encoder
    }
}

private struct ValueSingleContainer: SingleValueEncodingContainer {
    let encoder: ValueTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: JSONValue) { encoder.slot = .done(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(ValueSlot.number(value)) }
    mutating func encode(_ value: Float) throws { set(ValueSlot.number(Double(value))) }
    mutating func encode(_ value: Int) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(Double(value))) }

    mutating func encode(_ value: some Encodable) throws {
        encoder.slot = try ValueTreeEncoder.slot(for: value, at: codingPath)
    }
}
