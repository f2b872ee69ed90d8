import Foundation
import SentryModel
import Testing

@testable import SelfHosted

private struct BodyFailure: Error, Equatable {}

@Suite(.requiresDatabase) struct TransactionIntegrationTests {
    private func count(_ connection: PostgresConnection, _ table: String) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].int("n")
    }

    @Test func committedBodyKeepsItsRowsAndReturnsItsValue() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE t (id int)")
            let value = try connection.withTransaction(activity: "inserting") { connection in
                try connection.execute("INSERT INTO t VALUES (1), (2)")
            }
            #expect(value == 2)
            #expect(try count(connection, "t") == 2)
        }
    }

    @Test func bodyErrorRollsBackEverything() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let thrown = try #require(throws: TransactionError.self) {
                try connection.withTransaction(activity: "applying teams") { connection in
                    try connection.execute("INSERT INTO t VALUES (1), (2)")
                    try connection.insert(into: "t", columns: ["id"], rows: [[3], [4]])
                    throw BodyFailure()
                }
            }
            #expect(thrown.phase == .body)
            #expect(thrown.error as? BodyFailure == BodyFailure())
            #expect(thrown.rollbackError == nil)

            // A database error in the body rolls back the statements before it too.
            let duplicate = try #require(throws: TransactionError.self) {
                try connection.withTransaction(activity: "applying teams") { connection in
                    try connection.execute("INSERT INTO t VALUES (10)")
                    try connection.execute("INSERT INTO t VALUES (10)")
                }
            }
            #expect(duplicate.phase == .body)
            #expect((duplicate.error as? PostgresError)?.sqlState == "23505")
            #expect(duplicate.exitStatus == .dataError)
            #expect(duplicate.description.contains("applying teams failed and was rolled back"))
            #expect(try count(connection, "t") == 0)
        }
    }

    @Test func deferredForeignKeyViolationFailsAtCommit() throws {
        try TestDatabase.withConnection { connection in
            try connection.executeScript(
                """
                CREATE TABLE parent (id int PRIMARY KEY);
                CREATE TABLE child (id int PRIMARY KEY,
                    parent_id int REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
                """, activity: "creating tables")
            var bodyFinished = false
            let thrown = try #require(throws: TransactionError.self) {
                try connection.withTransaction(activity: "applying projects") { connection in
                    try connection.execute("INSERT INTO child VALUES (1, 99)")
                    bodyFinished = true
                }
            }
            #expect(bodyFinished)
            #expect(thrown.phase == .commit)
            #expect(!thrown.outcomeUnknown)
            #expect((thrown.error as? PostgresError)?.sqlState == "23503")
            #expect(thrown.description.contains("committing applying projects failed"))
            #expect(try count(connection, "child") == 0)
        }
    }

    @Test func beginFailureIsReportedAsTheBeginPhase() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let victim = try scratch.connect()
            let pid = try victim.query("SELECT pg_backend_pid() AS pid")[0].int64("pid")
            let other = try scratch.connect()
            let terminated = try other.query("SELECT pg_terminate_backend(\(pid), 5000) AS done")[0]
            #expect(try terminated.bool("done"))

            var bodyRan = false
            let thrown = try #require(throws: TransactionError.self) {
                try victim.withTransaction(activity: "applying keys") { _ in bodyRan = true }
            }
            #expect(thrown.phase == .begin)
            #expect(!bodyRan)
            #expect(thrown.error is PostgresError)
            #expect(thrown.description.contains("could not start applying keys"))
        }
    }

    @Test func bodyFailureAndRollbackFailureAreBothReported() throws {
        try TestDatabase.withConnection { connection in
            let thrown = try #require(throws: TransactionError.self) {
                try connection.withTransaction(activity: "applying members") { connection in
                    // Ends this very session, so the ROLLBACK that follows cannot reach the server.
                    try connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")
                }
            }
            #expect(thrown.phase == .body)
            let bodyError = try #require(thrown.error as? PostgresError)
            let rollbackError = try #require(thrown.rollbackError)
            // A message of several lines (libpq's) reads as its first line, then the rest under why.
            for line in bodyError.message.split(separator: "\n") {
                #expect(thrown.description.contains(line.trimmingCharacters(in: .whitespaces)))
            }
            #expect(thrown.description.contains("\nerror: rolling back failed too"))
            #expect(thrown.description.contains(rollbackError.message))
            #expect(rollbackError.activity == "rolling back applying members")
        }
    }

    @Test func ignoredStatementErrorIsNotCommittedSilently() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let thrown = try #require(throws: TransactionError.self) {
                try connection.withTransaction { connection in
                    try connection.execute("INSERT INTO t VALUES (1)")
                    _ = try? connection.execute("INSERT INTO t VALUES (1)")
                }
            }
            #expect(thrown.phase == .commit)
            #expect(thrown.exitStatus == .software)
            #expect(try count(connection, "t") == 0)
        }
    }

    @Test func transactionsDoNotNest() throws {
        try TestDatabase.withConnection { connection in
            let thrown = try #require(throws: TransactionError.self) {
                try connection.withTransaction(activity: "outer") { connection in
                    try connection.withTransaction(activity: "inner") { _ in }
                }
            }
            #expect(thrown.phase == .body)
            let inner = try #require(thrown.error as? TransactionError)
            #expect(inner.phase == .begin)
            #expect(inner.exitStatus == .software)
        }
    }
}

@Suite(.requiresDatabase) struct AdvisoryLockIntegrationTests {
    @Test func heldLockRefusesOrBlocksASecondConnection() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let first = try scratch.connect()
            let second = try scratch.connect()
            try second.execute("SET lock_timeout = '200ms'")

            try first.withAdvisoryLock(key: 4242, activity: "applying teams") { _ in
                let refused = try #require(throws: TransactionError.self) {
                    try second.withAdvisoryLock(key: 4242, activity: "applying teams") { _ in }
                }
                #expect(refused.phase == .begin)
                #expect(refused.error as? AdvisoryLockBusy == AdvisoryLockBusy(key: 4242, activity: "applying teams"))
                #expect(refused.exitStatus == .temporaryFailure)

                let timedOut = try #require(throws: TransactionError.self) {
                    try second.withAdvisoryLock(key: 4242, activity: "applying teams", wait: true) { _ in }
                }
                #expect(timedOut.phase == .begin)
                // Waited for the session's lock timeout (55P03), then reported as the busy lock.
                #expect((timedOut.error as? AdvisoryLockBusy)?.waited != nil)
                #expect(timedOut.exitStatus == .temporaryFailure)

                // Another key is independent.
                try second.withAdvisoryLock(key: 4243, activity: "applying projects") { _ in }
            }
            // Released at COMMIT.
            let taken = try second.withAdvisoryLock(key: 4242, activity: "applying teams", wait: true) { _ in true }
            #expect(taken)
        }
    }

    @Test func lockNeedsATransaction() throws {
        try TestDatabase.withConnection { connection in
            let error = try #require(throws: PostgresError.self) { try connection.tryAdvisoryXactLock(key: 1) }
            #expect(error.kind == .misuse)
            let acquired = try connection.withTransaction { connection in try connection.tryAdvisoryXactLock(key: 1) }
            #expect(acquired)
        }
    }
}
