/// The seven kinds an export fetches, in the order the progress display lists them.
public enum ExportKind: String, CaseIterable, Sendable {
    case organization, teams, members, projects, keys, filters, ownership
}

/// One step of progress: `completed` of `total` units (pages or projects) of a kind; `total` is
/// nil while unknown.
public struct ExportProgress: Sendable, Hashable {
    public var kind: ExportKind
    public var completed: Int
    public var total: Int?
    public var finished: Bool
}
