import CLibPQ
import SentryModel

extension PostgresConnection {
    /// Runs `body` in a transaction that first takes the transaction-scoped advisory lock `key`, so that
    /// two runs cannot apply the same stage at once; the lock goes with COMMIT or ROLLBACK. Without
    /// `wait`, a lock held elsewhere fails the begin phase with ``AdvisoryLockBusy`` instead of blocking.
    public func withAdvisoryLock<Value>(
        key: Int64, activity: String, wait: Bool = false, _ body: (PostgresConnection) throws -> Value
    ) throws(TransactionError) -> Value {
        try transaction(
            activity: activity,
            start: { connection in
                if wait {
                    try connection.advisoryXactLock(key: key)
                } else if try !connection.tryAdvisoryXactLock(key: key) {
                    throw AdvisoryLockBusy(key: key, activity: activity)
                }
            }, body)
    }

    /// Waits for the transaction-scoped advisory lock `key` (`pg_advisory_xact_lock`); the session's
    /// `lock_timeout` applies.
    public func advisoryXactLock(key: Int64) throws(PostgresError) {
        try requireTransaction("pg_advisory_xact_lock")
        _ = try query("SELECT pg_advisory_xact_lock(\(key))", activity: "waiting for advisory lock \(key)")
    }

    /// Takes the transaction-scoped advisory lock `key` if it is free (`pg_advisory_xact_try_lock`).
    public func tryAdvisoryXactLock(key: Int64) throws(PostgresError) -> Bool {
        try requireTransaction("pg_advisory_xact_try_lock")
        let activity = "taking advisory lock \(key)"
        let rows = try query("SELECT pg_try_advisory_xact_lock(\(key)) AS acquired", activity: activity)
        do {
            return try rows[0].bool("acquired")
        } catch {
            throw .misuse(activity, error.description)
        }
    }

    // Outside a transaction the lock would be released as soon as the statement ends.
    private func requireTransaction(_ function: String) throws(PostgresError) {
        guard transactionStatus == PQTRANS_INTRANS else {
            throw .misuse("calling \(function)", "a transaction-scoped lock needs an open transaction")
        }
    }
}

/// Another session holds the advisory lock we asked for without waiting.
public struct AdvisoryLockBusy: ReportableError, Sendable, Equatable {
    public let key: Int64
    public let activity: String

    public var exitStatus: ExitStatus { .temporaryFailure }

    public var description: String {
        "another session holds advisory lock \(key) for \(activity) (probably another sentry-migrate run against "
            + "this database); wait for it to finish, then run the command again."
    }
}
