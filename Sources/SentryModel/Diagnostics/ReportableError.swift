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

/// An error a person can act on. It says what went wrong, where, why and what to do next as
/// ``Diagnostic`` values; its text is always ``DiagnosticRenderer``'s, so every command's errors read
/// alike (docs/exit-codes.md, "How errors read"). No diagnostic may hold a secret (token, password,
/// secret key).
public protocol ReportableError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
    /// Every problem found, in the order to show them.
    var diagnostics: [Diagnostic] { get }
    /// A closing line for the whole error (`2 errors in acme.yaml; nothing was written.`), if any.
    var summary: String? { get }
}

extension ReportableError {
    public var summary: String? { nil }

    /// The one rendering of an error (the CLI prints it as it is, on stderr).
    public var description: String { DiagnosticRenderer.render(diagnostics, summary: summary) }
}
