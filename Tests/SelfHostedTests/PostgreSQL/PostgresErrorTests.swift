import SentryModel
import Testing

@testable import SelfHosted

@Suite struct PostgresErrorTests {
    @Test(arguments: [
        ("40001", SentryModel.ExitStatus.temporaryFailure), ("40P01", .temporaryFailure), ("55P03", .temporaryFailure),
        ("57P01", .temporaryFailure), ("57P02", .temporaryFailure), ("57P03", .temporaryFailure),
        ("23505", .dataError), ("23503", .dataError), ("22P02", .dataError), ("42P01", .software),
        ("42501", .unavailable), ("28P01", .unavailable), ("3D000", .unavailable), ("08006", .unavailable),
        ("53300", .unavailable), ("XX000", .unavailable),
    ])
    func sqlStatesMapToExitStatuses(sqlState: String, status: SentryModel.ExitStatus) {
        let error = PostgresError(kind: .statement, activity: "testing", sqlState: sqlState, message: "m")
        #expect(error.exitStatus == status)
        #expect(error.description.contains(sqlState))
        #expect(error.description.contains("next: "))
    }

    @Test func kindsWithoutSQLStateMap() {
        #expect(PostgresError(kind: .connect, activity: "connecting", message: "m").exitStatus == .unavailable)
        #expect(PostgresError(kind: .statement, activity: "a", message: "lost").exitStatus == .unavailable)
        #expect(PostgresError.misuse("a", "b").exitStatus == .software)
    }

    @Test(arguments: [
        ("Key (secret_key)=(0f1e2d3c4b5a) already exists.", "Key (secret_key)=(***) already exists."),
        ("Key (organization_id, slug)=(1, a) b)) already exists.", "Key (organization_id, slug)=(***) already exists."),
        (
            #"Key (project_id)=(5) is not present in table "sentry_project"."#,
            #"Key (project_id)=(***) is not present in table "sentry_project"."#
        ),
        ("Failing row contains (1, secret, null).", "Failing row contains (***)."),
        ("Some other detail.", "Some other detail."),
    ])
    func constraintDetailsLoseTheirValues(detail: String, masked: String) {
        #expect(SecretMasking.maskingValues(inDetail: detail) == masked)
    }

    @Test func quotedFragmentsAndKnownSecretsAreMasked() {
        #expect(
            SecretMasking.maskingQuoted(#"missing "=" after "s3cret" in connection info string"#)
                == #"missing "=" after "***" in connection info string"#)
        #expect(SecretMasking.removing(["abc", "abcdef"], from: "x abcdef y abc") == "x *** y ***")
    }
}
