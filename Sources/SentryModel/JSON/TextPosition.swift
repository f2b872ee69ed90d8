// Line and column of an offset into a text, for messages: one index for every text the tool
// points into, generic over what the text is made of and what ends a line. Lines and columns are
// 1-based; a column counts Unicode scalars, so a line with "é" or an emoji before the problem still
// points at the right place.

/// What ends a line in a text of `Unit`s, and which units start a column.
protocol LineBreakRule {
    associatedtype Unit: Sendable
    /// The length of the line break at `index` (0 when none starts there).
    static func breakLength(in text: [Unit], at index: Int) -> Int
    /// Whether `unit` starts a new column (a scalar), rather than continuing one.
    static func startsColumn(_ unit: Unit) -> Bool
}

/// JSON files as UTF-8 bytes: `\n` ends a line; UTF-8 continuation bytes (10xxxxxx) do not start a column.
enum JSONLineBreaks: LineBreakRule {
    static func breakLength(in text: [UInt8], at index: Int) -> Int { text[index] == UInt8(ascii: "\n") ? 1 : 0 }
    static func startsColumn(_ unit: UInt8) -> Bool { unit & 0xc0 != 0x80 }
}

/// Text as Unicode scalars where `\n`, `\r\n` and a lone `\r` each end a line, as editors show
/// ownership rules (Sentry's grammar takes either character as a newline).
enum AnyNewlineBreaks: LineBreakRule {
    static func breakLength(in text: [Unicode.Scalar], at index: Int) -> Int {
        switch text[index] {
        case "\n": 1
        case "\r": index + 1 < text.count && text[index + 1] == "\n" ? 2 : 1
        default: 0
        }
    }
    static func startsColumn(_ unit: Unicode.Scalar) -> Bool { true }
}

struct LineIndex<Rule: LineBreakRule>: Sendable {
    private let text: [Rule.Unit]
    /// Offsets at which each line starts.
    private let lineStarts: [Int]

    init(_ text: [Rule.Unit]) {
        self.text = text
        var starts = [0]
        var index = 0
        while index < text.count {
            let length = Rule.breakLength(in: text, at: index)
            if length > 0 {
                index += length
                starts.append(index)
            } else {
                index += 1
            }
        }
        lineStarts = starts
    }

    /// The 1-based line and column of `offset`; offsets outside the text are taken as its start or
    /// end (the end of a text that ends with a line break is the start of one more, empty line).
    func position(of offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), text.count)
        // The last line start at or before `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let columnsBefore = text[lineStarts[low]..<offset].lazy.filter(Rule.startsColumn).count
        return (low + 1, columnsBefore + 1)
    }
}

typealias JSONLineIndex = LineIndex<JSONLineBreaks>
