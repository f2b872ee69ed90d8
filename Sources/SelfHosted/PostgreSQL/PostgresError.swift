import Foundation
import SentryModel

/// A failure reported by PostgreSQL or libpq. It carries the server's diagnostic fields and what we were
/// doing, but never a parameter value or a password: server text that can echo values is masked.
public struct PostgresError: ReportableError, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Opening the connection failed.
        case connect
        /// The server did not complete the connection within the connect timeout.
        case timedOut
        /// The server (or libpq, for a lost connection) rejected a statement.
        case statement
        /// sentry-migrate used this API wrongly; a bug, not the database's fault.
        case misuse
    }

    public let kind: Kind
    /// What we were doing, e.g. `inserting teams` or `running "SELECT slug FROM …"`.
    public let activity: String
    /// The five-character SQLSTATE; nil when libpq itself failed (lost connection, refused connect).
    public let sqlState: String?
    public let severity: String?
    public let message: String
    public let detail: String?
    public let hint: String?
    /// The connection target with its password removed.
    public let target: String?

    init(
        kind: Kind, activity: String, sqlState: String? = nil, severity: String? = nil, message: String,
        detail: String? = nil, hint: String? = nil, target: String? = nil
    ) {
        self.kind = kind
        self.activity = activity
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.target = target
    }

    static func misuse(_ activity: String, _ message: String) -> PostgresError {
        PostgresError(kind: .misuse, activity: activity, message: message)
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .connect: return .unavailable
        case .timedOut: return .temporaryFailure
        case .misuse: return .software
        case .statement: break
        }
        guard let sqlState else { return .unavailable }
        switch sqlState {
        case "40001", "40P01", "55P03", "57P01", "57P02", "57P03": return .temporaryFailure
        case "3D000", "42501": return .unavailable
        default: break
        }
        switch sqlState.prefix(2) {
        case "08", "28": return .unavailable
        case "22", "23": return .dataError
        case "42": return .software
        default: return .unavailable
        }
    }

    /// What the operator should do next.
    public var advice: String {
        switch kind {
        case .connect: return ConnectAdvice.advice(for: message)
        case .timedOut:
            return "Check that the host and port are PostgreSQL's (not another service that accepts and stays "
                + "silent) and that the network path is open; run again, or wait longer with --connect-timeout "
                + "SECONDS (or connect_timeout= in the URL)."
        case .misuse: return "This is a bug in sentry-migrate; please report it with this message."
        case .statement: break
        }
        guard let sqlState else {
            return "The connection to the database was lost; check that the server is running and reachable, "
                + "then run the command again."
        }
        switch sqlState {
        case "55P03":
            return "Another session held a lock this needs for longer than the lock timeout (a running Sentry, "
                + "a migration or a long transaction; see pg_stat_activity). Nothing of this step was written. Run "
                + "the command again when it is done, or wait longer with --lock-timeout DURATION."
        case "40001", "40P01", "57P01", "57P02", "57P03":
            return "This is temporary (a conflict with another session, a lock held elsewhere or a server "
                + "restart); run the command again."
        case "3D000": return "Check the database name in the URL."
        case "42501":
            return "Connect as a user that owns Sentry's tables, or grant this user the privileges it lacks."
        default: break
        }
        switch sqlState.prefix(2) {
        case "08":
            return "Check that the server is running and reachable, then run the command again."
        case "28":
            return "Check the user name and password (URL, PGPASSWORD or the password file) and pg_hba.conf."
        case "22", "23":
            return "The data does not fit the target database's rules (see the detail); check the rows named "
                + "there against the target, then plan again."
        case "42":
            return "The statement does not match this database's schema: either the target is not a supported "
                + "Sentry version or this is a bug in sentry-migrate; please report it with this message."
        default:
            return "Check the PostgreSQL server log for more, then run the command again."
        }
    }

    /// The server's own suggestion (its HINT field) comes after ours in the next step; a message of
    /// several lines (libpq's connection failures) keeps its first line as the what, the rest as why.
    public var diagnostics: [Diagnostic] {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let first = lines.first ?? ""
        let what: String
        switch kind {
        case .connect, .timedOut:
            what = "could not connect to PostgreSQL at \(target ?? "(unknown target)"): \(first)"
        case .misuse:
            what = "internal error while \(activity): \(first)"
        case .statement:
            let code = [sqlState, severity].compactMap { $0 }.joined(separator: " ")
            let label = code.isEmpty ? "PostgreSQL error" : "PostgreSQL \(code)"
            what = "\(label) while \(activity): \(first)"
        }
        let why = (lines.dropFirst() + [detail].compactMap { $0 }).joined(separator: "\n")
        let next = hint.map { "\(advice) PostgreSQL suggests: \($0)" } ?? advice
        return [Diagnostic(what, why: why.isEmpty ? nil : why, next: next)]
    }
}

private enum ConnectAdvice {
    static func advice(for message: String) -> String {
        let lower = message.lowercased()
        if lower.contains("could not be parsed") || lower.contains("invalid") && lower.contains("connection") {
            return "Fix the database URL (postgresql://USER@HOST:PORT/DATABASE) or conninfo string (host=… dbname=…)."
        }
        if lower.contains("password") || lower.contains("authentication") || lower.contains("pg_hba.conf") {
            return "Check the user name and password (in the URL, PGPASSWORD or the password file) and that "
                + "pg_hba.conf lets this user connect from this machine."
        }
        if lower.contains("database"), lower.contains("does not exist") {
            return "Check the database name in the URL (self-hosted Sentry's database is usually 'postgres')."
        }
        if lower.contains("role"), lower.contains("does not exist") {
            return "Check the user name in the URL."
        }
        if lower.contains("ssl") {
            return "Check sslmode (sslmode= in the URL or PGSSLMODE) and the server's SSL settings."
        }
        return "Check the host and port in the URL (or PGHOST/PGPORT) and that the PostgreSQL server is running "
            + "and accepts connections from this machine."
    }
}
