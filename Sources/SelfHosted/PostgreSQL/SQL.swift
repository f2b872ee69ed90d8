/// A statement whose values travel only as `$n` bind parameters, never inside the SQL text.
///
///     let rows = try connection.query("SELECT id FROM \(identifier: table) WHERE slug = \(slug)")
///
/// `\(value)` adds a parameter (any ``PostgresEncodable``; `nil` becomes NULL), `\(identifier: name)` adds a
/// quoted identifier, `\(fragment)` splices another `SQL` with its parameters renumbered, and
/// `\(unescaped: text)` is the one escape hatch, for trusted SQL text only (never user data).
/// A `SQL` can only be made from a literal, so a runtime `String` cannot become SQL by accident.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The text around the parameters: `segments.count == parameters.count + 1`.
    private(set) var segments: [String]
    /// Text values of the parameters in order; nil is NULL. May hold secrets: never print them.
    private(set) var parameters: [String?]

    public init(stringLiteral value: String) {
        segments = [value]
        parameters = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.sql
    }

    /// Trusted SQL text built at run time (for example DDL read from the project's own fixture files).
    public init(unescaped text: String) {
        self.init(stringLiteral: text)
    }

    public var parameterCount: Int { parameters.count }

    /// The statement text with `$1…$n` placeholders.
    public var text: String {
        var text = segments[0]
        for index in parameters.indices {
            text += "$\(index + 1)"
            text += segments[index + 1]
        }
        return text
    }

    /// The text with placeholders; parameter values are never shown.
    public var description: String { text }

    mutating func append(_ other: SQL) {
        segments[segments.count - 1] += other.segments[0]
        segments += other.segments.dropFirst()
        parameters += other.parameters
    }

    mutating func appendLiteral(_ literal: String) {
        segments[segments.count - 1] += literal
    }

    mutating func appendParameter(_ value: String?) {
        parameters.append(value)
        segments.append("")
    }

    /// `"name"`, with embedded double quotes doubled, as PostgreSQL's `quote_ident` does.
    static func quoted(identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = SQL(stringLiteral: "")

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            sql.appendLiteral(literal)
        }

        /// A bind parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            sql.appendParameter(value.postgresText)
        }

        /// A bind parameter; `nil` binds NULL. (Spelled out so that optionals need no cast.)
        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            sql.appendParameter(value?.postgresText)
        }

        /// A quoted identifier (table, column, schema), never a parameter.
        public mutating func appendInterpolation(identifier: String) {
            sql.appendLiteral(SQL.quoted(identifier: identifier))
        }

        /// A schema-qualified name, each part quoted.
        public mutating func appendInterpolation(identifier: String, schema: String?) {
            if let schema { sql.appendLiteral(SQL.quoted(identifier: schema) + ".") }
            sql.appendLiteral(SQL.quoted(identifier: identifier))
        }

        /// Another statement fragment; its parameters are renumbered to follow ours.
        public mutating func appendInterpolation(_ fragment: SQL) {
            sql.append(fragment)
        }

        /// Trusted SQL text, inserted as is. Never pass data here: that is what `\(value)` is for.
        public mutating func appendInterpolation(unescaped text: String) {
            sql.appendLiteral(text)
        }
    }
}

extension Sequence<SQL> {
    /// The fragments joined by a trusted separator, such as `", "` or `" AND "`.
    public func joined(separator: String) -> SQL {
        var result = SQL(stringLiteral: "")
        for (index, fragment) in enumerated() {
            if index > 0 { result.appendLiteral(separator) }
            result.append(fragment)
        }
        return result
    }
}
