/// JSON text as Sentry's `sentry.utils.json.dumps` writes it (Sentry 23.7.1 `utils/json.py`):
/// simplejson with `separators=(",", ":")` and its default `ensure_ascii=True`, so every non-ASCII
/// character is a `\uXXXX` escape (astral ones as surrogate pairs), and whole numbers without a
/// fraction, as the Python ints they were. Object keys are sorted, so equal values are equal text,
/// except in `object(_:)`, which keeps the order a Python dict literal gave them.
public enum PythonJSON {
    public static func dumps(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }

    /// An object whose keys keep this order (e.g. a rule's `data`, built by Sentry in a fixed order).
    public static func object(_ members: [(String, JSONValue)]) -> String {
        var output = ""
        writeObject(members, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number):
            // Below 2^53 every whole double is exact, as the int Python held.
            if number == number.rounded(), abs(number) < 9.0e15 {
                output += String(Int64(number))
            } else {
                output += "\(number)"
            }
        case .string(let text): quote(text, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, into: &output)
            }
            output += "]"
        case .object(let members):
            writeObject(
                members.keys.sorted { $0.utf8Precedes($1) }.map { ($0, members[$0]!) },
                into: &output)
        }
    }

    private static func writeObject(_ members: [(String, JSONValue)], into output: inout String) {
        output += "{"
        for (index, (name, value)) in members.enumerated() {
            if index > 0 { output += "," }
            quote(name, into: &output)
            output += ":"
            write(value, into: &output)
        }
        output += "}"
    }

    private static func quote(_ text: String, into output: inout String) {
        output += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(unit)!)
            default:
                let hex = String(unit, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        output += "\""
    }
}
