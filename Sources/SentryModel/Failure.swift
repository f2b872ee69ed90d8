/// Exit codes every command shares (documented in docs/exit-codes.md). They follow sysexits(3),
/// plus 2 for "differences found", as Terraform's `-detailed-exitcode` does.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// `verify` found drift, or `plan --detailed-exitcode` has changes.
    case differences = 2
    /// Bad flags or arguments.
    case usage = 64
    /// Bad input data: mapping, snapshot, plan, API answer or database content.
    case dataError = 65
    /// The hosted API or the database is unreachable or refuses us.
    case unavailable = 69
    /// A bug in sentry-migrate.
    case software = 70
    /// A temporary failure; running the command again may succeed.
    case temporaryFailure = 75
}

/// An error a person can act on: what went wrong, where, and what to do next. `description`
/// must never contain a secret (token, password, secret key).
public protocol ReportableError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
    /// True when every line of `description` already starts with its own `where: error:` label
    /// (diagnostics of a file), so the CLI prints it as it is rather than after `error: `.
    var isLabelled: Bool { get }
}

extension ReportableError {
    public var isLabelled: Bool { false }
}
