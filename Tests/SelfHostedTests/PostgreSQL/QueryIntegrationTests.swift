import Foundation
import SentryModel
import Testing

@testable import SelfHosted

@Suite(.requiresDatabase) struct QueryIntegrationTests {
    private func storedValues(_ connection: PostgresConnection, table: String) throws -> [String?] {
        try connection.query("SELECT value FROM \(identifier: table) ORDER BY id").map {
            try $0.optionalString("value")
        }
    }

    @Test func trickyStringsRoundTripThroughBindsByteForByte() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE single (id int PRIMARY KEY, value text)")
            try connection.execute("CREATE TABLE multi (id int PRIMARY KEY, value text)")
            for (id, value) in TrickyStrings.all.enumerated() {
                try connection.execute("INSERT INTO single (id, value) VALUES (\(id), \(value))")
            }
            try connection.insert(
                into: "multi", columns: ["id", "value"],
                rows: TrickyStrings.all.enumerated().map { [$0.offset, $0.element] })

            for table in ["single", "multi"] {
                let stored = try storedValues(connection, table: table)
                #expect(stored.map { $0.map { Array($0.utf8) } } == TrickyStrings.all.map { Array($0.utf8) })
            }
            // The same strings as one array parameter: every element must match exactly one row.
            let matches = try connection.query(
                "SELECT count(*) AS n FROM single WHERE value = ANY(\(TrickyStrings.all))")
            #expect(try matches[0].int("n") == TrickyStrings.all.count)
            // And as a single parameter compared on the server, not only read back.
            for value in TrickyStrings.all {
                let found = try connection.query("SELECT id FROM single WHERE value = \(value)")
                #expect(found.count == 1, "\(value.debugDescription) did not match itself on the server")
            }
        }
    }

    @Test func trickyStringsRoundTripThroughCopyInAndOut() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE copied (id int PRIMARY KEY, value text)")
            let rows: [[any PostgresEncodable]] =
                TrickyStrings.all.enumerated().map { [$0.offset, $0.element] } + [
                    [TrickyStrings.all.count, nil as String?]
                ]
            #expect(try connection.copyIn(table: "copied", columns: ["id", "value"], rows: rows) == rows.count)

            let expected: [String?] = TrickyStrings.all + [nil]
            #expect(
                try storedValues(connection, table: "copied").map { $0.map { Array($0.utf8) } }
                    == expected.map { $0.map { Array($0.utf8) } })
            let copiedOut = try connection.copyOut("SELECT value, id FROM copied ORDER BY id")
            #expect(copiedOut.map { $0[0] } == expected)
            #expect(copiedOut.map { $0[1] } == expected.indices.map { String($0) })
        }
    }

    @Test func typedValuesRoundTrip() throws {
        try TestDatabase.withConnection { connection in
            let date = Date(timeIntervalSince1970: 1_716_000_000.123_456)
            let row = try #require(
                try connection.query(
                    """
                    SELECT \(Int64.max)::bigint AS big, \(Int32.min)::int AS small, \(true)::boolean AS yes,
                           \(date)::timestamptz AS at, \(nil as Date?)::timestamptz AS never,
                           \(JSONText(encoding: ["k": "v"]))::jsonb ->> 'k' AS json,
                           '2024-03-01 05:30:00+05:30'::timestamptz AS offset_date,
                           current_setting('TimeZone') AS zone, current_setting('client_encoding') AS encoding,
                           current_setting('application_name') AS app
                    """
                ).first)
            #expect(try row.int64("big") == Int64.max)
            #expect(try row.decode("small", as: Int32.self) == Int32.min)
            #expect(try row.bool("yes"))
            #expect(abs(try row.date("at").timeIntervalSince(date)) < 0.000_001)
            #expect(try row.optionalDate("never") == nil)
            #expect(try row.string("json") == "v")
            #expect(try row.date("offset_date") == Date(timeIntervalSince1970: 1_709_251_200))
            #expect(try row.string("zone") == "UTC")
            #expect(try row.string("encoding") == "UTF8")
            #expect(try row.string("app") == "sentry-migrate")
        }
    }

    @Test func decodeErrorsNameTheColumnAndWhatWeWereDoing() throws {
        try TestDatabase.withConnection { connection in
            let rows = try connection.query(
                "SELECT NULL::text AS slug, 'abc' AS id, 1 AS twice, 2 AS twice", activity: "reading teams")
            let row = try #require(rows.first)

            let null = try #require(throws: PostgresDecodeError.self) { try row.string("slug") }
            #expect(null.problem == .unexpectedNull(expected: "text"))
            #expect(null.exitStatus == .dataError)
            #expect(null.description.contains("\"slug\"") && null.description.contains("reading teams"))

            let unparsable = try #require(throws: PostgresDecodeError.self) { try row.int64("id") }
            #expect(unparsable.problem == .unparsable(expected: "a 64-bit integer"))
            #expect(!unparsable.description.contains("abc"))

            let missing = try #require(throws: PostgresDecodeError.self) { try row.string("name") }
            #expect(missing.exitStatus == .software)
            #expect(throws: PostgresDecodeError(.ambiguousColumn, column: "twice", row: 0, context: "reading teams")) {
                try row.int("twice")
            }
            #expect(try row.optionalString("slug") == nil)
        }
    }

    @Test func uniqueViolationCarriesSQLStateWithoutTheValue() throws {
        try TestDatabase.withConnection { connection in
            let secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
            try connection.execute("CREATE TABLE keys (public_key text UNIQUE, secret_key text UNIQUE)")
            try connection.execute("INSERT INTO keys VALUES (\("pk1"), \(secret))")
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("INSERT INTO keys VALUES (\("pk2"), \(secret))", activity: "inserting keys")
            }
            #expect(error.sqlState == "23505")
            #expect(error.exitStatus == .dataError)
            #expect(error.message.contains("keys_secret_key_key"))
            #expect(error.detail == "Key (secret_key)=(***) already exists.")
            #expect(!error.description.contains(secret))
            #expect(error.description.contains("inserting keys") && error.description.contains("next: "))

            // A bad value echoed by the server is masked too.
            let syntax = try #require(throws: PostgresError.self) {
                try connection.query("SELECT \(secret)::int AS n")
            }
            #expect(syntax.sqlState == "22P02")
            #expect(!syntax.description.contains(secret))
            // The connection is still usable after errors outside a transaction.
            #expect(try connection.query("SELECT 1 AS one")[0].int("one") == 1)
        }
    }

    @Test func noticesAreCollectedInsteadOfPrinted() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$")
            #expect(connection.receivedNotices.map(\.message) == ["hello 42", "careful"])
            #expect(connection.takeNotices().map(\.severity) == ["NOTICE", "WARNING"])
            #expect(connection.receivedNotices.isEmpty)
        }
    }

    @Test func scriptsRunSeveralStatements() throws {
        try TestDatabase.withConnection { connection in
            try connection.executeScript(
                "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2); CREATE TABLE b (id int);",
                activity: "loading a fixture")
            #expect(try connection.query("SELECT count(*) AS n FROM a")[0].int("n") == 2)
            let error = try #require(throws: PostgresError.self) {
                try connection.executeScript("SELECT 1; SELECT * FROM missing;", activity: "loading a fixture")
            }
            #expect(error.sqlState == "42P01")
            #expect(error.exitStatus == .software)
        }
    }
}
