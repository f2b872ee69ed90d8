import Testing

@testable import SelfHosted

/// A `Record` keeps its columns in the order written; setting a column replaces its value in place or
/// adds it at the end, setting nil removes it, and merging lets the other record's values win.
@Suite struct RecordTests {
    private func texts(_ record: Record) -> [String] {
        record.names.map { "\($0)=\(record[$0]?.postgresText ?? "NULL")" }
    }

    @Test func columnsStayInTheOrderWritten() {
        let record: Record = ["b": 2, "a": "x", "c": SQLNull()]
        #expect(texts(record) == ["b=2", "a=x", "c=NULL"])
        #expect(record.count == 3 && record.names(are: ["b", "a", "c"]) && !record.names(are: ["a", "b", "c"]))
        #expect(record.value(at: 1).postgresText == "x")
    }

    @Test func settingReplacesAddsOrRemoves() {
        var record: Record = ["a": 1, "b": 2]
        record["a"] = 10
        record["c"] = 3
        record["b"] = nil
        record["absent"] = nil
        #expect(texts(record) == ["a=10", "c=3"])
        #expect(record["b"] == nil)
    }

    @Test func mergingLetsTheOtherRecordWin() {
        let record: Record = ["id": 1, "role": "member", "email": "a@example.com"]
        let merged = record.merging(["email": SQLNull(), "user_id": 7])
        #expect(texts(merged) == ["id=1", "role=member", "email=NULL", "user_id=7"])
        #expect(texts(record) == ["id=1", "role=member", "email=a@example.com"])
    }
}
