import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// `WriteSession.copy(_:count:record:)` makes, checks and sends records a batch at a time, in one COPY:
/// every record of every batch arrives, in order, with its id, and every batch is checked.
@Suite(.requiresDatabase) struct ApplyBatchedCopyTests {
    /// More than two batches: 2,000 + 2,000 + 700.
    static let count = 2 * WriteSession.copyBatch + 700

    private struct RolledBack: Error {}

    /// Runs `body` in a transaction that is always rolled back (the fixture's foreign keys are deferred,
    /// so rows may name an organization that does not exist until then).
    private func inRolledBackTransaction(_ body: (WriteSession, PostgresConnection) throws -> Void) throws {
        try ApplyScratch.withTarget(.v26) { _, database in
            do {
                try database.connection.withTransaction { connection in
                    let session = WriteSession(
                        connection: connection, profile: database.profile, stage: .rules, now: Date(),
                        killSwitch: nil)
                    try body(session, connection)
                    throw RolledBack()
                }
            } catch let error as TransactionError where error.error is RolledBack {}
        }
    }

    @Test func everyBatchArrivesInOrderWithItsId() throws {
        try inRolledBackTransaction { session, connection in
            var made: [Int] = []
            let ids = try session.copyReturningIds("sentry_environment", count: Self.count) { index in
                made.append(index)
                return ["organization_id": Int64(1), "name": "env-\(index)", "date_added": session.now]
            }
            #expect(made == Array(0..<Self.count))
            #expect(ids.count == Self.count && Set(ids).count == Self.count)
            let rows = try connection.query("SELECT id, name FROM sentry_environment WHERE organization_id = 1")
            let byName = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string("name"), try $0.int64("id")) })
            #expect(byName.count == Self.count)
            for index in [0, WriteSession.copyBatch - 1, WriteSession.copyBatch, Self.count - 1] {
                #expect(byName["env-\(index)"] == ids[index])
            }
            #expect(session.statementCount == 2)  // the ids, then one COPY
        }
    }

    /// Every batch is checked: each value the target cannot hold is recorded (for the caller to roll
    /// back and report them all) and replaced by a stand-in, so the copy goes on.
    @Test func theProblemsOfEveryBatchAreRecorded() throws {
        // name is varchar(64); the stand-ins (cut to fit) stay distinct, as the unique index wants.
        func tooLong(_ index: Int) -> String { "\(index)-" + String(repeating: "x", count: 64) }
        let bad: Set<Int> = [3, Self.count - 2]
        try inRolledBackTransaction { session, connection in
            try session.copy("sentry_environment", count: Self.count) { index in
                [
                    "organization_id": Int64(2), "name": bad.contains(index) ? tooLong(index) : "env-\(index)",
                    "date_added": session.now,
                ]
            }
            #expect(session.problems.count == 2)
            #expect(session.problems.allSatisfy { $0.table == "sentry_environment" && $0.column == "name" })
            let written = try connection.query("SELECT count(*) AS n FROM sentry_environment WHERE organization_id = 2")
            #expect(try written[0].int("n") == Self.count)
        }
    }

    /// Records are read by position when they name the first one's columns in its order, and by name
    /// when they do not: each value lands in its own column either way.
    @Test func recordsThatNameTheirColumnsInAnotherOrderAreReadByName() throws {
        try inRolledBackTransaction { session, connection in
            try session.copy("sentry_environment", count: 5) { index -> Record in
                let name = "env-\(index)"
                return index.isMultiple(of: 2)
                    ? ["organization_id": Int64(3), "name": name, "date_added": session.now]
                    : ["name": name, "date_added": session.now, "organization_id": Int64(4)]
            }
            let rows = try connection.query(
                "SELECT name, organization_id FROM sentry_environment WHERE organization_id IN (3, 4) ORDER BY name")
            #expect(
                try rows.map { "\(try $0.string("name")):\(try $0.int64("organization_id"))" } == [
                    "env-0:3", "env-1:4", "env-2:3", "env-3:4", "env-4:3",
                ])
        }
    }

    /// A record that names a column twice is a writer's mistake, found before anything is sent.
    @Test func aColumnNamedTwiceIsRefused() throws {
        try inRolledBackTransaction { session, _ in
            #expect(throws: WriterBug.self) {
                try session.copy("sentry_environment", count: 1) { _ in
                    ["organization_id": Int64(5), "name": "a", "name": "b", "date_added": session.now]
                }
            }
            #expect(session.statementCount == 0)
        }
    }
}
