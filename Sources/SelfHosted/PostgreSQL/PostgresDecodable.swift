import Foundation
import SentryModel

/// A value that can be read from PostgreSQL's text output.
public protocol PostgresDecodable: Sendable {
    /// Nil when the text is not a valid value of this type.
    init?(postgresText: String)
    /// How errors name the expected type, e.g. `an integer`.
    static var postgresTypeName: String { get }
}

extension String: PostgresDecodable {
    public init?(postgresText: String) { self = postgresText }
    public static var postgresTypeName: String { "text" }
}

extension Int64: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
    public static var postgresTypeName: String { "a 64-bit integer" }
}

extension Int32: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
    public static var postgresTypeName: String { "a 32-bit integer" }
}

extension Int: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
    public static var postgresTypeName: String { "an integer" }
}

extension Double: PostgresDecodable {
    /// `double precision` text: digits, exponents, `NaN`, `Infinity`.
    public init?(postgresText: String) { self.init(postgresText) }
    public static var postgresTypeName: String { "a floating-point number" }
}

extension Bool: PostgresDecodable {
    /// PostgreSQL prints booleans as `t` and `f`; the long forms are accepted too.
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
    public static var postgresTypeName: String { "a boolean" }
}

extension Date: PostgresDecodable {
    /// ISO-style timestamps, which every connection requests (`DateStyle = ISO`), with any UTC offset.
    public init?(postgresText: String) {
        guard let date = TimestampText.parse(postgresText) else { return nil }
        self = date
    }
    public static var postgresTypeName: String { "a timestamp" }
}

/// A value read from the database that is missing or not what the code expects.
public struct PostgresDecodeError: ReportableError, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The statement did not return this column: a bug in the statement or the reading code.
        case missingColumn
        /// Two result columns have this name; alias one of them.
        case ambiguousColumn
        case unexpectedNull(expected: String)
        case unparsable(expected: String)
    }

    public let problem: Problem
    public let column: String
    /// Zero-based row in the result.
    public let row: Int
    /// The statement (placeholders only, never values) or activity that produced the row.
    public let context: String

    init(_ problem: Problem, column: String, row: Int, context: String) {
        self.problem = problem
        self.column = column
        self.row = row
        self.context = context
    }

    public var exitStatus: ExitStatus {
        switch problem {
        case .missingColumn, .ambiguousColumn: .software
        case .unexpectedNull, .unparsable: .dataError
        }
    }

    public var diagnostics: [Diagnostic] {
        let place = "while \(context): column \"\(column)\" of row \(row + 1)"
        let check = "Check that row in the database, or report this if it is a supported Sentry version."
        let bug = "This is a bug in sentry-migrate; please report it with this message."
        switch problem {
        case .missingColumn:
            return [Diagnostic("internal error \(place) does not exist", next: bug)]
        case .ambiguousColumn:
            return [Diagnostic("internal error \(place) is ambiguous (two columns have that name)", next: bug)]
        case .unexpectedNull(let expected):
            return [Diagnostic("\(place) is NULL where \(expected) is required", next: check)]
        case .unparsable(let expected):
            return [Diagnostic("\(place) is not \(expected)", next: check)]
        }
    }
}
