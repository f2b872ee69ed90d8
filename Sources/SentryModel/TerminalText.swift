/// Text from outside (hosted names, paths, server messages) made safe for a terminal or a log: a
/// control character could end a line early and forge the next one (`\nPlan: 0 to add`), rewind it
/// (`\r`), recolour or hide it (ESC sequences, bidirectional overrides). Such characters are shown
/// as escapes instead (`\n`, `\u{1b}`).
public enum TerminalText {
    /// One value on one line: every control, line-separator and bidi-override character escaped.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            result += isHidden(scalar) ? escape(scalar) : String(scalar)
        }
        return result
    }

    /// A message of several lines: its own line breaks kept, every other such character escaped.
    public static func lines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && isHidden($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            result += scalar != "\n" && isHidden(scalar) ? escape(scalar) : String(scalar)
        }
        return result
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, bidirectional controls.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x2028...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
}
