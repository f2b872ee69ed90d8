import Foundation
import Planning
import SentryModel

/// NULL as a bind value, for records whose column is nullable.
struct SQLNull: PostgresEncodable {
    var postgresText: String? { nil }
}

/// The writes of one stage, inside its transaction: every statement goes through here so that each
/// INSERT is checked against the target's catalog (no NOT NULL column without a default left out)
/// and so that the test-only kill switch can count statements.
final class WriteSession {
    let connection: PostgresConnection
    let profile: TargetProfile
    let now: Date
    /// `now`, formatted once for the rows that hold it.
    let timestamp: PostgresTimestamp
    let stage: Stage
    private let killSwitch: KillSwitch?
    /// Table → columns written by INSERT, for the completeness test.
    private(set) var insertedColumns: [String: Set<String>] = [:]
    /// Table → rows COPYed or INSERTed by this session, for `analyzeFilledTables`.
    private(set) var rowsWritten: [String: Int] = [:]
    private(set) var statementCount = 0
    /// Table → the single-column foreign keys that refer to its `id`, read once per table.
    var referencesCache: [String: [ForeignReference]] = [:]

    /// A wave plan names teams of later waves in memberships and project teams; those links are left
    /// for their own wave (as `plan --wave` leaves them out) instead of being an error.
    let defersLaterTeams: Bool
    /// Which mapping rule set which desired value, to name it in a `TargetCannotHoldError`.
    let origins: ValueOriginFile?
    /// Values the target cannot hold, each replaced by a stand-in it can so the writing goes on and one
    /// run finds them all. Whoever opened the transaction must roll it back when this is not empty
    /// (`Applier.writeStages` does, before it could commit).
    private(set) var problems: [TargetCannotHoldError.Problem] = []

    init(
        connection: PostgresConnection, profile: TargetProfile, stage: Stage, now: Date, killSwitch: KillSwitch?,
        defersLaterTeams: Bool = false, origins: ValueOriginFile? = nil
    ) {
        self.origins = origins
        self.defersLaterTeams = defersLaterTeams
        self.connection = connection
        self.profile = profile
        self.stage = stage
        self.now = now
        timestamp = PostgresTimestamp(now)
        self.killSwitch = killSwitch
    }

    func has(_ table: String) -> Bool { profile.catalog.hasTable(table) }

    /// The id of team `slug` for a link to it; nil when a wave plan leaves the link for a later wave.
    func linkableTeam(_ slug: String, in teams: [String: Int64]) throws -> Int64? {
        if let id = teams[slug] { return id }
        guard defersLaterTeams else {
            throw ApplyOrderError(
                message: "team '\(slug)' is not on the target; apply the teams stage (or its wave) first")
        }
        return nil
    }

    func has(_ table: String, column: String) -> Bool { profile.catalog.column(table, column) != nil }

    @discardableResult
    func query(_ sql: SQL, activity: String) throws -> QueryResult {
        let result = try connection.query(sql, activity: activity)
        tick()
        return result
    }

    @discardableResult
    func execute(_ sql: SQL, activity: String) throws -> Int {
        let count = try connection.execute(sql, activity: activity)
        tick()
        return count
    }

    /// Loads `records` (all with the same keys) with `COPY … FROM STDIN`, the fastest path.
    func copy(_ table: String, _ records: [Record]) throws {
        try copy(table, count: records.count) { records[$0] }
    }

    /// Records made and checked a batch at a time.
    static let copyBatch = 2_000

    /// Loads `count` records (all with the same keys), made by `record` in order, in one `COPY`
    /// statement. They are made, checked against the catalog and sent `copyBatch` at a time, so only a
    /// batch is ever in memory: the members stage held 50,000 records three times over (records, the
    /// same with ids, the rows), most of apply's peak memory. The first batch is checked before the
    /// statement starts; a value the target cannot hold in any batch is recorded in `problems` and
    /// replaced by a stand-in.
    func copy(_ table: String, count: Int, record: (Int) throws -> Record) throws {
        guard count > 0 else { return }
        var batch = try (0..<min(Self.copyBatch, count)).map(record)
        let layout = try layout(of: table, first: batch[0])
        var rows = try checkedRows(table, batch, layout: layout)
        try connection.copyInText(
            table: table, columns: layout.columns, activity: "\(stage.rawValue): writing \(table)"
        ) {
            send in
            var made = batch.count
            while true {
                for row in rows { try send(row) }
                guard made < count else { break }
                batch = try (made..<min(made + Self.copyBatch, count)).map(record)
                made += batch.count
                rows = try checkedRows(table, batch, layout: layout)
            }
        }
        rowsWritten[table, default: 0] += count
        tick()
    }

    /// Loads `records` with ids taken from the table's sequence first (as Sentry's own `bulk_create`
    /// pre-allocates them), so rows can be COPYed and still be referred to. Returns the ids in order.
    @discardableResult
    func copyReturningIds(_ table: String, _ records: [Record]) throws -> [Int64] {
        try copyReturningIds(table, count: records.count) { records[$0] }
    }

    /// `copyReturningIds` of `count` records made by `record` a batch at a time (`copy(_:count:record:)`).
    @discardableResult
    func copyReturningIds(_ table: String, count: Int, record: (Int) throws -> Record) throws -> [Int64] {
        guard count > 0 else { return [] }
        let ids = try nextIds(table, count: count)
        try copy(table, count: count) { index in
            var made = try record(index)
            made["id"] = ids[index]
            return made
        }
        return ids
    }

    /// `count` ids from the sequence behind `table`'s `id` column, in the order the sequence gives them.
    /// The sequence is found once (`OFFSET 0` keeps PostgreSQL from folding the lookup into the
    /// `generate_series` scan): with the lookup pulled up, `pg_get_serial_sequence` and the `regclass` cast
    /// ran for every row, 250 ms for 50,000 ids against 25 ms (docs/performance.md, eleventh session).
    func nextIds(_ table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try query(
            """
            SELECT nextval(sequence) AS id
            FROM (SELECT pg_get_serial_sequence(\(table), 'id')::regclass AS sequence OFFSET 0) AS found,
                generate_series(1, \(count))
            """, activity: "\(stage.rawValue): taking ids for \(table)"
        ).map { try $0.int64("id") }
    }

    /// Multi-row INSERT of `records` (all with the same keys) for what COPY cannot do: `suffix` may be
    /// `ON CONFLICT …` or `RETURNING …`. Returns the rows of every statement, in order.
    @discardableResult
    func insert(_ table: String, _ records: [Record], suffix: SQL = "") throws -> QueryResult {
        guard !records.isEmpty else {
            return QueryResult(columns: [], values: [], rowsAffected: 0, context: table)
        }
        let (columns, rows) = try prepare(table, records)
        let result = try connection.insert(
            into: table, columns: columns, rows: rows.lazy.map { $0.map { $0 as any PostgresEncodable } },
            suffix: suffix, activity: "\(stage.rawValue): writing \(table)")
        rowsWritten[table, default: 0] += records.count
        tick()
        return result
    }

    /// Tables that gained this many rows or more in one stage have their planner statistics refreshed.
    static let analyzeThreshold = 1000

    /// `ANALYZE` of every table this stage filled with many rows, inside the stage's transaction (which
    /// counts its own new rows). Without it the statistics can say such a table is empty (an autovacuum
    /// that ran while the rows were not committed yet, or after a rehearsal rolled them back), and the
    /// next stage's reads of it become nested loops over every row: measured on the reference org, the
    /// check before the projects stage read 50,000 memberships for over a minute instead of 0.1 s. Not
    /// counted as a statement of the stage (the kill switch counts the stage's writes). A role that may
    /// not analyze a table gets a warning from PostgreSQL, not an error: the table is skipped.
    ///
    /// The sample is small: what the next stages need is the row count and
    /// rough distinct counts, not fine histograms, and the default target's 30,000-row sample cost 135 ms
    /// for 50,000 members against 11 ms (docs/performance.md, eleventh session). The target is set back
    /// to the session's own for the rest of the transaction. After the commit, the rows this transaction
    /// inserted still count as changes since the last analyze (PostgreSQL subtracts a transaction's own
    /// rows from what its ANALYZE resets, `pgstat_report_analyze`), so autovacuum analyzes the tables
    /// again with the target's configured sample.
    func analyzeFilledTables() throws {
        let tables = rowsWritten.filter({ $0.value >= Self.analyzeThreshold }).keys.sorted()
        guard !tables.isEmpty else { return }
        // A sample of 300 × 10 = 3,000 rows.
        try connection.execute(
            "SET LOCAL default_statistics_target = 10", activity: "\(stage.rawValue): sizing the analyze sample")
        for table in tables {
            try connection.execute("ANALYZE \(identifier: table)", activity: "\(stage.rawValue): analyzing \(table)")
        }
        try connection.execute(
            "SET LOCAL default_statistics_target TO DEFAULT", activity: "\(stage.rawValue): sizing the analyze sample")
    }

    /// The columns the target's table has, in a stable order, after checking that no NOT NULL column
    /// without a default is left out; and the values row by row.
    private func prepare(_ table: String, _ records: [Record]) throws -> ([String], [[String?]]) {
        let layout = try layout(of: table, first: records[0])
        return (layout.columns, try checkedRows(table, records, layout: layout))
    }

    /// Where the columns a statement writes are in its records.
    private struct Layout {
        /// The columns written, sorted.
        var columns: [String]
        var catalogColumns: [SchemaCatalog.Column]
        /// The first record's names: records that name the same, in the same order, are read by position.
        var names: [String]
        /// The position in such a record of each of `columns`.
        var positions: [Int]
    }

    /// The columns of `first` the target's table has, sorted, and where they are in it, after checking
    /// that no NOT NULL column without a default is left out.
    private func layout(of table: String, first: Record) throws -> Layout {
        guard let tableColumns = profile.catalog.tables[table] else {
            throw WriterBug("\(stage.rawValue): table \(table) is not in the target database")
        }
        let names = first.names
        guard Set(names).count == names.count else { throw WriterBug("\(table): a record names a column twice") }
        let columns = names.filter { profile.catalog.column(table, $0) != nil }.sorted()
        let missing = tableColumns.filter { column in
            !column.isNullable && column.defaultExpression == nil && !columns.contains(column.name)
        }
        guard missing.isEmpty else {
            throw UnfilledColumnError(
                stage: stage, table: table, columns: missing.map(\.name),
                entity: ValueCheck.entity(of: first, table: table))
        }
        insertedColumns[table, default: []].formUnion(columns)
        let catalogColumns = try columns.map { name in
            guard let column = profile.catalog.column(table, name) else { throw WriterBug("\(table).\(name) vanished") }
            return column
        }
        let positions = columns.map { column in names.firstIndex(of: column)! }
        return Layout(columns: columns, catalogColumns: catalogColumns, names: names, positions: positions)
    }

    /// The values of `records` row by row in the layout's column order, as PostgreSQL text (nil for NULL),
    /// each checked against its column: the text checked is the text sent, made once.
    private func checkedRows(_ table: String, _ records: [Record], layout: Layout) throws -> [[String?]] {
        var rows: [[String?]] = []
        rows.reserveCapacity(records.count)
        var found: [TargetCannotHoldError.Problem] = []
        for record in records {
            guard record.count == layout.names.count else {
                throw WriterBug("\(table): records with different columns")
            }
            var row: [String?] = []
            row.reserveCapacity(layout.columns.count)
            let inPlace = record.names(are: layout.names)
            for index in layout.columns.indices {
                let value: any PostgresEncodable
                if inPlace {
                    value = record.value(at: layout.positions[index])
                } else if let named = record[layout.columns[index]] {
                    value = named
                } else {
                    throw WriterBug("\(table): a record lacks \(layout.columns[index])")
                }
                row.append(
                    checked(value, column: layout.catalogColumns[index], table: table, record: record, into: &found))
            }
            rows.append(row)
        }
        report(found)
        return rows
    }

    /// The text of `value`, or after a problem is recorded, a stand-in the column can hold.
    private func checked(
        _ value: any PostgresEncodable, column: SchemaCatalog.Column, table: String, record: Record,
        into found: inout [TargetCannotHoldError.Problem]
    ) -> String? {
        let text = value.postgresText
        guard let problem = ValueCheck.problem(text, column: column) else { return text }
        let entity = ValueCheck.entity(of: record, table: table)
        found.append(
            .init(
                stage: stage, entity: entity, table: table, column: column.name, problem: problem,
                origin: origins?.origin(of: entity, field: ValueCheck.field(table: table, column: column.name))))
        return text.map { ValueCheck.standIn($0, column: column) }
    }

    private func report(_ found: [TargetCannotHoldError.Problem]) {
        problems += found
    }

    /// `UPDATE table SET c = v.c FROM (VALUES …) v WHERE table.key = v.key`, as many rows per statement
    /// as fit. Values are cast to each column's own type (VALUES lists carry no target types).
    func update(_ table: String, key: String, _ records: [Record]) throws {
        guard let first = records.first else { return }
        let columns = first.names.filter { $0 != key && profile.catalog.column(table, $0) != nil }.sorted()
        guard !columns.isEmpty else { return }
        let all = [key] + columns
        let types = try all.map { name -> String in
            guard let column = profile.catalog.column(table, name) else {
                throw WriterBug("\(table).\(name) is not in the target database")
            }
            return try Self.castType(column, table: table)
        }
        let catalogColumns = all.compactMap { profile.catalog.column(table, $0) }
        var found: [TargetCannotHoldError.Problem] = []
        let records = records.map { record in
            var fixed = record
            for column in catalogColumns {
                if let value = record[column.name] {
                    // Boxed as it is: a nil text is NULL, not a removed key.
                    let text = checked(value, column: column, table: table, record: record, into: &found)
                    fixed[column.name] = text as any PostgresEncodable
                }
            }
            return fixed
        }
        report(found)
        let rowsPerStatement = PostgresConnection.maximumParameters / all.count
        var start = 0
        while start < records.count {
            let end = min(records.count, start + rowsPerStatement)
            var sql: SQL = "UPDATE \(identifier: table) AS t SET "
            sql.append(
                columns.enumerated().map { index, name -> SQL in
                    "\(identifier: name) = v.\(identifier: name)::\(unescaped: types[index + 1])"
                }.joined(separator: ", "))
            sql.appendLiteral(" FROM (VALUES ")
            for (rowIndex, record) in records[start..<end].enumerated() {
                sql.appendLiteral(rowIndex == 0 ? "(" : ", (")
                for (index, name) in all.enumerated() {
                    if index > 0 { sql.appendLiteral(", ") }
                    guard let value = record[name] else { throw WriterBug("\(table): a record lacks \(name)") }
                    sql.appendParameter(value.postgresText)
                }
                sql.appendLiteral(")")
            }
            let names = all.map { SQL.quoted(identifier: $0) }.joined(separator: ", ")
            sql.appendLiteral(") AS v(\(names)) WHERE t.\(SQL.quoted(identifier: key)) = v.")
            sql.appendLiteral("\(SQL.quoted(identifier: key))::\(types[0])")
            try execute(sql, activity: "\(stage.rawValue): updating \(table)")
            start = end
        }
    }

    /// `DELETE FROM table WHERE column = ANY($1)`.
    func delete(_ table: String, where column: String, in values: [Int64]) throws {
        guard !values.isEmpty, has(table) else { return }
        try execute(
            "DELETE FROM \(identifier: table) WHERE \(identifier: column) = ANY(\(values))",
            activity: "\(stage.rawValue): deleting from \(table)")
    }

    private static func castType(_ column: SchemaCatalog.Column, table: String) throws -> String {
        switch column.dataType {
        case "USER-DEFINED", "ARRAY":
            throw WriterBug("\(table).\(column.name) has a type sentry-migrate does not update")
        default: return column.dataType
        }
    }

    private func tick() {
        statementCount += 1
        killSwitch?.statementDone(stage: stage, count: statementCount)
    }
}

/// The target's table has a NOT NULL column without a default that sentry-migrate does not fill: a
/// Sentry version (or a local change) it does not know. Found before anything is written.
public struct UnfilledColumnError: ReportableError {
    let stage: Stage
    let table: String
    let columns: [String]
    let entity: String
    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "\(stage.rawValue): \(entity): the target's table \(table) has NOT NULL column(s) "
                    + columns.joined(separator: ", ")
                    + " without a default, which sentry-migrate does not fill, so the row cannot be written; nothing "
                    + "was written",
                why: "the target's schema is not one sentry-migrate supports (a newer Sentry, or a local change)",
                next: "Check the Sentry version (docs/compatibility.md), or give the column(s) a default.")
        ]
    }
}

/// A mistake in sentry-migrate's writers (a column left out, a table missing): nothing is written.
struct WriterBug: ReportableError {
    let message: String
    init(_ message: String) { self.message = message }
    var exitStatus: ExitStatus { .software }
    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "internal error while applying: \(message); nothing of this stage was written",
                next: "This is a bug in sentry-migrate; please report it with this message.")
        ]
    }
}
