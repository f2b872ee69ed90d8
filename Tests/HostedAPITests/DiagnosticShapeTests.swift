import SentryModel
import Testing

@testable import HostedAPI

/// HostedAPI's errors read in the one diagnostic shape (SentryModel's renderer).
@Suite struct HostedAPIDiagnosticShapeTests {
    @Test func anUnreachableServerSaysWhatAndNext() {
        let error = HostedAPIError.unreachable(url: "https://sentry.example/api/0/", detail: "connection refused")
        #expect(
            error.description == """
                error: GET https://sentry.example/api/0/: cannot reach the server (connection refused)
                  next: Check --url and the network.
                """)
    }

    @Test func duplicateMembersSayWhy() {
        let error = HostedAPIError.duplicateMembers(
            first: .init(id: "1", email: "Ada@x.io"), second: .init(id: "2", email: "ada@x.io"))
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("error: member 1 (Ada@x.io) and member 2 (ada@x.io) have e-mails"))
        #expect(lines[1].hasPrefix("  why: self-hosted Sentry keys members by e-mail without case"))
        #expect(lines[2].hasPrefix("  next: Fix it on sentry.io"))
    }
}
