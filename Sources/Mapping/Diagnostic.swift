import SentryModel

/// One problem found in a mapping file (or in the snapshot it is applied to).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var hint: String?
    public var location: Location

    public init(_ severity: Severity, _ message: String, hint: String? = nil, at location: Location) {
        self.severity = severity
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// `path:line:column: error: message`, then an indented `hint: …` line. Each is one line: names
    /// from the snapshot inside them are shown with their control characters escaped.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(TerminalText.escaped(message))"
        if let hint { text += "\n    hint: \(TerminalText.escaped(hint))" }
        return text
    }
}

extension [Diagnostic] {
    var hasErrors: Bool { contains { $0.severity == .error } }

    /// Grouped by file; positioned problems first, in file order; otherwise the order found.
    func sortedForReport() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element.location, rhs.element.location)
            if left.file != right.file { return left.file < right.file }
            switch (left.position, right.position) {
            case (let a?, let b?) where a != b: return a < b
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}

/// A mapping file that cannot be used: every problem found, all at once. Nothing is written.
public struct MappingError: ReportableError, Sendable {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sortedForReport()
    }

    public var exitStatus: ExitStatus { .dataError }
    public var isLabelled: Bool { true }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let files = Set(diagnostics.map(\.location.file)).sorted().joined(separator: ", ")
        let summary = "\(errors) error\(errors == 1 ? "" : "s") in \(files); nothing was written."
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }
}
