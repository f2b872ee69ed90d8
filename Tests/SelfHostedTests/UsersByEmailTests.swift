import Foundation
import Testing

@testable import SelfHosted

/// `TargetDatabase.users(withEmails:)` reads `auth_user` whole when it holds fewer rows than there are
/// e-mails to look up, and sends the e-mails otherwise; both ways give each e-mail the oldest user
/// under it in any case, and nothing for an e-mail no user has.
@Suite(.requiresDatabase) struct UsersByEmailTests {
    @Test func bothWaysFindTheOldestUserOfEachEmail() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try SchemaFixture.v26.load(into: connection, seeded: false)
            // Ids: a later user under the same e-mail in another case, and one with a capital only.
            try TestUsers.insert(
                [
                    (7, "Ada@acme.example"), (3, "ada@acme.example"), (9, "Bob@Acme.Example"),
                    (4, "carol@acme.example"), (5, ""),
                ],
                into: connection)
            let expected: [String: Int64] = ["ada@acme.example": 3, "bob@acme.example": 9]

            // Two e-mails, five users: the e-mails are sent.
            let sent = try TargetDatabase.users(
                withEmails: ["ada@acme.example", "bob@acme.example"], connection: connection)
            #expect(sent == expected)
            // Seven e-mails, five users: the table is read whole.
            let many = ["ada@acme.example", "bob@acme.example"] + (0..<5).map { "nobody\($0)@acme.example" }
            let read = try TargetDatabase.users(withEmails: many, connection: connection)
            #expect(read == expected)
            // Exactly as many e-mails as users: sent, and the same.
            let asMany = Array(many.prefix(5))
            #expect(try TargetDatabase.users(withEmails: asMany, connection: connection) == expected)
            #expect(try TargetDatabase.users(withEmails: [], connection: connection).isEmpty)
        }
    }
}
