// Encodable values straight to the JSON tree the printer and the parser share, so canonical bytes
// come from the value itself: no JSONEncoder text parsed back again. Numbers keep their exact text
// (an Int64 id stays exact); keys are sorted by the printer.

enum JSONNodeEncoder {
    static func encode(_ value: some Encodable) throws -> JSONNode {
        try TreeEncoding<NodeTree>.encode(value)
    }

    /// As JSONEncoder writes a Double: integral values without a fraction.
    static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

private enum NodeTree: EncodedTree {
    static var null: JSONNode { JSONNode(value: .null, offset: 0) }
    static func bool(_ value: Bool) -> JSONNode { JSONNode(value: .bool(value), offset: 0) }
    static func string(_ value: String) -> JSONNode { JSONNode(value: .string(value), offset: 0) }
    static func integer<Integer: BinaryInteger>(_ value: Integer) -> JSONNode {
        JSONNode(value: .number(String(value)), offset: 0)
    }
    static func number(_ value: Double) -> JSONNode {
        JSONNode(value: .number(JSONNodeEncoder.numberText(value)), offset: 0)
    }
    static func object(_ members: [(String, JSONNode)]) -> JSONNode {
        JSONNode(value: .object(members.map { JSONMember(key: $0.0, keyOffset: 0, value: $0.1) }), offset: 0)
    }
    static func array(_ elements: [JSONNode]) -> JSONNode { JSONNode(value: .array(elements), offset: 0) }
}
