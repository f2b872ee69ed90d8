import SentryModel
import Testing

@testable import Finishing

@Suite struct FinishingDiagnosticShapeTests {
    @Test func aCommandThatDidNotRunSaysWhatToDo() {
        let error = FinishCommandError(command: "docker compose exec web sentry exec", reason: "exit status 127")
        #expect(error.exitStatus == .unavailable)
        #expect(
            error.description == """
                error: finish could not run its script inside Sentry through `docker compose exec web sentry exec`: \
                exit status 127
                  next: Run it where that command works (for docker compose: in the self-hosted checkout, with the \
                web service up), or give --command; --print-script prints the script to run by hand.
                """)
    }
}
