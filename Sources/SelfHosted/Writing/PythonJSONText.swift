import SentryModel

/// JSON text as `sentry.utils.json.dumps` writes it (Sentry 23.7.1 `utils/json.py`): simplejson with
/// `separators=(",", ":")` and its default `ensure_ascii=True`, so every non-ASCII character is a
/// `\uXXXX` escape (astral ones as surrogate pairs). Whole numbers print without a fraction, as the
/// Python ints they were. Object keys keep the order given.
enum PythonJSONText {
    /// An object whose keys keep this order.
    static func object(_ members: [(String, JSONValue)]) -> String {
        "{" + members.map { quote($0.0) + ":" + text($0.1) }.joined(separator: ",") + "}"
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number):
            if number == number.rounded(), abs(number) < 9.0e15 { String(Int64(number)) } else { "\(number)" }
        case .string(let string): quote(string)
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let object):
            self.object(object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, object[$0]!) })
        }
    }

    static func quote(_ string: String) -> String {
        var out = "\""
        for unit in string.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
