import SentryModel
import Testing

@testable import SelfHosted

/// SelfHosted's errors read in the one diagnostic shape; the server's own hint follows ours in `next`.
@Suite struct PostgresDiagnosticShapeTests {
    @Test func aStatementErrorShowsDetailAsWhyAndTheServersHintInNext() {
        let error = PostgresError(
            kind: .statement, activity: "inserting teams", sqlState: "23505", severity: "ERROR",
            message: "duplicate key value violates unique constraint \"sentry_team_slug\"",
            detail: "Key (slug)=(***) already exists.", hint: "Drop the duplicate.")
        #expect(
            error.description == """
                error: PostgreSQL 23505 ERROR while inserting teams: duplicate key value violates unique constraint \
                "sentry_team_slug"
                  why: Key (slug)=(***) already exists.
                  next: The data does not fit the target database's rules (see the detail); check the rows named \
                there against the target, then plan again. PostgreSQL suggests: Drop the duplicate.
                """)
    }

    @Test func libpqsSecondLineBecomesWhy() {
        let error = PostgresError(
            kind: .connect, activity: "connecting",
            message:
                "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server running?",
            target: "host=127.0.0.1 port=1")
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("error: could not connect to PostgreSQL at host=127.0.0.1 port=1: connection"))
        #expect(lines[1] == "  why: Is the server running?")
        #expect(lines[2].hasPrefix("  next: Check the host and port"))
    }

    @Test func aWrappedErrorKeepsItsNextStep() {
        let inner = PostgresError(
            kind: .statement, activity: "inserting teams", sqlState: "40P01", message: "deadlock detected")
        let error = TransactionError(phase: .body, activity: "applying teams", error: inner)
        #expect(error.exitStatus == .temporaryFailure)
        #expect(
            error.description == """
                error: applying teams failed and was rolled back, so nothing was written: PostgreSQL 40P01 while \
                inserting teams: deadlock detected
                  next: This is temporary (a conflict with another session, a lock held elsewhere or a server \
                restart); run the command again.
                """)
    }

    @Test func aStalePlanListsWhatChanged() {
        let error = StalePlanError(changed: ["team backend: name", "project api: slug"])
        #expect(
            error.description == """
                error: the plan is stale: the target changed since it was made; nothing was applied
                  why: changed since the plan:
                    team backend: name
                    project api: slug
                  next: Run plan again against the database as it is now, review it, and apply the new plan.
                """)
    }
}
