import Foundation
import SentryModel

@testable import SelfHosted

/// A stand-in for the diff engine (which lives in another target): compares each kind by natural key,
/// without provenance, and records the target's fingerprint as `plan` does.
enum TestPlanner {
    static func plan(
        desired: Snapshot, database: TargetDatabase, stages: [Stage] = Stage.allCases, prune: Bool = false,
        snapshot: Plan.SnapshotReference = .init(path: "desired", manifestSHA256: "")
    ) throws -> Plan {
        let current = try database.readOrganization(slug: desired.organization.slug)
        let changes = try self.changes(desired: desired, current: current, prune: prune).filter {
            stages.contains($0.stage)
        }
        let profile = database.profile
        return Plan(
            createdAt: Date(), organization: desired.organization.slug, snapshot: snapshot,
            target: Plan.TargetReference(
                location: "test", profile: profile.summary,
                fingerprint: try Staleness.fingerprint(of: current, context: profile.summary),
                entityDigests: try current?.entityDigests() ?? [:]),
            selection: Plan.Selection(stages: stages, prune: prune), changes: changes)
    }

    static func changes(desired: Snapshot, current: Snapshot?, prune: Bool = false) throws -> [EntityChange] {
        let want = desired.withoutProvenance
        let have = current?.withoutProvenance
        var changes: [EntityChange] = []
        func compare<Entity: Equatable>(
            _ stage: Stage, _ wanted: [Entity], _ existing: [Entity], key: (Entity) -> String,
            extra: (Entity) -> [FieldChange] = { _ in [] }, identity: (Entity) -> IdentityOutcome? = { _ in nil },
            prunable: (Entity) -> Bool = { _ in true }
        ) {
            let existingByKey = Dictionary(existing.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
            for entity in wanted {
                let extraFields = extra(entity)
                if let old = existingByKey[key(entity)] {
                    if old != entity || !extraFields.isEmpty {
                        changes.append(
                            EntityChange(
                                stage: stage, key: key(entity), action: .update,
                                fields: [FieldChange(field: "*", before: nil, after: nil)] + extraFields))
                    }
                } else {
                    changes.append(
                        EntityChange(
                            stage: stage, key: key(entity), action: .create, fields: extraFields,
                            identity: identity(entity)))
                }
            }
            let wantedKeys = Set(wanted.map(key))
            for entity in existing where !wantedKeys.contains(key(entity)) {
                changes.append(
                    EntityChange(stage: stage, key: key(entity), action: prune && prunable(entity) ? .delete : .keep))
            }
        }
        compare(.organization, [want.organization], have.map { [$0.organization] } ?? [], key: \.slug)
        compare(.teams, want.teams, have?.teams ?? [], key: \.slug)
        let identities = Dictionary(
            desired.members.map { ($0.email, $0.identity) }, uniquingKeysWith: { first, _ in first })
        compare(
            .members, want.members, have?.members ?? [], key: \.email,
            identity: { member in (identities[member.email] ?? nil).map { IdentityOutcome(policy: $0) } })
        compare(.projects, want.projects, have?.projects ?? [], key: \.slug)
        let secrets = Dictionary(
            desired.secrets.map { ($0.publicKey, $0.secretKey) }, uniquingKeysWith: { first, _ in first })
        let oldSecrets = Dictionary(
            (current?.secrets ?? []).map { ($0.publicKey, $0.secretKey) }, uniquingKeysWith: { first, _ in first })
        compare(
            .keys, want.keys, have?.keys ?? [], key: \.publicKey,
            extra: { key in
                guard let old = oldSecrets[key.publicKey], let new = secrets[key.publicKey], old != new else {
                    return []
                }
                return [FieldChange(sensitiveField: "secretKey", beforeDigest: "old", afterDigest: "new")]
            })
        // As the Differ: prune takes filters and ownership only with their project.
        let kept = Set(want.projects.map(\.slug))
        compare(.filters, want.filters, have?.filters ?? [], key: \.project, prunable: { !kept.contains($0.project) })
        compare(
            .ownership, want.ownership, have?.ownership ?? [], key: \.project, prunable: { !kept.contains($0.project) })
        return changes
    }
}
