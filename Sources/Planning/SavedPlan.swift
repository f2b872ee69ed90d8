import Foundation
import SentryModel

/// A plan file as `plan --out` saved it, and the desired snapshot it names, checked to be the very
/// snapshot the plan was computed from.
public struct SavedPlan: Sendable {
    public var plan: Plan
    /// SHA-256 of the file's bytes.
    public var digest: String
    public var path: String

    /// Reads the plan file a chunk at a time: its SHA-256 is taken from the same chunks, and its
    /// changes are parsed and strictly decoded one by one, so a large plan's whole JSON tree is never
    /// in memory (`docs/performance.md`, Memory). Unknown fields are refused: a plan is only ever
    /// what `plan --out` wrote.
    public static func load(path: String) throws -> SavedPlan {
        var changes: [EntityChange] = []
        var plan: Plan
        let digest: String
        do {
            (plan, digest) = try StreamedJSONFile.decode(
                path: path, head: Plan.self, streaming: "changes", element: EntityChange.self,
                fast: EntityChange.init(tape:at:)
            ) { changes.append($0) }
        } catch let error as StreamedJSONError {
            throw PlanFileError(
                path: path, problem: "is not a sentry-migrate plan (\(error))",
                next: "pass the file `plan --out` wrote, unedited")
        } catch {
            throw PlanFileError(
                path: path, problem: "cannot be read (\(error.localizedDescription))",
                next: "check the path; `plan --out FILE` writes it")
        }
        plan.changes = changes
        guard plan.format == Plan.currentFormat else {
            throw PlanFileError(
                path: path, problem: "has format '\(plan.format)'; this sentry-migrate reads \(Plan.currentFormat)",
                next: "make the plan again with this version of sentry-migrate")
        }
        return SavedPlan(plan: plan, digest: digest, path: path)
    }

    /// Reads the desired snapshot (`override`, else the path the plan records, relative to the current
    /// folder or else to the plan's folder), and checks that its manifest digest is the plan's.
    public func loadDesired(override: String? = nil) throws -> DesiredState {
        let recorded = plan.snapshot.path
        var candidates = [override ?? recorded]
        if override == nil, !recorded.hasPrefix("/") {
            candidates.append(
                URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(recorded).path)
        }
        guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/manifest.json") })
        else {
            throw PlanFileError(
                path: path, problem: "names snapshot folder '\(candidates[0])', which has no manifest.json",
                next: "run apply from the folder plan ran in, or pass --snapshot with the snapshot's folder")
        }
        let different = PlanFileError(
            path: path,
            problem: "was made from a different snapshot than the one now in '\(folder)' (manifest digest differs)",
            next: "run plan again with this snapshot, or restore the snapshot the plan was made from")
        // Without secrets, created keys would get invented secrets and secret updates would be
        // skipped: the DSNs the plan promised to keep would silently change.
        let needsSecrets = plan.changes.contains { change in
            change.stage == .keys && (change.action == .create || change.fields.contains(where: \.sensitive))
        }
        if needsSecrets, !FileManager.default.fileExists(atPath: folder + "/" + SnapshotFile.secrets.path) {
            guard manifestDigest(in: folder) == plan.snapshot.manifestSHA256 else { throw different }
            throw MissingSecretsError(folder: folder + "/" + SnapshotFile.secretsFolder)
        }
        let desired: DesiredState
        do {
            desired = try DesiredState.read(from: folder, requireSecrets: needsSecrets)
        } catch {
            // A snapshot edited since the plan is reported as that, rather than as what the edit broke.
            guard manifestDigest(in: folder) == plan.snapshot.manifestSHA256 else { throw different }
            throw error
        }
        guard desired.manifestSHA256 == plan.snapshot.manifestSHA256 else { throw different }
        return desired
    }

    private func manifestDigest(in folder: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + SnapshotFile.manifest))).map {
            SHA256Digest.hex(of: $0)
        }
    }

    /// Writes `plan` as a plan file (`PlanJSON`'s bytes), streamed: a large plan is never whole in memory.
    public static func write(_ plan: Plan, to path: String) throws {
        do {
            try StreamedFile.write(to: path) { emit in try PlanJSON.write(plan, emit: emit) }
        } catch let error as StreamedFileError {
            throw PlanOutputError(path: path, reason: error.reason)
        } catch {
            throw PlanOutputError(path: path, reason: "\(error)")
        }
    }
}

/// A plan file that cannot be used.
public struct PlanFileError: ReportableError {
    public let path: String
    public let problem: String
    public let next: String
    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                .error, "the plan \(problem)", next: next.prefix(1).uppercased() + next.dropFirst() + ".",
                at: Location(file: path))
        ]
    }
}

/// A plan file could not be written.
public struct PlanOutputError: ReportableError {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .unavailable }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                .error, "cannot write the plan: \(reason)", next: "Check that the folder exists and is writable.",
                at: Location(file: path))
        ]
    }
}

/// The plan creates keys or changes secret keys, but the snapshot's `secrets/` folder is absent.
public struct MissingSecretsError: ReportableError {
    public let folder: String
    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                .error,
                "keys.json is missing, and the plan creates client keys or changes secret keys; nothing was "
                    + "applied",
                why: "without the secret keys their DSNs would change",
                next: "Put the secrets/ folder export wrote (it is kept out of git) back into the snapshot folder, "
                    + "then run apply again.",
                at: Location(file: "\(folder)/keys.json"))
        ]
    }
}
