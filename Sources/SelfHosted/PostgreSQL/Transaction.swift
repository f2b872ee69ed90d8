import CLibPQ
import SentryModel

extension PostgresConnection {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. Failures
    /// are reported by phase (begin, body, commit) in a ``TransactionError``; when rolling back fails
    /// too, both errors are kept. Transactions do not nest.
    public func withTransaction<Value>(
        activity: String = "a transaction", _ body: (PostgresConnection) throws -> Value
    ) throws(TransactionError) -> Value {
        try transaction(activity: activity, start: { _ in }, body)
    }

    /// `withTransaction` whose `start` runs right after BEGIN and whose failures count as the begin phase
    /// (used to take a lock before the body runs).
    func transaction<Value>(
        activity: String, start: (PostgresConnection) throws -> Void, _ body: (PostgresConnection) throws -> Value
    ) throws(TransactionError) -> Value {
        guard transactionStatus == PQTRANS_IDLE else {
            let reason = "a transaction is already open on this connection, and transactions do not nest"
            throw TransactionError(phase: .begin, activity: activity, error: PostgresError.misuse(activity, reason))
        }
        do {
            try execute("BEGIN", activity: "beginning \(activity)")
            try start(self)
        } catch {
            throw TransactionError(phase: .begin, activity: activity, error: error, rollbackError: rollBack(activity))
        }

        let value: Value
        do {
            value = try body(self)
        } catch {
            throw TransactionError(phase: .body, activity: activity, error: error, rollbackError: rollBack(activity))
        }

        // COMMIT of a failed transaction quietly rolls back, so a swallowed error must be caught here.
        switch transactionStatus {
        case PQTRANS_INTRANS: break
        case PQTRANS_INERROR:
            let reason = "a statement in the transaction failed and its error was ignored, so nothing was committed"
            throw TransactionError(
                phase: .commit, activity: activity, error: PostgresError.misuse(activity, reason),
                rollbackError: rollBack(activity))
        default:
            let reason = "the transaction was ended inside its body (COMMIT or ROLLBACK run by hand)"
            throw TransactionError(phase: .commit, activity: activity, error: PostgresError.misuse(activity, reason))
        }
        do {
            try execute("COMMIT", activity: "committing \(activity)")
        } catch {
            throw TransactionError(phase: .commit, activity: activity, error: error, outcomeUnknown: isBroken)
        }
        return value
    }

    /// Rolls back if a transaction is open; returns the error if that fails.
    private func rollBack(_ activity: String) -> PostgresError? {
        guard transactionStatus != PQTRANS_IDLE else { return nil }
        do {
            try execute("ROLLBACK", activity: "rolling back \(activity)")
            return nil
        } catch {
            return error
        }
    }
}

/// A transaction that failed, with the phase it failed in.
public struct TransactionError: ReportableError, Sendable {
    public enum Phase: String, Sendable {
        /// BEGIN (or the lock taken right after it) failed; the body never ran.
        case begin
        /// The body threw; the transaction was rolled back (see `rollbackError`).
        case body
        /// COMMIT failed; nothing was written, unless `outcomeUnknown`.
        case commit
    }

    public let phase: Phase
    /// What the transaction was for, e.g. `applying teams`.
    public let activity: String
    /// The failure in that phase: a ``PostgresError`` or whatever the body threw.
    public let error: any Error
    /// Set when rolling back failed as well (usually because the connection is gone; the server then
    /// discards the transaction itself).
    public let rollbackError: PostgresError?
    /// The connection broke during COMMIT, so the transaction may or may not have been committed.
    public let outcomeUnknown: Bool

    init(
        phase: Phase, activity: String, error: any Error, rollbackError: PostgresError? = nil,
        outcomeUnknown: Bool = false
    ) {
        self.phase = phase
        self.activity = activity
        self.error = error
        self.rollbackError = rollbackError
        self.outcomeUnknown = outcomeUnknown
    }

    public var exitStatus: ExitStatus {
        (error as? any ReportableError)?.exitStatus ?? .software
    }

    public var diagnostics: [Diagnostic] {
        let context: String
        var next: String?
        switch phase {
        case .begin: context = "could not start \(activity); nothing was written"
        case .body where rollbackError != nil: context = "\(activity) failed, so nothing was written"
        case .body: context = "\(activity) failed and was rolled back, so nothing was written"
        case .commit where outcomeUnknown:
            context = "the connection broke while committing \(activity), so it may or may not have been written"
            next = "Read the target again (plan) before retrying."
        case .commit: context = "committing \(activity) failed, so nothing was written"
        }
        var diagnostics = Diagnostic.wrapping(error, in: context)
        if let next { diagnostics[0].next = next }
        if let rollbackError {
            diagnostics += Diagnostic.wrapping(
                rollbackError,
                in: "rolling back failed too (PostgreSQL discards an unfinished transaction when its connection closes)"
            )
        }
        return diagnostics
    }
}
