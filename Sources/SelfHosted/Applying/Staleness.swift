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
    /// The plan's changes other than `keep`, by entity name (`kind/key`), found once per apply: each
    /// stage's check asked for them again, and naming 73,000 changes nine times was most of the
    /// checks' time on the large organization.
    struct PlanEntities {
        /// An entity by stage and key: the plan's own key strings, not a `kind/key` string made for
        /// each of 146,000 changes (10 MB at xlarge, held through apply).
        private struct Name: Hashable {
            var stage: Stage
            var key: String
        }

        /// Every entity the plan creates, updates or deletes.
        private var changed: Set<Name> = []
        /// Entities the plan deletes (a deleted key's secret too), as `kind/key`.
        var deleted: Set<String> = []
        /// Whether the plan deletes a team (which changes members' and projects' team lists).
        var deletesTeams = false

        init(_ changes: [EntityChange]) {
            changed.reserveCapacity(changes.count)
            for change in changes where change.action != .keep {
                changed.insert(Name(stage: change.stage, key: change.key))
                if change.action == .delete {
                    let name = "\(change.stage.rawValue)/\(change.key)"
                    deleted.insert(name)
                    if change.stage == .keys { deleted.insert("secrets/\(change.key)") }
                    if change.stage == .teams { deletesTeams = true }
                }
            }
        }

        /// Whether an applied stage wrote or implied `name` (`kind/key`): the entity's own change, a
        /// created or changed project's filters and ownership, a key's secret, and members' and
        /// projects' team lists once team deletions are applied.
        func written(_ name: String, kind: Substring, applied: Set<Stage>) -> Bool {
            let key = String(name.dropFirst(kind.count + 1))
            if let stage = Stage(rawValue: String(kind)), applied.contains(stage),
                changed.contains(Name(stage: stage, key: key))
            {
                return true
            }
            switch kind {
            case "filters", "ownership":
                if applied.contains(.projects), changed.contains(Name(stage: .projects, key: key)) { return true }
            case "secrets":
                if applied.contains(.keys), changed.contains(Name(stage: .keys, key: key)) { return true }
            case "members", "projects":
                if deletesTeams, applied.contains(.teams) { return true }
            default: break
            }
            return false
        }
    }

    /// Entity keys (`kind/key`) whose digest differs from the plan's, or that appeared or vanished.
    /// `found`: the target organization's entity digests now (`Snapshot.entityDigests`), nil when it
    /// does not exist.
    /// `remaining`: the stages still to apply; only their entities count once a stage is applied (or
    /// when given while none is), since each stage re-reads the ids it needs from earlier stages.
    static func changedEntities(
        plan: Plan, entities: PlanEntities, found: [String: String]?, profile: TargetProfile,
        applied: Set<Stage>, remaining: Set<Stage>? = nil
    ) throws -> [String] {
        guard profile.summary == plan.target.profile else {
            return [
                "the target profile: the plan was made against \(plan.target.profile), it is now \(profile.summary)"
            ]
        }
        let digests = found ?? [:]
        if applied.isEmpty, remaining == nil {
            guard Plan.TargetReference.fingerprint(of: found, context: profile.summary) != plan.target.fingerprint
            else { return [] }
            return difference(plan.target.entityDigests, digests, exempt: { _, _ in false })
                .ifEmpty(["the organization (it was created or removed since the plan)"])
        }
        // What a stage not applied yet will write must still be as the plan saw it.
        let kinds = Set(
            (remaining ?? Set(Stage.allCases).subtracting(applied)).flatMap {
                $0 == .keys ? ["keys", "secrets"] : [$0.rawValue]
            })
        return difference(plan.target.entityDigests, digests) { name, gone in
            let kind = name.prefix { $0 != "/" }
            guard kinds.contains(String(kind)) else { return true }
            return entities.written(name, kind: kind, applied: applied) || (gone && entities.deleted.contains(name))
        }
    }

    /// The kinds `changedEntities` compares when `remaining` is given: the reader may leave the others out.
    static func stagesToRead(remaining: Set<Stage>) -> Set<Stage> {
        remaining.union([.organization])
    }

    private static func difference(
        _ before: [String: String], _ after: [String: String], exempt: (String, _ gone: Bool) -> Bool
    ) -> [String] {
        // Only the names whose digests differ are asked about: most of a large plan's are equal.
        var differing: [String] = []
        for (name, digest) in before where after[name] != digest { differing.append(name) }
        for name in after.keys where before[name] == nil { differing.append(name) }
        return differing.filter { !exempt($0, after[$0] == nil) }
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
