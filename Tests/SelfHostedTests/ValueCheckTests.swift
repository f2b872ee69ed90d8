import Testing

@testable import SelfHosted

/// What fits a column: characters (code points, not bytes) within `character varying(n)`, integers within
/// their type's range, no NUL, no NULL where the column is NOT NULL; nothing else is checked.
@Suite struct ValueCheckTests {
    private func column(_ type: String, maxLength: Int? = nil, nullable: Bool = false) -> SchemaCatalog.Column {
        .init(name: "c", dataType: type, isNullable: nullable, defaultExpression: nil, maxLength: maxLength)
    }

    @Test func lengthIsCountedInCodePoints() {
        let varchar4 = column("character varying", maxLength: 4)
        #expect(ValueCheck.problem("abcd", column: varchar4) == nil)
        // Eight bytes, four code points: fits.
        #expect(ValueCheck.problem("éééé", column: varchar4) == nil)
        #expect(
            ValueCheck.problem("ééééé", column: varchar4) == "is 5 characters long; the target's column holds at most 4"
        )
        #expect(ValueCheck.problem("abcde", column: varchar4) != nil)
    }

    @Test func integersMustBeInTheirTypesRange() {
        #expect(ValueCheck.problem("32767", column: column("smallint")) == nil)
        #expect(ValueCheck.problem("32768", column: column("smallint"))?.hasPrefix("is 32768, outside") == true)
        #expect(ValueCheck.problem("-2147483649", column: column("integer")) != nil)
        #expect(ValueCheck.problem("99999999999999999999", column: column("bigint")) != nil)
        // Digits in a text column are text.
        #expect(ValueCheck.problem("99999999999999999999", column: column("text")) == nil)
        #expect(ValueCheck.problem("-", column: column("bigint")) == nil)
    }

    @Test func nulAndNullAreRefusedWhereTheyCannotBeHeld() {
        #expect(ValueCheck.problem("a\u{0}b", column: column("text")) != nil)
        #expect(ValueCheck.problem(nil, column: column("text")) == "is empty, but the target's column is NOT NULL")
        #expect(ValueCheck.problem(nil, column: column("text", nullable: true)) == nil)
    }
}
