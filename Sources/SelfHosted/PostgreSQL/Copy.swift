import CLibPQ

extension PostgresConnection {
    /// Loads rows with `COPY … FROM STDIN` (text format), the fastest way into PostgreSQL, and returns how
    /// many were copied. Each row holds one value per column, in order; nil optionals are NULL. All rows
    /// go in or none do (COPY is one statement).
    @discardableResult
    public func copyIn(
        table: String, schema: String? = nil, columns: [String], rows: some Sequence<[any PostgresEncodable]>,
        activity: String? = nil
    ) throws(PostgresError) -> Int {
        do {
            return try copyIn(table: table, schema: schema, columns: columns, activity: activity) { send in
                for row in rows { try send(row) }
            }
        } catch let error as PostgresError {
            throw error
        } catch {
            preconditionFailure("only PostgresError is thrown: \(error)")
        }
    }

    /// `COPY … FROM STDIN` of the rows `produce` sends, one at a time, as it makes them: the caller need
    /// not hold all of them (50,000 member rows) at once. An error `produce` throws stops the copy (the
    /// server rolls the statement back) and is rethrown.
    @discardableResult
    public func copyIn(
        table: String, schema: String? = nil, columns: [String], activity: String? = nil,
        produce: (_ send: ([any PostgresEncodable]) throws -> Void) throws -> Void
    ) throws -> Int {
        try copyInText(table: table, schema: schema, columns: columns, activity: activity) { sendText in
            try withoutActuallyEscaping(sendText) { sendText in
                try produce { row in try sendText(row.map(\.postgresText)) }
            }
        }
    }

    /// `copyIn(table:schema:columns:activity:produce:)` of rows already in PostgreSQL's text form (nil
    /// for NULL): the writers check each value's text against its column before sending it, so each
    /// value is turned into text once.
    @discardableResult
    public func copyInText(
        table: String, schema: String? = nil, columns: [String], activity: String? = nil,
        produce: (_ send: ([String?]) throws -> Void) throws -> Void
    ) throws -> Int {
        let columnList = columns.map { SQL.quoted(identifier: $0) }.joined(separator: ", ")
        let statement: SQL = "COPY \(identifier: table, schema: schema) (\(unescaped: columnList)) FROM STDIN"
        let activity = activity ?? "copying rows into \(SQL.quoted(identifier: table))"
        try startCopy(statement, activity: activity, expecting: PGRES_COPY_IN)

        let flushSize = 1 << 16
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushSize + 4096)
        var rowNumber = 0
        /// Set once a send failed: the copy is already over (its results collected).
        var ended = false
        do {
            try produce { row in
                rowNumber += 1
                guard row.count == columns.count else {
                    let reason = "row \(rowNumber) has \(row.count) values for \(columns.count) columns"
                    throw PostgresError.misuse(activity, reason)
                }
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.append(UInt8(ascii: "\t")) }
                    guard CopyText.appendField(value, to: &buffer) else {
                        let reason = "row \(rowNumber), column \"\(columns[index])\" contains a NUL character"
                        throw PostgresError(
                            kind: .statement, activity: activity, sqlState: "22021",
                            message: "\(reason), which PostgreSQL text cannot hold")
                    }
                }
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= flushSize {
                    guard send(buffer) else {
                        ended = true
                        throw copyFailure(activity)
                    }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            if !ended {
                let reason = (error as? PostgresError)?.message ?? "a row was refused before it was sent"
                _ = abortCopy(reason, error: .misuse(activity, reason), activity: activity)
            }
            throw error
        }
        if !buffer.isEmpty, !send(buffer) { throw copyFailure(activity) }
        guard PQputCopyEnd(handle, nil) == 1 else { throw copyFailure(activity) }
        let outcome = finishCopy(activity: activity)
        if let error = outcome.error { throw error }
        return outcome.rowsAffected
    }

    /// Streams the rows of `query` through `COPY (query) TO STDOUT` (text format), one row at a time, as
    /// text values (nil for NULL). COPY takes no parameters, so `query` must have none. If `body` throws,
    /// the rest of the output is read and dropped, then the error is rethrown.
    public func copyOut(_ query: SQL, activity: String? = nil, _ body: ([String?]) throws -> Void) throws {
        let activity = activity ?? Self.activity(for: query.text)
        guard query.parameterCount == 0 else {
            throw PostgresError.misuse(activity, "COPY takes no parameters; filter in a query instead")
        }
        try startCopy("COPY (\(query)) TO STDOUT", activity: activity, expecting: PGRES_COPY_OUT)
        var bodyError: (any Error)?
        while true {
            var data: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &data, 0)
            guard length > 0, let data else { break }
            defer { PQfreemem(data) }
            if bodyError != nil { continue }
            let row = UnsafeRawPointer(data).withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                CopyText.parseRow(UnsafeBufferPointer(start: $0, count: Int(length)))
            }
            do { try body(row) } catch { bodyError = error }
        }
        let outcome = finishCopy(activity: activity)
        if let error = outcome.error { throw error }
        if let bodyError { throw bodyError }
    }

    /// Every row of `query` via COPY, in memory.
    public func copyOut(_ query: SQL, activity: String? = nil) throws -> [[String?]] {
        var rows: [[String?]] = []
        try copyOut(query, activity: activity) { rows.append($0) }
        return rows
    }

    private func startCopy(_ statement: SQL, activity: String, expecting status: ExecStatusType) throws(PostgresError) {
        let result = PQsendQuery(handle, statement.text) == 1 ? lastResult(activity: activity) : nil
        defer { PQclear(result) }
        try check(result, activity: activity, expecting: [status])
    }

    private func send(_ buffer: [UInt8]) -> Bool {
        buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) == 1 }
        }
    }

    /// The error that made sending fail, once the COPY's results are collected.
    private func copyFailure(_ activity: String) -> PostgresError {
        finishCopy(activity: activity).error ?? error(from: nil, activity: activity)
    }

    /// Ends COPY FROM with a failure, so that the server rolls it back, and returns `error`.
    private func abortCopy(_ reason: String, error: PostgresError, activity: String) -> PostgresError {
        _ = PQputCopyEnd(handle, "sentry-migrate stopped the copy: \(reason)")
        _ = finishCopy(activity: activity)
        return error
    }

    /// Collects the results that end a COPY: the first failure, or the number of rows copied.
    private func finishCopy(activity: String) -> (error: PostgresError?, rowsAffected: Int) {
        var failure: PostgresError?
        var rowsAffected = 0
        while true {
            // The server checks constraints (and may wait for locks) once the data has ended.
            awaitResult(activity: activity)
            guard let result = PQgetResult(handle) else { break }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK:
                rowsAffected = Int(String(cString: PQcmdTuples(result))) ?? 0
            case PGRES_COPY_IN:
                // libpq still expects data after a send failed; end it so the connection is usable.
                _ = PQputCopyEnd(handle, "sentry-migrate stopped the copy after a send failed")
            case PGRES_COPY_OUT:
                var data: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(handle, &data, 0) > 0 { PQfreemem(data) }
            default:
                if failure == nil { failure = error(from: result, activity: activity) }
            }
        }
        if failure == nil, isBroken || PQtransactionStatus(handle) == PQTRANS_UNKNOWN {
            failure = error(from: nil, activity: activity)
        }
        return (failure, rowsAffected)
    }
}
