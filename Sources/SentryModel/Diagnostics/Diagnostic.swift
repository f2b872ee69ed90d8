/// One problem, as every command reports it: what went wrong, where, why (optional) and what to do
/// next (optional). ``DiagnosticRenderer`` turns it into text; nothing else formats errors.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Where the problem is.
    public enum Place: Sendable, Hashable {
        /// Nowhere more precise than the command itself.
        case none
        /// A file, and a line and column in it when known: `acme.yaml:12:5`.
        case file(Location)
        /// A value inside a JSON file: `members.json:45:18` and `$[3].teams[0].slug`.
        case json(Location, path: String)
        /// An entity named by its kind and key: `team 'backend'`, `member a@example.com`.
        case entity(kind: String, key: String)
    }

    public var severity: Severity
    /// What went wrong, in one sentence.
    public var message: String
    public var place: Place
    /// Why it is a problem or what was found; may hold several lines (a list of changes).
    public var why: String?
    /// What to do next.
    public var next: String?

    /// An error.
    public init(_ message: String, why: String? = nil, next: String? = nil, at place: Place = .none) {
        self.init(.error, message, why: why, next: next, at: place)
    }

    public init(
        _ severity: Severity, _ message: String, why: String? = nil, next: String? = nil, at place: Place = .none
    ) {
        self.severity = severity
        self.message = message
        self.why = why
        self.next = next
        self.place = place
    }

    public init(_ severity: Severity, _ message: String, why: String? = nil, next: String? = nil, at location: Location)
    {
        self.init(severity, message, why: why, next: next, at: .file(location))
    }

    /// The file and position, for a problem inside a file.
    public var location: Location? {
        switch place {
        case .file(let location), .json(let location, _): location
        case .none, .entity: nil
        }
    }

    public var description: String { DiagnosticRenderer.render([self]) }
}

/// The one renderer of errors and warnings. Each diagnostic is a heading in the format compilers and
/// editors read, then indented `why:` and `next:` lines:
///
///     acme.yaml:12:5: error: team 'x' is not in the snapshot
///       why: teams.rename names teams by their hosted slug
///       next: use one of: backend, frontend
///
/// A run of diagnostics with the same next step shows it once, after the last of them. Text from
/// outside (names, paths, server messages) cannot break or forge a line: every control character
/// is escaped (``TerminalText``), and only `why` keeps its own line breaks, indented.
public enum DiagnosticRenderer {
    /// More diagnostics than this are counted, not listed.
    public static let listedLimit = 50

    public static let whyLabel = "  why: "
    public static let nextLabel = "  next: "
    static let continuation = "    "

    public static func render(_ diagnostics: [Diagnostic], summary: String? = nil) -> String {
        var lines: [String] = []
        let shown = diagnostics.prefix(listedLimit)
        for (index, diagnostic) in shown.enumerated() {
            lines.append(heading(diagnostic))
            if let why = diagnostic.why {
                let whyLines = why.split(separator: "\n", omittingEmptySubsequences: false)
                for (number, line) in whyLines.enumerated() {
                    lines.append((number == 0 ? whyLabel : continuation) + TerminalText.escaped(String(line)))
                }
            }
            let following = index + 1 < shown.count ? shown[shown.startIndex + index + 1] : nil
            if let next = diagnostic.next, following?.next != next {
                lines.append(nextLabel + TerminalText.escaped(next))
            }
        }
        if diagnostics.count > listedLimit { lines.append("… and \(diagnostics.count - listedLimit) more") }
        if let summary { lines.append(TerminalText.escaped(summary)) }
        return lines.joined(separator: "\n")
    }

    /// `file:line:column: error: message`, `file: error: $.path: message`, `error: team 'x': message`.
    static func heading(_ diagnostic: Diagnostic) -> String {
        let label = diagnostic.severity.rawValue
        let message = TerminalText.escaped(diagnostic.message)
        switch diagnostic.place {
        case .none:
            return "\(label): \(message)"
        case .file(let location):
            return "\(TerminalText.escaped(location.description)): \(label): \(message)"
        case .json(let location, let path):
            let file = location.file.isEmpty ? "" : TerminalText.escaped(location.description) + ": "
            return "\(file)\(label): \(TerminalText.escaped(path)): \(message)"
        case .entity(let kind, let key):
            return "\(label): \(kind) '\(TerminalText.escaped(key))': \(message)"
        }
    }
}

extension Diagnostic {
    /// `error`'s diagnostics with `context` (what we were doing) before the first one's message, for an
    /// error that wraps another: `applying teams failed, so nothing was written: PostgreSQL 23505 …`.
    public static func wrapping(_ error: any Error, in context: String) -> [Diagnostic] {
        guard var diagnostics = (error as? any ReportableError)?.diagnostics, !diagnostics.isEmpty else {
            return [Diagnostic("\(context): \(error)")]
        }
        diagnostics[0].message = "\(context): \(diagnostics[0].message)"
        return diagnostics
    }
}
