/// PostgreSQL's COPY text format: fields separated by tabs, rows ended by newlines, NULL as `\N`, and
/// backslash escapes for the characters that would break that structure.
enum CopyText {
    private static let backslash = UInt8(ascii: "\\")
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Appends one field; false when the value holds a NUL byte, which COPY cannot carry.
    static func appendField(_ value: String?, to buffer: inout [UInt8]) -> Bool {
        guard let value else {
            buffer.append(backslash)
            buffer.append(UInt8(ascii: "N"))
            return true
        }
        // Most values have nothing to escape: appended whole, where a byte at a time was a tenth of apply's
        // own work in the members stage (docs/performance.md, twelfth session).
        let plain = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: needsEscape) else { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if plain == true { return true }
        for byte in value.utf8 {
            switch byte {
            case backslash: buffer += [backslash, backslash]
            case tab: buffer += [backslash, UInt8(ascii: "t")]
            case newline: buffer += [backslash, UInt8(ascii: "n")]
            case carriageReturn: buffer += [backslash, UInt8(ascii: "r")]
            case 0: return false
            default: buffer.append(byte)
            }
        }
        return true
    }

    /// A byte that COPY's text format escapes, or NUL, which it cannot carry.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == backslash || byte == tab || byte == newline || byte == carriageReturn || byte == 0
    }

    /// Splits one row (with or without its final newline) into fields, undoing every escape COPY can
    /// write: `\b \f \n \r \t \v \\`, octal `\ooo`, hex `\xhh`, and `\N` for NULL.
    static func parseRow(_ row: UnsafeBufferPointer<UInt8>) -> [String?] {
        var fields: [String?] = []
        var field: [UInt8] = []
        var isNull = false
        var index = 0
        var end = row.count
        if end > 0, row[end - 1] == newline { end -= 1 }

        func digit(_ byte: UInt8, radix: UInt8) -> UInt8? {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            return value < radix ? value : nil
        }

        while index < end {
            let byte = row[index]
            index += 1
            if byte == tab {
                fields.append(isNull ? nil : String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                isNull = false
                continue
            }
            guard byte == backslash, index < end else {
                field.append(byte)
                continue
            }
            let escaped = row[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "N") where field.isEmpty && (index == end || row[index] == tab): isNull = true
            case UInt8(ascii: "b"): field.append(0x08)
            case UInt8(ascii: "f"): field.append(0x0C)
            case UInt8(ascii: "n"): field.append(newline)
            case UInt8(ascii: "r"): field.append(carriageReturn)
            case UInt8(ascii: "t"): field.append(tab)
            case UInt8(ascii: "v"): field.append(0x0B)
            case UInt8(ascii: "x") where index < end && digit(row[index], radix: 16) != nil:
                var value: UInt8 = 0
                for _ in 0..<2 where index < end {
                    guard let next = digit(row[index], radix: 16) else { break }
                    value = value << 4 | next
                    index += 1
                }
                field.append(value)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = escaped - UInt8(ascii: "0")
                for _ in 0..<2 where index < end {
                    guard let next = digit(row[index], radix: 8) else { break }
                    value = value &<< 3 | next
                    index += 1
                }
                field.append(value)
            default: field.append(escaped)
            }
        }
        fields.append(isNull ? nil : String(decoding: field, as: UTF8.self))
        return fields
    }
}
