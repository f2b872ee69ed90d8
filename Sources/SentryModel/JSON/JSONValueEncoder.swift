// Encodable values straight to `JSONValue`, the diff's comparable form of an entity (`JSONValue.of`).
// It went through the printer's tree (`JSONNodeEncoder`) and then converted that tree, numbers as text
// parsed back into doubles: two trees per entity, a twentieth of an initial apply's time. Numbers
// become the Double that text would have parsed to; non-finite ones become null.

enum JSONValueEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        try TreeEncoding<ValueTree>.encode(value)
    }
}

private enum ValueTree: EncodedTree {
    static var null: JSONValue { .null }
    static func bool(_ value: Bool) -> JSONValue { .bool(value) }
    static func string(_ value: String) -> JSONValue { .string(value) }
    static func integer<Integer: BinaryInteger>(_ value: Integer) -> JSONValue { .number(Double(value)) }
    static func number(_ value: Double) -> JSONValue { .number(value) }
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(Dictionary(members, uniquingKeysWith: { _, last in last }))
    }
    static func array(_ elements: [JSONValue]) -> JSONValue { .array(elements) }
}
