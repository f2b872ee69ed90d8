import Planning
import SentryModel

/// The changes of one stage, split by action, with the desired entities they name.
struct StageChanges<Entity> {
    var creates: [(change: EntityChange, entity: Entity)] = []
    var updates: [(change: EntityChange, entity: Entity)] = []
    /// Natural keys of entities to delete (they are not in the desired snapshot).
    var deletes: [String] = []

    init(_ changes: [EntityChange], entities: [Entity], key: (Entity) -> String) throws {
        let byKey = Dictionary(entities.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for change in changes {
            switch change.action {
            case .keep: continue
            case .delete: deletes.append(change.key)
            case .create, .update:
                guard let entity = byKey[change.key] else {
                    throw PlanSnapshotMismatch(stage: change.stage, key: change.key)
                }
                if change.action == .create {
                    creates.append((change, entity))
                } else {
                    updates.append((change, entity))
                }
            }
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
