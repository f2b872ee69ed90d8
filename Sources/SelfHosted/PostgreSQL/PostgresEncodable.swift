import Foundation

/// A value that can be sent to PostgreSQL as a text-format parameter or COPY field.
public protocol PostgresEncodable: Sendable {
    /// PostgreSQL's text input form of the value, or nil for NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    public var postgresText: String? { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Double: PostgresEncodable {
    /// Swift's shortest round-tripping form; PostgreSQL spells the non-finite values its own way.
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}

extension Bool: PostgresEncodable {
    public var postgresText: String? { self ? "true" : "false" }
}

extension Date: PostgresEncodable {
    /// A `timestamptz` in UTC with microseconds, PostgreSQL's own precision.
    public var postgresText: String? { TimestampText.format(self) }
}

/// A `timestamptz` formatted once, for a value many rows hold: a stage writes its one `now` into most
/// rows it makes, and formatting it again for each (even from `TimestampText`'s one-value cache) was
/// 2 % of the large apply's own work (docs/performance.md, twelfth session).
public struct PostgresTimestamp: PostgresEncodable, Sendable {
    public let date: Date
    public let postgresText: String?

    public init(_ date: Date) {
        self.date = date
        postgresText = date.postgresText
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

/// An element of a one-dimensional PostgreSQL array literal, as used with `= ANY($1)`.
public protocol PostgresArrayElement: PostgresEncodable {}

extension String: PostgresArrayElement {}
extension Int: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// `{"a","b\"c"}`: every element double-quoted, with `"` and `\` escaped, so that commas, braces,
    /// spaces and the word NULL inside strings stay data.
    /// Built as UTF-8 bytes (`"` and `\` are single bytes that never occur inside a multi-byte
    /// character): plan sends its 50,000 member e-mails this way, and appending a `Character` at a
    /// time was a twentieth of its time.
    public var postgresText: String? {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            guard let text = element.postgresText else {
                literal.append(contentsOf: "NULL".utf8)
                continue
            }
            literal.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return String(decoding: literal, as: UTF8.self)
    }
}

/// JSON text for a `json`, `jsonb` or JSON-in-`text` column.
public struct JSONText: PostgresEncodable, Hashable {
    public let text: String

    /// Text that is already JSON.
    public init(_ text: String) {
        self.text = text
    }

    /// Encodes `value` with sorted keys, so that equal values give equal bytes.
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public var postgresText: String? { text }
}
