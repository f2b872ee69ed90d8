import CLibPQ
import Foundation

/// The rows a statement returned, copied out of libpq (whose result is freed at once).
public struct QueryResult: Sendable, RandomAccessCollection {
    public let columns: [String]
    /// Rows inserted, updated, deleted or copied, as the command tag reports (0 when it has none).
    public let rowsAffected: Int
    /// What produced the rows, for decode errors.
    let context: String
    /// Whether two columns share a name (then asking for it is an error).
    private let hasRepeatedNames: Bool
    /// Values row after row; nil is NULL.
    private let values: [String?]

    init(columns: [String], values: [String?], rowsAffected: Int, context: String) {
        self.columns = columns
        self.values = values
        self.rowsAffected = rowsAffected
        self.context = context
        hasRepeatedNames = Set(columns).count != columns.count
    }

    /// No rows, for a query not worth sending.
    static let empty = QueryResult(columns: [], values: [], rowsAffected: 0, context: "")

    init(copying result: OpaquePointer, context: String) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) != 0 {
                    values.append(nil)
                } else {
                    let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                    let length = Int(PQgetlength(result, row, column))
                    values.append(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
            }
        }
        self.init(
            columns: columns, values: values, rowsAffected: Int(String(cString: PQcmdTuples(result))) ?? 0,
            context: context)
    }

    /// Rows of several results with the same columns, as one (for chunked statements).
    init(concatenating results: [QueryResult], context: String) {
        self.init(
            columns: results.first?.columns ?? [], values: results.flatMap(\.values),
            rowsAffected: results.reduce(0) { $0 + $1.rowsAffected }, context: context)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(result: self, index: position)
    }

    /// The position of `column`. A scan of the few names: every value read asks, and hashing the
    /// name each time was a quarter of reading a large organization's rows.
    func position(of column: String, row: Int) throws(PostgresDecodeError) -> Int {
        guard let position = columns.firstIndex(of: column) else {
            throw PostgresDecodeError(.missingColumn, column: column, row: row, context: context)
        }
        if hasRepeatedNames, columns[(position + 1)...].contains(column) {
            throw PostgresDecodeError(.ambiguousColumn, column: column, row: row, context: context)
        }
        return position
    }

    func value(row: Int, column: Int) -> String? {
        values[row * columns.count + column]
    }
}

/// One row of a ``QueryResult``. Accessors take a column name and throw a ``PostgresDecodeError`` naming
/// the column, row and statement when the value is NULL where one is required, or does not parse.
public struct PostgresRow: Sendable {
    let result: QueryResult
    /// Zero-based position in the result.
    public let index: Int

    /// The raw text of a column, nil for NULL.
    public func text(_ column: String) throws(PostgresDecodeError) -> String? {
        result.value(row: index, column: try result.position(of: column, row: index))
    }

    /// A non-NULL value of any decodable type.
    public func decode<Value: PostgresDecodable>(
        _ column: String, as type: Value.Type = Value.self
    ) throws(PostgresDecodeError) -> Value {
        guard let value = try decodeIfPresent(column, as: type) else {
            throw PostgresDecodeError(
                .unexpectedNull(expected: Value.postgresTypeName), column: column, row: index, context: result.context)
        }
        return value
    }

    /// A value of any decodable type, nil for NULL.
    public func decodeIfPresent<Value: PostgresDecodable>(
        _ column: String, as type: Value.Type = Value.self
    ) throws(PostgresDecodeError) -> Value? {
        guard let text = try text(column) else { return nil }
        guard let value = Value(postgresText: text) else {
            throw PostgresDecodeError(
                .unparsable(expected: Value.postgresTypeName), column: column, row: index, context: result.context)
        }
        return value
    }

    public func string(_ column: String) throws(PostgresDecodeError) -> String { try decode(column) }
    public func optionalString(_ column: String) throws(PostgresDecodeError) -> String? { try decodeIfPresent(column) }
    public func int64(_ column: String) throws(PostgresDecodeError) -> Int64 { try decode(column) }
    public func optionalInt64(_ column: String) throws(PostgresDecodeError) -> Int64? { try decodeIfPresent(column) }
    public func int(_ column: String) throws(PostgresDecodeError) -> Int { try decode(column) }
    public func optionalInt(_ column: String) throws(PostgresDecodeError) -> Int? { try decodeIfPresent(column) }
    public func double(_ column: String) throws(PostgresDecodeError) -> Double { try decode(column) }
    public func optionalDouble(_ column: String) throws(PostgresDecodeError) -> Double? { try decodeIfPresent(column) }
    public func bool(_ column: String) throws(PostgresDecodeError) -> Bool { try decode(column) }
    public func optionalBool(_ column: String) throws(PostgresDecodeError) -> Bool? { try decodeIfPresent(column) }
    public func date(_ column: String) throws(PostgresDecodeError) -> Date { try decode(column) }
    public func optionalDate(_ column: String) throws(PostgresDecodeError) -> Date? { try decodeIfPresent(column) }
}
