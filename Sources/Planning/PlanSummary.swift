import SentryModel

/// Counts of a plan's changes, overall and per stage, and the closing line people read first.
public struct PlanSummary: Sendable, Hashable {
    public struct Counts: Sendable, Hashable {
        public var create = 0
        public var update = 0
        public var delete = 0
        public var keep = 0

        mutating func add(_ action: ChangeAction) {
            switch action {
            case .create: create += 1
            case .update: update += 1
            case .delete: delete += 1
            case .keep: keep += 1
            }
        }

        /// Creations, updates or deletions: what `apply` would do.
        public var hasChanges: Bool { create + update + delete > 0 }
    }

    public var total = Counts()
    public var byStage: [Stage: Counts] = [:]

    public init(_ changes: [EntityChange]) {
        for change in changes {
            total.add(change.action)
            byStage[change.stage, default: Counts()].add(change.action)
        }
    }

    public var hasChanges: Bool { total.hasChanges }

    /// `Plan: 12 to create, 3 to update, 0 to delete, 4 kept.`, or the no-change sentence.
    public var line: String {
        guard hasChanges else {
            let kept = total.keep == 0 ? "" : " \(total.keep) kept that exist only on the target."
            return "No changes. The target matches the snapshot." + kept
        }
        return
            "Plan: \(total.create) to create, \(total.update) to update, \(total.delete) to delete, \(total.keep) kept."
    }
}

extension Stage {
    /// Heading for people: `Organization`, `Client keys`, ….
    var title: String {
        switch self {
        case .organization: "Organization"
        case .teams: "Teams"
        case .members: "Members"
        case .projects: "Projects"
        case .keys: "Client keys"
        case .filters: "Inbound filters"
        case .ownership: "Ownership rules"
        case .rules: "Issue alert rules"
        case .metricAlerts: "Metric alert rules"
        }
    }
}
