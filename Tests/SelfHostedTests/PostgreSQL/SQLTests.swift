import Foundation
import Testing

@testable import SelfHosted

@Suite struct SQLTests {
    @Test func interpolatedValuesBecomeNumberedParameters() {
        let slug = "acme'; DROP TABLE sentry_team; --"
        let missing: String? = nil
        let sql: SQL = "SELECT \(1) , \(slug), \(missing), \(Int64(7)), \(true)"
        #expect(sql.text == "SELECT $1 , $2, $3, $4, $5")
        #expect(sql.parameters == ["1", slug, nil, "7", "true"])
    }

    @Test func identifiersAreQuotedAndUnescapedTextIsKept() {
        let sql: SQL = "SELECT \(unescaped: "now()") FROM \(identifier: "we\"ird table", schema: "sentry_migrate")"
        #expect(sql.text == #"SELECT now() FROM "sentry_migrate"."we""ird table""#)
        #expect(sql.parameterCount == 0)
    }

    @Test func fragmentsAreRenumberedWhenSpliced() {
        let conditions: [SQL] = ["slug = \("a")", "id = ANY(\([Int64(1), 2]))"]
        let sql: SQL = "SELECT \(0) FROM t WHERE \(conditions.joined(separator: " AND ")) LIMIT \(10)"
        #expect(sql.text == "SELECT $1 FROM t WHERE slug = $2 AND id = ANY($3) LIMIT $4")
        #expect(sql.parameters == ["0", "a", #"{"1","2"}"#, "10"])
    }

    @Test func descriptionShowsPlaceholdersNotValues() {
        let secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
        let sql: SQL = "UPDATE sentry_projectkey SET secret_key = \(secret)"
        #expect(!String(describing: sql).contains(secret))
        #expect(String(describing: sql) == "UPDATE sentry_projectkey SET secret_key = $1")
    }

    @Test func stringArraysQuoteEveryElement() {
        let values = ["plain", "with \"quote\"", #"back\slash"#, "NULL", "", "a,b", "{x}", " space "]
        #expect(
            values.postgresText == #"{"plain","with \"quote\"","back\\slash","NULL","","a,b","{x}"," space "}"#)
        #expect([String]().postgresText == "{}")
        #expect([Int64(-1), 0, 9_223_372_036_854_775_807].postgresText == "{\"-1\",\"0\",\"9223372036854775807\"}")
    }

    @Test func scalarEncodings() throws {
        #expect(Int32(-5).postgresText == "-5")
        #expect(false.postgresText == "false")
        #expect((nil as Int?).postgresText == nil)
        #expect(try JSONText(encoding: ["b": 1, "a": 2]).postgresText == #"{"a":2,"b":1}"#)
        #expect(Date(timeIntervalSince1970: 0).postgresText == "1970-01-01 00:00:00+00")
    }
}
