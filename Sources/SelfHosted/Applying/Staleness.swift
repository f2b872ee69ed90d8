import Planning
import SentryModel

/// Whether the target still holds what a plan was computed against.
///
/// Before any stage of a plan has been applied, the target's fingerprint must equal the plan's. Once
/// some stages of this same plan are in the journal, the target has changed on purpose, so the rule
/// becomes: every entity of the stages still to apply must still have the digest the plan recorded,
/// except what the applied stages wrote or implied (a created project's filters and ownership, a
/// key's secret, members' and projects' team lists after team deletions) and what the plan deletes
/// and is already gone. Each stage checks again, under the lock and inside the run's transaction, just
/// before it writes.
enum Staleness {
    /// Entity keys (`kind/key`) whose digest differs from the plan's, or that appeared or vanished.
    /// `remaining`: the stages still to apply; only their entities count once a stage is applied (or
    /// when given while none is), since each stage re-reads the ids it needs from earlier stages.
    static func changedEntities(
        plan: Plan, current: Snapshot?, profile: TargetProfile, applied: Set<Stage>, remaining: Set<Stage>? = nil
    ) throws -> [String] {
        guard profile.summary == plan.target.profile else {
            return [
                "the target profile: the plan was made against \(plan.target.profile), it is now \(profile.summary)"
            ]
        }
        // Nothing else runs meanwhile: the digests take both cores.
        let found = try current?.entityDigests(onTwoThreads: true)
        let digests = found ?? [:]
        if applied.isEmpty, remaining == nil {
            guard Plan.TargetReference.fingerprint(of: found, context: profile.summary) != plan.target.fingerprint
            else { return [] }
            return difference(plan.target.entityDigests, digests, exempt: { _, _ in false })
                .ifEmpty(["the organization (it was created or removed since the plan)"])
        }
        var exempt = Set<String>()
        var exemptKinds = Set<String>()
        var deleted = Set<String>()
        for change in plan.changes where change.action != .keep {
            if change.action == .delete {
                deleted.insert("\(change.stage.rawValue)/\(change.key)")
                if change.stage == .keys { deleted.insert("secrets/\(change.key)") }
            }
            // What a stage not applied yet will write must still be as the plan saw it.
            guard applied.contains(change.stage) else { continue }
            exempt.insert("\(change.stage.rawValue)/\(change.key)")
            switch change.stage {
            case .projects:
                exempt.insert("filters/\(change.key)")
                exempt.insert("ownership/\(change.key)")
            case .keys: exempt.insert("secrets/\(change.key)")
            case .teams where change.action == .delete:
                exemptKinds.formUnion(["members", "projects"])
            default: break
            }
        }
        let kinds = Set(
            (remaining ?? Set(Stage.allCases).subtracting(applied)).flatMap {
                $0 == .keys ? ["keys", "secrets"] : [$0.rawValue]
            })
        return difference(plan.target.entityDigests, digests) { name, gone in
            let kind = String(name.prefix { $0 != "/" })
            return !kinds.contains(kind) || exempt.contains(name) || exemptKinds.contains(kind)
                || (gone && deleted.contains(name))
        }
    }

    /// The kinds `changedEntities` compares when `remaining` is given: the reader may leave the others out.
    static func stagesToRead(remaining: Set<Stage>) -> Set<Stage> {
        remaining.union([.organization])
    }

    private static func difference(
        _ before: [String: String], _ after: [String: String], exempt: (String, _ gone: Bool) -> Bool
    ) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && !exempt($0, after[$0] == nil) }
            .sorted { $0.utf8Precedes($1) }
            .map { name in
                before[name] == nil ? "\(name) (new)" : after[name] == nil ? "\(name) (gone)" : "\(name) (changed)"
            }
    }
}

extension Array {
    fileprivate func ifEmpty(_ fallback: [Element]) -> [Element] { isEmpty ? fallback : self }
}

/// The target changed since the plan was made.
public struct StalePlanError: ReportableError {
    public let changed: [String]
    /// The stage that found it, just before writing (apply's one transaction, with what the earlier
    /// stages of the run wrote, was rolled back); nil when found before any stage ran.
    public var stage: Stage?

    public init(changed: [String], stage: Stage? = nil) {
        self.changed = changed
        self.stage = stage
    }

    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        let shown = changed.prefix(20) + (changed.count > 20 ? ["… and \(changed.count - 20) more"] : [])
        let applied =
            stage.map {
                "stage \($0.rawValue) found it just before writing, and nothing of this run was applied (stages "
                    + "applied by earlier runs stay applied, in the journal)"
            } ?? "nothing was applied"
        return [
            Diagnostic(
                "the plan is stale: the target changed since it was made; \(applied)",
                why: (["changed since the plan:"] + shown).joined(separator: "\n"),
                next: "Run plan again against the database as it is now, review it, and apply the new plan.")
        ]
    }
}
