// A parsed JSON document that remembers where each value starts, so that every problem in a
// snapshot file can be reported with its line and column.

struct JSONNode {
    indirect enum Value {
        case null
        case bool(Bool)
        /// The number's text as written; decoding decides whether it fits the wanted type.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in file order (the parser refuses duplicate keys).
        case object([JSONMember])
    }

    var value: Value
    /// Byte offset of the value's first byte.
    var offset: Int

    /// How a person would name this kind of value in an error message.
    var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    func member(_ key: String) -> JSONMember? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }
    }
}

struct JSONMember {
    var key: String
    /// Byte offset of the key's opening quote.
    var keyOffset: Int
    var value: JSONNode
}
