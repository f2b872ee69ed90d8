// The Encoder and containers of `CanonicalWriter`: small handles (the writer and a value's or a
// frame's number) that pass every call on to the writer, which checks that the call comes in an
// order it can write directly and otherwise marks the run failed.

struct CanonicalValueEncoder: Encoder {
    let writer: CanonicalWriter
    let id: Int

    var codingPath: [any CodingKey] { writer.codingPath(ofValue: id) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(
            CanonicalKeyedContainer<Key>(writer: writer, frame: writer.container(of: id, isObject: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        CanonicalUnkeyedContainer(writer: writer, frame: writer.container(of: id, isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CanonicalSingleValueContainer(writer: writer, id: id)
    }
}

private struct CanonicalKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: CanonicalWriter
    let frame: Int

    var codingPath: [any CodingKey] { writer.codingPath(ofFrame: frame) }

    private func begin(_ key: Key) -> Bool {
        writer.beginMember(of: frame, key: key.stringValue) != nil
    }

    mutating func encodeNil(forKey key: Key) throws { if begin(key) { writer.writeNull() } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if begin(key) { writer.writeBool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if begin(key) { writer.writeString(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if begin(key) { writer.writeDouble(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { if begin(key) { writer.writeDouble(Double(value)) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if begin(key) { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if begin(key) { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if begin(key) { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if begin(key) { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if begin(key) { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        if begin(key) { writer.writeUnsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        if begin(key) { writer.writeUnsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        if begin(key) { writer.writeUnsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        if begin(key) { writer.writeUnsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if begin(key) { writer.writeUnsigned(value) } }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        guard let depth = writer.beginMember(of: frame, key: key.stringValue) else { return }
        try writer.encode(value, depth: depth, key: WrittenKey(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested =
            writer.beginMember(of: frame, key: key.stringValue).map {
                writer.nestedContainer(in: frame, isObject: true, depth: $0, key: WrittenKey(key))
            } ?? -1
        return KeyedEncodingContainer(CanonicalKeyedContainer<NestedKey>(writer: writer, frame: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested =
            writer.beginMember(of: frame, key: key.stringValue).map {
                writer.nestedContainer(in: frame, isObject: false, depth: $0, key: WrittenKey(key))
            } ?? -1
        return CanonicalUnkeyedContainer(writer: writer, frame: nested)
    }

    /// The tree gives a superEncoder an object its caller may replace; not imitated here.
    mutating func superEncoder() -> any Encoder {
        writer.fail()
        return CanonicalValueEncoder(writer: writer, id: -1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.fail()
        return CanonicalValueEncoder(writer: writer, id: -1)
    }
}

private struct CanonicalUnkeyedContainer: UnkeyedEncodingContainer, CanonicalLeafWriting {
    let writer: CanonicalWriter
    let frame: Int

    var codingPath: [any CodingKey] { writer.codingPath(ofFrame: frame) }
    var count: Int { writer.count(of: frame) }

    func begin() -> Bool {
        writer.beginElement(of: frame) != nil
    }

    mutating func encode(_ value: some Encodable) throws {
        guard let depth = writer.beginElement(of: frame) else { return }
        try writer.encode(value, depth: depth, key: nil)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested =
            writer.beginElement(of: frame).map {
                writer.nestedContainer(in: frame, isObject: true, depth: $0, key: nil)
            } ?? -1
        return KeyedEncodingContainer(CanonicalKeyedContainer<NestedKey>(writer: writer, frame: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested =
            writer.beginElement(of: frame).map {
                writer.nestedContainer(in: frame, isObject: false, depth: $0, key: nil)
            } ?? -1
        return CanonicalUnkeyedContainer(writer: writer, frame: nested)
    }

    mutating func superEncoder() -> any Encoder {
        writer.fail()
        return CanonicalValueEncoder(writer: writer, id: -1)
    }
}

private struct CanonicalSingleValueContainer: SingleValueEncodingContainer, CanonicalLeafWriting {
    let writer: CanonicalWriter
    let id: Int

    var codingPath: [any CodingKey] { writer.codingPath(ofValue: id) }

    func begin() -> Bool {
        writer.beginSingleValue(of: id) != nil
    }

    /// Another value written in this one's place, as the tree encoder does.
    mutating func encode(_ value: some Encodable) throws {
        guard let depth = writer.beginSingleValue(of: id) else { return }
        try writer.encode(value, depth: depth, key: nil)
    }
}

/// The leaf values of an unkeyed or single-value container, whose `encode` requirements are the
/// same: each writes one value once its place is begun (`begin`: false when the run failed).
private protocol CanonicalLeafWriting {
    var writer: CanonicalWriter { get }
    func begin() -> Bool
}

extension CanonicalLeafWriting {
    mutating func encodeNil() throws { if begin() { writer.writeNull() } }
    mutating func encode(_ value: Bool) throws { if begin() { writer.writeBool(value) } }
    mutating func encode(_ value: String) throws { if begin() { writer.writeString(value) } }
    mutating func encode(_ value: Double) throws { if begin() { writer.writeDouble(value) } }
    mutating func encode(_ value: Float) throws { if begin() { writer.writeDouble(Double(value)) } }
    mutating func encode(_ value: Int) throws { if begin() { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { if begin() { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int16) throws { if begin() { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int32) throws { if begin() { writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { if begin() { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { if begin() { writer.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { if begin() { writer.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt16) throws { if begin() { writer.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt32) throws { if begin() { writer.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt64) throws { if begin() { writer.writeUnsigned(value) } }
}
