import SentryModel

/// What `verify` found: per kind, how the target compares with the desired snapshot, every missing,
/// extra and differing entity field by field (secrets as digests only), and the invariants that do
/// not hold. It holds when there are no differences and no violations.
public struct VerificationReport: Codable, Sendable, Hashable {
    public struct KindSummary: Codable, Sendable, Hashable {
        public var kind: Stage
        public var desired: Int
        public var target: Int
        public var missing: Int
        public var extra: Int
        public var differing: Int
    }

    public var organization: String
    public var target: String
    public var profile: String
    public var kinds: [KindSummary]
    /// `create` = missing on the target, `delete` = extra on the target, `update` = differing.
    public var differences: [EntityChange]
    /// Target-only entities of an organization the mapping migrated into (`organization.into`): what
    /// it held before, which the plan kept, so they are listed but are no difference.
    public var kept: [EntityChange]
    public var violations: [InvariantViolation]

    public var holds: Bool { differences.isEmpty && violations.isEmpty }

    /// Compares with every entity in scope and target-only entities counted as extra (or, in an
    /// organization the mapping migrated into, listed as kept).
    public init(
        desired: Snapshot, current: Snapshot?, facts: TargetFacts = TargetFacts(), violations: [InvariantViolation],
        target: String, profile: String
    ) throws {
        organization = desired.organization.slug
        self.target = target
        self.profile = profile
        let adopted = desired.organization.into != nil
        var found = try Differ.changes(
            desired: desired, current: current, facts: facts, selection: Plan.Selection(prune: !adopted))
        // Identity and DSN outcomes are plan advice; a verification reports facts only.
        for index in found.indices {
            found[index].identity = nil
            found[index].dsn = nil
            found[index].notes = []
        }
        kept = found.filter { $0.action == .keep }
        found.removeAll { $0.action == .keep }
        differences = found
        self.violations = violations
        kinds = Stage.allCases.map { stage in
            let found = found.filter { $0.stage == stage }
            return KindSummary(
                kind: stage, desired: Self.count(stage, in: desired),
                target: current.map { Self.count(stage, in: $0) } ?? 0,
                missing: found.filter { $0.action == .create }.count,
                extra: found.filter { $0.action == .delete }.count,
                differing: found.filter { $0.action == .update }.count)
        }
    }

    private static func count(_ stage: Stage, in snapshot: Snapshot) -> Int {
        switch stage {
        case .organization: 1
        case .teams: snapshot.teams.count
        case .members: snapshot.members.count
        case .projects: snapshot.projects.count
        case .keys: snapshot.keys.count
        case .filters: snapshot.filters.count
        case .ownership: snapshot.ownership.count
        case .rules: snapshot.rules.count
        case .metricAlerts: snapshot.metricAlerts.count
        }
    }
}
