import SentryModel

extension [Diagnostic] {
    var hasErrors: Bool { contains { $0.severity == .error } }

    /// Grouped by file; positioned problems first, in file order; otherwise the order found.
    func sortedForReport() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element.location, rhs.element.location)
            if left?.file != right?.file { return (left?.file ?? "") < (right?.file ?? "") }
            switch (left?.position, right?.position) {
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

    public var summary: String? {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let files = Set(diagnostics.compactMap(\.location?.file)).sorted().joined(separator: ", ")
        return "\(errors) error\(errors == 1 ? "" : "s") in \(files); nothing was written."
    }
}
