import SentryModel

/// Whether the target still holds what a plan was computed against.
///
/// Before any stage of a plan has been applied, the target's fingerprint must equal the plan's. Once
/// some stages of this same plan are in the journal, the target has changed on purpose, so the rule
/// becomes: every entity the plan does not write (nor derives from what it writes: a created
/// project's filters and ownership, a key's secret, and members' and projects' team lists after
/// team deletions) must still have the digest the plan recorded.
enum Staleness {
    /// The target's fingerprint, exactly as `plan` records it.
    static func fingerprint(of current: Snapshot?, context: String) throws -> String {
        try Plan.TargetReference.fingerprint(of: current, context: context)
    }

    /// Entity keys (`kind/key`) whose digest differs from the plan's, or that appeared or vanished.
    static func changedEntities(
        plan: Plan, current: Snapshot?, profile: TargetProfile, applied: Set<Stage>
    ) throws -> [String] {
        let digests = try current?.entityDigests() ?? [:]
        if applied.isEmpty {
            guard try fingerprint(of: current, context: profile.summary) != plan.target.fingerprint else { return [] }
            if profile.summary != plan.target.profile {
                return [
                    "the target profile: the plan was made against \(plan.target.profile), it is now \(profile.summary)"
                ]
            }
            return difference(plan.target.entityDigests, digests, exempt: { _ in false })
                .ifEmpty(["the organization (it was created or removed since the plan)"])
        }
        guard profile.summary == plan.target.profile else {
            return [
                "the target profile: the plan was made against \(plan.target.profile), it is now \(profile.summary)"
            ]
        }
        var exempt = Set<String>()
        var exemptKinds = Set<String>()
        for change in plan.changes where change.action != .keep {
            exempt.insert("\(change.stage.rawValue)/\(change.key)")
            switch change.stage {
            case .projects:
                exempt.insert("filters/\(change.key)")
                exempt.insert("ownership/\(change.key)")
            case .keys: exempt.insert("secrets/\(change.key)")
            case .teams where change.action == .delete && applied.contains(.teams):
                exemptKinds.formUnion(["members", "projects"])
            default: break
            }
        }
        return difference(plan.target.entityDigests, digests) { name in
            exempt.contains(name) || exemptKinds.contains(String(name.prefix { $0 != "/" }))
        }
    }

    private static func difference(
        _ before: [String: String], _ after: [String: String], exempt: (String) -> Bool
    ) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && !exempt($0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        let shown = changed.prefix(20).map { "  \($0)" }
        let more = changed.count > 20 ? ["  … and \(changed.count - 20) more"] : []
        return
            (["the plan is stale: the target changed since it was made; nothing was applied. Changed:"] + shown + more
            + ["Run plan again against the database as it is now, review it, and apply the new plan."])
            .joined(separator: "\n")
    }
}
