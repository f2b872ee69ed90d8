import Planning
import SentryModel

/// The changes of one stage, split by action, with the desired entities they name.
struct StageChanges<Entity> {
    var creates: Pairs
    var updates: Pairs
    /// Natural keys of entities to delete (they are not in the desired snapshot).
    var deletes: [String] = []

    /// Creates, then updates: what a writer that treats both alike goes through, without a list of both.
    var createsAndUpdates: FlattenSequence<[Pairs]> { [creates, updates].joined() }

    init(_ changes: ArraySlice<EntityChange>, entities: [Entity], key: (Entity) -> String) throws {
        creates = Pairs(changes: changes, entities: entities)
        updates = creates
        var byKey: [String: Int] = [:]
        byKey.reserveCapacity(entities.count)
        for (position, entity) in entities.enumerated() where byKey[key(entity)] == nil {
            byKey[key(entity)] = position
        }
        for (position, change) in zip(changes.indices, changes) {
            switch change.action {
            case .keep: continue
            case .delete: deletes.append(change.key)
            case .create, .update:
                guard let entity = byKey[change.key] else {
                    throw PlanSnapshotMismatch(stage: change.stage, key: change.key)
                }
                if change.action == .create {
                    creates.positions.append((position, entity))
                } else {
                    updates.positions.append((position, entity))
                }
            }
        }
    }

    /// Changes of one action, each with the desired entity it names, kept as positions into the stage's
    /// changes and the snapshot's entities: pairs of copies (200 bytes each) were 26 MB of the members
    /// stage at xlarge, beside the plan and snapshot they were copied from (docs/performance.md).
    struct Pairs: RandomAccessCollection {
        fileprivate let changes: ArraySlice<EntityChange>
        fileprivate let entities: [Entity]
        fileprivate var positions: [(change: Int, entity: Int)] = []

        fileprivate init(changes: ArraySlice<EntityChange>, entities: [Entity]) {
            self.changes = changes
            self.entities = entities
        }

        var startIndex: Int { positions.startIndex }
        var endIndex: Int { positions.endIndex }

        subscript(index: Int) -> (change: EntityChange, entity: Entity) {
            let (change, entity) = positions[index]
            return (changes[change], entities[entity])
        }
    }
}

/// The plan names an entity its snapshot does not hold: the plan and snapshot do not belong together.
struct PlanSnapshotMismatch: ReportableError {
    let stage: Stage
    let key: String
    var exitStatus: ExitStatus { .dataError }
    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "the plan's \(stage.rawValue) change for '\(key)' has no counterpart in the snapshot it names",
                why: "the plan and the snapshot do not belong together", next: "Run plan again against this snapshot.")
        ]
    }
}

/// `sentry_organization.flags` bits the snapshot carries (the rest are kept as they are).
/// Bits of settings the target's Sentry does not have are neither set nor cleared.
enum OrganizationFlags {
    static func carried(_ profile: TargetProfile) -> Int64 {
        var carried: Int64 = 1 | 2 | 4 | 8 | 16
        for (bit, _) in invertedSettings(profile) { carried |= bit }
        return carried
    }

    /// Bit → setting name of the settings stored as a set bit when false (`disable_member_invite`).
    static func invertedSettings(_ profile: TargetProfile) -> [(Int64, String)] {
        let notHeld = profile.organizationSettingsNotHeld
        return SettingStorage.organization.compactMap { name, storage in
            guard case .invertedFlag(let bit, _) = storage, notHeld[name] == nil else { return nil }
            return (bit, name)
        }
    }

    static func bits(of organization: Organization, profile: TargetProfile) -> Int64 {
        var flags: Int64 = 0
        for (bit, name) in invertedSettings(profile) where organization.settings?[name] == .bool(false) {
            flags |= bit
        }
        if organization.openMembership { flags |= 1 }
        if organization.enhancedPrivacy { flags |= 2 }
        if !organization.allowSharedIssues { flags |= 4 }
        if organization.isEarlyAdopter { flags |= 8 }
        if organization.require2FA { flags |= 16 }
        return flags
    }
}

/// Self-hosted runs as one monolith "region".
let monolithRegion = "--monolith--"
