import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// A plan that creates keys or changes secret keys needs the snapshot's `secrets/`: without it the
/// keys would get invented secrets and their DSNs would change, silently.
struct ApplySecretsTests {
    @Test func aPlanThatCreatesKeysRefusesASnapshotWithoutSecrets() throws {
        try withPlan(changes: [EntityChange(stage: .keys, key: Self.publicKey, action: .create)]) { saved, folder in
            let error = try #require(throws: MissingSecretsError.self) { try saved.loadDesired().snapshot }
            #expect(error.exitStatus == .dataError)
            #expect(error.description.contains(folder.appendingPathComponent("secrets").path))
            #expect(error.description.contains("Put the secrets/ folder export wrote"))
        }
    }

    @Test func aPlanThatChangesASecretKeyRefusesASnapshotWithoutSecrets() throws {
        let secret = FieldChange(sensitiveField: "secretKey", beforeDigest: "a", afterDigest: "b")
        try withPlan(changes: [EntityChange(stage: .keys, key: Self.publicKey, action: .update, fields: [secret])]) {
            saved, _ in
            #expect(throws: MissingSecretsError.self) { try saved.loadDesired().snapshot }
        }
    }

    @Test func aPlanWithoutKeyCreatesOrSecretChangesNeedsNoSecrets() throws {
        let label = FieldChange(field: "label", before: .string("Old"), after: .string("New"))
        try withPlan(
            changes: [
                EntityChange(stage: .teams, key: "backend", action: .create),
                EntityChange(stage: .keys, key: Self.publicKey, action: .update, fields: [label]),
            ]
        ) { saved, _ in
            let snapshot = try saved.loadDesired().snapshot
            #expect(snapshot.secrets.isEmpty)
            #expect(snapshot.keys == DesiredOrganization.snapshot.keys)
        }
    }

    @Test func theCommandExitsWith65BeforeConnecting() throws {
        try withPlan(changes: [EntityChange(stage: .keys, key: Self.publicKey, action: .create)]) { saved, _ in
            let result = try SentryMigrateBinary.run(
                ["apply", saved.path, "--database", "postgresql://nobody@127.0.0.1:1/none"])
            #expect(result.status == ExitStatus.dataError.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains("secrets/keys.json: error: keys.json is missing"))
        }
    }

    // MARK: - Support

    static let publicKey = DesiredOrganization.snapshot.keys[0].publicKey

    /// A saved plan with `changes`, made from the desired snapshot whose `secrets/` was then removed.
    private func withPlan(changes: [EntityChange], _ body: (SavedPlan, URL) throws -> Void) throws {
        try withTemporaryFolder { folder in
            let snapshotFolder = folder.appendingPathComponent("desired")
            _ = try SnapshotWriter.write(
                DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                exportedAt: Date(), to: snapshotFolder)
            let manifest = try Data(contentsOf: snapshotFolder.appendingPathComponent("manifest.json"))
            try FileManager.default.removeItem(at: snapshotFolder.appendingPathComponent("secrets"))
            let plan = Plan(
                createdAt: Date(), organization: "acme-io",
                snapshot: Plan.SnapshotReference(
                    path: snapshotFolder.path, manifestSHA256: SHA256Digest.hex(of: manifest)),
                target: Plan.TargetReference(location: "test", profile: "test", fingerprint: "", entityDigests: [:]),
                selection: Plan.Selection(), changes: changes)
            let planPath = folder.appendingPathComponent("plan.json").path
            try Data(try CanonicalJSON.bytes(of: plan)).write(to: URL(fileURLWithPath: planPath))
            try body(try SavedPlan.load(path: planPath), snapshotFolder)
        }
    }
}
