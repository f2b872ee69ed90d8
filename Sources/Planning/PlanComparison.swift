import SentryModel

/// One truth for apply: the changes a fresh plan computes now (from the desired snapshot and the live
/// target) must be exactly the saved plan's, or apply refuses before its first write, naming each
/// difference. This catches a hand-edited plan (a `delete` added with prune off, a forged `create`),
/// a target that changed, and promises that no longer hold (a hosted project id or key now taken, a
/// user to link gone or appeared).
public enum PlanComparison {
    /// Every difference between the saved changes and the fresh ones, as `stage/key: what` lines.
    public static func differences(saved: [EntityChange], fresh: [EntityChange]) -> [String] {
        // The usual case, change by change without indexing either side: the planner lists changes
        // in stage order, each stage's by key; when the saved plan equals the fresh one element by
        // element and the fresh one is strictly in that order (so no key twice), nothing differs.
        if saved.count == fresh.count, strictlyOrdered(fresh), saved.elementsEqual(fresh) { return [] }
        func index(_ changes: [EntityChange]) -> [String: EntityChange] {
            Dictionary(changes.map { ("\($0.stage.rawValue)/\($0.key)", $0) }, uniquingKeysWith: { first, _ in first })
        }
        let old = index(saved)
        let new = index(fresh)
        var lines: [String] = []
        let duplicates = saved.count - old.count
        if duplicates > 0 { lines.append("the plan lists \(duplicates) change(s) twice") }
        for name in Set(old.keys).union(new.keys).sorted(by: { $0.utf8Precedes($1) }) {
            let shown = TerminalText.escaped(name)
            switch (old[name], new[name]) {
            case (let planned?, nil):
                lines.append("\(shown): the plan says \(planned.action.rawValue), a fresh plan has no change for it")
            case (nil, let wanted?):
                lines.append("\(shown): the plan has no change for it, a fresh plan says \(wanted.action.rawValue)")
            case (let planned?, let wanted?) where planned != wanted:
                lines.append("\(shown): " + describe(planned, wanted))
            default: continue
            }
        }
        return lines
    }

    /// Each change after the one before it: a later stage, or the same stage and a later key.
    private static func strictlyOrdered(_ changes: [EntityChange]) -> Bool {
        zip(changes, changes.dropFirst()).allSatisfy { before, after in
            before.stage == after.stage ? before.key.utf8Precedes(after.key) : before.stage < after.stage
        }
    }

    private static func describe(_ planned: EntityChange, _ wanted: EntityChange) -> String {
        if planned.action != wanted.action {
            return "the plan says \(planned.action.rawValue), a fresh plan says \(wanted.action.rawValue)"
        }
        var parts: [String] = []
        if planned.fields != wanted.fields {
            let names = Set(planned.fields.map(\.field)).union(wanted.fields.map(\.field)).filter { field in
                planned.fields.first { $0.field == field } != wanted.fields.first { $0.field == field }
            }
            parts.append("fields differ (\(names.sorted().map(TerminalText.escaped).joined(separator: ", ")))")
        }
        if planned.identity != wanted.identity {
            parts.append(
                "the plan's user is \(identity(planned.identity)), now it would be \(identity(wanted.identity))")
        }
        if planned.dsn != wanted.dsn {
            parts.append("the plan's DSN outcome was \(dsn(planned.dsn)), now it is \(dsn(wanted.dsn))")
        }
        if planned.notes != wanted.notes { parts.append("its notes differ") }
        return parts.joined(separator: "; ")
    }

    private static func identity(_ outcome: IdentityOutcome?) -> String {
        guard let outcome else { return "unset" }
        return outcome.policy.rawValue + (outcome.existingUserId.map { " user \($0)" } ?? "")
    }

    private static func dsn(_ outcome: DSNOutcome?) -> String {
        guard let outcome else { return "unset" }
        let id = outcome.projectId.map { " (project id \($0))" } ?? ""
        return (outcome.preserved ? "kept" : "changed") + id
            + (outcome.reason.map { ": " + TerminalText.escaped($0) } ?? "")
    }
}

/// The saved plan is not what plan computes now: edited, or the target changed under it.
public struct PlanMismatchError: ReportableError {
    public let differences: [String]

    public init(differences: [String]) { self.differences = differences }
    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        let shown = differences.prefix(30) + (differences.count > 30 ? ["… and \(differences.count - 30) more"] : [])
        return [
            Diagnostic(
                "the saved plan is not what plan computes now from its snapshot and the target (the file was edited, "
                    + "or the target changed under it); nothing was applied",
                why: (["differences:"] + shown).joined(separator: "\n"),
                next: "Run plan again against the target as it is now, review the new plan, and apply it.")
        ]
    }
}
