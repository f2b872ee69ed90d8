import SentryModel

/// How plan values read in text and Markdown: JSON-like, one line, strings quoted with their control
/// characters escaped (so a name cannot forge a line of the plan), whole numbers without a fraction.
enum ValueText {
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .string(let text): return quoted(text)
        case .array(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let object):
            let pairs = object.sortedByField.map { "\($0.key): \(render($0.value))" }
            return "{" + pairs.joined(separator: ", ") + "}"
        }
    }

    /// `text` as it is when it has no character that could forge or hide a line, else quoted.
    static func plain(_ text: String) -> String {
        !text.isEmpty && !text.unicodeScalars.contains(where: isHidden) ? text : quoted(text)
    }

    /// Control, line-separator and bidirectional-override characters: they could break or disguise a line.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if isHidden(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The lines of a multi-line text change, as `-`, `+` and ` ` lines (longest common subsequence).
    static func lineDiff(before: String?, after: String?) -> [String] {
        let old = before.map(lines) ?? []
        let new = after.map(lines) ?? []
        guard old.count * new.count <= 4_000_000 else {
            return old.map { "- " + $0 } + new.map { "+ " + $0 }
        }
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [String] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                result.append("  " + old[i])
                i += 1
                j += 1
            } else if j < new.count, i == old.count || table[i][j + 1] >= table[i + 1][j] {
                result.append("+ " + new[j])
                j += 1
            } else {
                result.append("- " + old[i])
                i += 1
            }
        }
        return result
    }

    /// Lines with control characters other than tabs escaped, for the same reason as `quoted`.
    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = quoted(String(line).replacing("\t", with: "    "))
            return String(escaped.dropFirst().dropLast()).replacing("\\\"", with: "\"").replacing("\\\\", with: "\\")
        }
    }

    static func isMultiline(_ value: JSONValue?) -> Bool {
        if case .string(let text) = value { return text.contains("\n") }
        return false
    }
}
