// A JSON value as a tree: what `JSONNodeEncoder` makes and `JSONPrinter` prints (parsed files are
// read as a `JSONDocument`, which keeps the offset of every value for messages).

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
}

struct JSONMember {
    var key: String
    /// Byte offset of the key's opening quote.
    var keyOffset: Int
    var value: JSONNode
}
