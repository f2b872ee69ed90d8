extension PostgresConnection {
    /// The most parameters one statement can carry (the protocol counts them in 16 bits).
    public static let maximumParameters = 65535

    /// Inserts rows with multi-row `INSERT … VALUES (…), (…)` statements whose values are all bind
    /// parameters, as many rows per statement as fit in ``maximumParameters``. `suffix` is appended to
    /// every statement, e.g. `"ON CONFLICT DO NOTHING"` or `"RETURNING id"`; the returned result holds the
    /// rows of all statements, in order. Several statements are not atomic by themselves: run this inside
    /// ``withTransaction(activity:_:)`` for all-or-nothing.
    @discardableResult
    public func insert(
        into table: String, schema: String? = nil, columns: [String], rows: some Sequence<[any PostgresEncodable]>,
        suffix: SQL = "", activity: String? = nil
    ) throws(PostgresError) -> QueryResult {
        let activity = activity ?? "inserting rows into \(SQL.quoted(identifier: table))"
        guard !columns.isEmpty else { throw .misuse(activity, "an INSERT needs at least one column") }
        let rowsPerStatement = (Self.maximumParameters - suffix.parameterCount) / columns.count
        guard rowsPerStatement > 0 else {
            throw .misuse(activity, "\(columns.count) columns do not fit in one statement's parameters")
        }
        let columnList = columns.map { SQL.quoted(identifier: $0) }.joined(separator: ", ")
        let head: SQL = "INSERT INTO \(identifier: table, schema: schema) (\(unescaped: columnList)) VALUES "

        var results: [QueryResult] = []
        var statement = head
        var rowsInStatement = 0
        var rowNumber = 0
        func flush() throws(PostgresError) {
            guard rowsInStatement > 0 else { return }
            if suffix.text.isEmpty == false {
                statement.appendLiteral(" ")
                statement.append(suffix)
            }
            results.append(try query(statement, activity: activity))
            statement = head
            rowsInStatement = 0
        }

        for row in rows {
            rowNumber += 1
            guard row.count == columns.count else {
                throw .misuse(activity, "row \(rowNumber) has \(row.count) values for \(columns.count) columns")
            }
            statement.appendLiteral(rowsInStatement == 0 ? "(" : ", (")
            for (index, value) in row.enumerated() {
                if index > 0 { statement.appendLiteral(", ") }
                statement.appendParameter(value.postgresText)
            }
            statement.appendLiteral(")")
            rowsInStatement += 1
            if rowsInStatement == rowsPerStatement { try flush() }
        }
        try flush()
        return QueryResult(concatenating: results, context: activity)
    }
}
