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
        var comparison = Streamed(saved: saved)
        comparison.add(fresh)
        return comparison.differences()
    }

    /// The same comparison with the fresh changes handed in as they are made, in any order and in
    /// pieces (apply's replan: `Planner.plan(…, emit:)`), so that they need not be held all at once.
    /// Changes are matched by stage and key, the first of each on either side counting; the lines are
    /// those of `differences(saved:fresh:)`.
    public struct Streamed {
        private struct Name: Hashable {
            var stage: Stage
            var key: String
        }

        private let saved: [EntityChange]
        /// Where each saved stage and key is first listed; nil while the saved plan is walked instead.
        private var positions: [Name: Int]?
        /// A saved plan in the planner's order (each stage's changes together, by key, no key twice)
        /// needs no index (8 MB at xlarge): each stage's saved changes are walked as that stage's fresh
        /// ones come, in the same order. Its first unwalked change, by stage.
        private var cursors: [Stage: Int] = [:]
        private var ends: [Stage: Int] = [:]
        /// The last fresh key of each stage: one out of order ends the walk (the index is made then).
        private var lastFresh: [Stage: String] = [:]
        /// Saved changes a fresh one of the same stage and key was met for.
        private var met: [Bool]
        /// Fresh changes the saved plan has none for (a difference each, so few).
        private var unplanned: Set<Name> = []
        private var lines: [(name: String, line: String)] = []

        public init(saved: [EntityChange]) {
            self.saved = saved
            met = [Bool](repeating: false, count: saved.count)
            guard PlanComparison.strictlyOrdered(saved) else {
                positions = Self.index(saved)
                return
            }
            for (position, change) in saved.enumerated() {
                if cursors[change.stage] == nil { cursors[change.stage] = position }
                ends[change.stage] = position + 1
            }
        }

        private static func index(_ saved: [EntityChange]) -> [Name: Int] {
            var positions: [Name: Int] = [:]
            positions.reserveCapacity(saved.count)
            for (position, change) in saved.enumerated() {
                let name = Name(stage: change.stage, key: change.key)
                if positions[name] == nil { positions[name] = position }
            }
            return positions
        }

        public mutating func add(_ fresh: some Sequence<EntityChange>) {
            for wanted in fresh {
                let name = Name(stage: wanted.stage, key: wanted.key)
                guard let position = position(of: name) else {
                    if unplanned.insert(name).inserted {
                        note(
                            name, "the plan has no change for it, a fresh plan says \(wanted.action.rawValue)")
                    }
                    continue
                }
                // A fresh change listed twice: the first counts.
                guard !met[position] else { continue }
                met[position] = true
                let planned = saved[position]
                if planned != wanted { note(name, PlanComparison.describe(planned, wanted)) }
            }
        }

        /// The saved change named `name`, if any: looked up in the index, or found by walking the stage.
        private mutating func position(of name: Name) -> Int? {
            if positions == nil, let last = lastFresh[name.stage], !last.utf8Precedes(name.key) {
                positions = Self.index(saved)
            }
            if let positions { return positions[name] }
            lastFresh[name.stage] = name.key
            guard var cursor = cursors[name.stage], let end = ends[name.stage] else { return nil }
            while cursor < end, saved[cursor].key.utf8Precedes(name.key) { cursor += 1 }
            cursors[name.stage] = cursor
            return cursor < end && !name.key.utf8Precedes(saved[cursor].key) ? cursor : nil
        }

        /// Every difference, as `differences(saved:fresh:)` names them.
        public func differences() -> [String] {
            var lines = lines
            for (position, change) in saved.enumerated() where !met[position] {
                let name = Name(stage: change.stage, key: change.key)
                guard positions.map({ $0[name] == position }) ?? true else { continue }
                lines.append(
                    (Self.shown(name), "the plan says \(change.action.rawValue), a fresh plan has no change for it"))
            }
            let duplicates = positions.map { saved.count - $0.count } ?? 0
            return (duplicates > 0 ? ["the plan lists \(duplicates) change(s) twice"] : [])
                + lines.sorted { $0.name.utf8Precedes($1.name) }.map { "\(TerminalText.escaped($0.name)): \($0.line)" }
        }

        private mutating func note(_ name: Name, _ line: String) { lines.append((Self.shown(name), line)) }

        private static func shown(_ name: Name) -> String { "\(name.stage.rawValue)/\(name.key)" }
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
