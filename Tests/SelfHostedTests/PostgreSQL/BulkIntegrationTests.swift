import Foundation
import SentryModel
import Testing

@testable import SelfHosted

@Suite(.requiresDatabase) struct BulkIntegrationTests {
    @Test func multiRowInsertSplitsPastTheParameterLimit() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE teams (id bigserial PRIMARY KEY, org bigint, slug text, name text)")
            let rowCount = 25_000  // 75,000 parameters: more than one statement can carry
            let rows: [[any PostgresEncodable]] = (0..<rowCount).map { [Int64($0 % 7), "team-\($0)", "Team '\($0)'"] }
            let inserted = try connection.withTransaction(activity: "inserting teams") { connection in
                try connection.insert(
                    into: "teams", columns: ["org", "slug", "name"], rows: rows, suffix: "RETURNING id, slug")
            }
            #expect(inserted.rowsAffected == rowCount)
            #expect(inserted.count == rowCount)
            #expect(try inserted.map { try $0.string("slug") } == (0..<rowCount).map { "team-\($0)" })
            #expect(Set(try inserted.map { try $0.int64("id") }).count == rowCount)

            let check = try connection.query(
                "SELECT count(*) AS n, sum(org) AS total, count(DISTINCT slug) AS slugs FROM teams")[0]
            #expect(try check.int("n") == rowCount)
            #expect(try check.int("total") == (0..<rowCount).reduce(0) { $0 + $1 % 7 })
            #expect(try check.int("slugs") == rowCount)
        }
    }

    @Test func insertSuffixParametersCountAndConflictsAreSkipped() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE t (id int PRIMARY KEY, note text)")
            try connection.insert(into: "t", columns: ["id", "note"], rows: [[1, "a"]])
            let result = try connection.insert(
                into: "t", columns: ["id", "note"], rows: [[1, "dup"], [2, "b"]],
                suffix: "ON CONFLICT (id) DO UPDATE SET note = excluded.note || \("!")")
            #expect(result.rowsAffected == 2)
            let notes = try connection.query("SELECT note FROM t ORDER BY id").map { try $0.string("note") }
            #expect(notes == ["dup!", "b"])
            #expect(try connection.insert(into: "t", columns: ["id"], rows: [] as [[any PostgresEncodable]]).isEmpty)
        }
    }

    @Test func copiesTenThousandRowsInAndOut() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute(
                """
                CREATE TABLE keys (id bigint PRIMARY KEY, public_key text NOT NULL, label text,
                                   active boolean NOT NULL, created timestamptz NOT NULL)
                """)
            let base = Date(timeIntervalSince1970: 1_700_000_000.5)
            func label(_ index: Int) -> String? { index % 10 == 0 ? nil : "Label\t\(index)\n\\" }
            let rows = (0..<10_000).map { index -> [any PostgresEncodable] in
                let created = base.addingTimeInterval(Double(index))
                return [Int64(index), "pk\(index)", label(index), index % 2 == 0, created]
            }
            let copied = try connection.copyIn(
                table: "keys", columns: ["id", "public_key", "label", "active", "created"], rows: rows)
            #expect(copied == 10_000)

            let summary = try connection.query(
                """
                SELECT count(*) AS n, count(label) AS labels, sum(active::int) AS active,
                       max(created) AS latest, (SELECT label FROM keys WHERE id = 7) AS seven
                FROM keys
                """)[0]
            #expect(try summary.int("n") == 10_000)
            #expect(try summary.int("labels") == 9_000)
            #expect(try summary.int("active") == 5_000)
            #expect(try summary.date("latest") == base.addingTimeInterval(9_999))
            #expect(try summary.string("seven") == "Label\t7\n\\")

            var seen = 0
            try connection.copyOut("SELECT id, label, active FROM keys ORDER BY id") { row in
                #expect(row[0] == String(seen))
                #expect(row[1] == label(seen))
                #expect(row[2] == (seen % 2 == 0 ? "t" : "f"))
                seen += 1
            }
            #expect(seen == 10_000)
        }
    }

    /// Rows sent by a producer as it makes them; its error, after several flushed buffers, ends the
    /// copy with nothing written and is rethrown as itself.
    @Test func aProducersRowsAreCopiedAndItsErrorStopsTheCopy() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE n (id bigint PRIMARY KEY, note text NOT NULL)")
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try connection.copyIn(table: "n", columns: ["id", "note"]) { send in
                    for index in 0..<20_000 { try send([Int64(index), "row \(index) of a copy that stops"]) }
                    throw Stop()
                }
            }
            #expect(try connection.query("SELECT count(*) AS n FROM n")[0].int("n") == 0)
            let copied = try connection.copyIn(table: "n", columns: ["id", "note"]) { send in
                for index in 0..<20_000 { try send([Int64(index), "row \(index)"]) }
            }
            #expect(copied == 20_000)
            #expect(try connection.query("SELECT note FROM n WHERE id = 19999")[0].string("note") == "row 19999")
            let short = #expect(throws: PostgresError.self) {
                try connection.copyIn(table: "n", columns: ["id", "note"]) { send in try send([Int64(1)]) }
            }
            #expect(short?.kind == .misuse)
            #expect(try connection.query("SELECT count(*) AS n FROM n")[0].int("n") == 20_000)
        }
    }

    @Test func failedCopiesLeaveNothingAndTheConnectionUsable() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE keys (public_key text PRIMARY KEY, secret_key text UNIQUE)")
            let secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
            let duplicate = try #require(throws: PostgresError.self) {
                try connection.copyIn(
                    table: "keys", columns: ["public_key", "secret_key"], rows: [["a", secret], ["b", secret]])
            }
            #expect(duplicate.sqlState == "23505")
            #expect(!duplicate.description.contains(secret))

            let short = try #require(throws: PostgresError.self) {
                try connection.copyIn(
                    table: "keys", columns: ["public_key", "secret_key"], rows: [["a", "x"], ["b"]])
            }
            #expect(short.kind == .misuse)

            let nul = try #require(throws: PostgresError.self) {
                try connection.copyIn(table: "keys", columns: ["public_key"], rows: [["a\u{0}b"]])
            }
            #expect(nul.exitStatus == .dataError)

            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try connection.copyOut("SELECT generate_series(1, 5000)") { _ in throw Stop() }
            }
            #expect(throws: PostgresError.self) { try connection.copyOut("SELECT \(1)") }

            #expect(try connection.query("SELECT count(*) AS n FROM keys")[0].int("n") == 0)
            #expect(try connection.copyOut("SELECT 1, NULL").first == ["1", nil])
        }
    }
}
