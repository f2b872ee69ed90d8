import CLibPQ
import SentryModel

extension PostgresConnection {
    /// Runs `body` in a transaction that first takes the transaction-scoped advisory lock `key`, so that
    /// two runs cannot apply the same stage at once; the lock goes with COMMIT or ROLLBACK. Without
    /// `wait`, a lock held elsewhere fails the begin phase with ``AdvisoryLockBusy`` at once; with it,
    /// the wait is noted (`onWait`) and lasts at most the session's lock timeout, then fails the same way.
    public func withAdvisoryLock<Value>(
        key: Int64, activity: String, wait: Bool = false, _ body: (PostgresConnection) throws -> Value
    ) throws(TransactionError) -> Value {
        try transaction(
            activity: activity,
            start: { connection in
                guard try !connection.tryAdvisoryXactLock(key: key) else { return }
                guard wait else {
                    throw AdvisoryLockBusy(key: key, activity: activity)
                }
                connection.onWait?(
                    "another session holds advisory lock \(key) (probably another sentry-migrate run against this "
                        + "database); waiting for it, at most \(connection.lockWaitText)")
                do {
                    try connection.advisoryXactLock(key: key)
                } catch let error as PostgresError where error.sqlState == "55P03" {
                    throw AdvisoryLockBusy(key: key, activity: activity, waited: connection.lockWaitText)
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
    /// How long we waited (the lock timeout), when we did.
    public var waited: String?

    public init(key: Int64, activity: String, waited: String? = nil) {
        self.key = key
        self.activity = activity
        self.waited = waited
    }

    public var exitStatus: ExitStatus { .temporaryFailure }

    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "another session holds advisory lock \(key) for \(activity) (probably another sentry-migrate run "
                    + "against this database)" + (waited.map { "; waited \($0)" } ?? ""),
                next: "Wait for it to finish, then run the command again"
                    + (waited == nil ? "." : ", or wait longer with --lock-timeout."))
        ]
    }
}
