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
        // Exactly as long as the plan: appending left up to twice the room (29 MB for 146,000 changes,
        // about half of it empty), held through apply beside the plan it makes again.
        plan.changes.reserveCapacity(changes.count)
        plan.changes.append(contentsOf: changes)
        changes = []
        guard plan.format == Plan.currentFormat else {
            throw PlanFileError(
                path: path, problem: "has format '\(plan.format)'; this sentry-migrate reads \(Plan.currentFormat)",
                next: "make the plan again with this version of sentry-migrate")
        }
        return SavedPlan(plan: plan, digest: digest, path: path)
    }

    /// Reads the desired snapshot (`override`, else the path the plan records, relative to the current
    /// folder or else to the plan's folder), and checks that its manifest digest is the plan's.
    ///
    /// `alreadyRead`: the snapshot read meanwhile from the folder `peekSnapshotFolder` guessed; used
    /// when it is the folder chosen here, else read again.
    public func loadDesired(override: String? = nil, alreadyRead: DesiredState? = nil) throws -> DesiredState {
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
            // Read without requiring secrets, but its secrets were read when the file is there (checked above).
            if let alreadyRead, alreadyRead.path == folder {
                desired = alreadyRead
            } else {
                desired = try DesiredState.read(from: folder, requireSecrets: needsSecrets)
            }
        } catch {
            // A snapshot edited since the plan is reported as that, rather than as what the edit broke.
            guard manifestDigest(in: folder) == plan.snapshot.manifestSHA256 else { throw different }
            throw error
        }
        guard desired.manifestSHA256 == plan.snapshot.manifestSHA256 else { throw different }
        return desired
    }

    /// The snapshot folder a plan file names, found near its end without parsing it, so that apply
    /// can read the snapshot while the plan loads; nil when not found. Only a guess: `loadDesired`
    /// uses what was read only if it is the folder the loaded plan names. The file is canonical
    /// JSON (`PlanJSON`), so the top-level member is the one line indented by two spaces (a newline
    /// inside a string is written escaped); the members after it are the target's (its digests).
    public static func peekSnapshotFolder(planPath: String) -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: planPath), options: .alwaysMapped) else {
            return nil
        }
        let head = Array("\n  \"snapshot\": {\n".utf8)
        let pathKey = Array("\n    \"path\": ".utf8)
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
            func matches(_ needle: [UInt8], at offset: Int) -> Bool {
                offset >= 0 && offset + needle.count <= bytes.count
                    && needle.indices.allSatisfy { bytes[offset + $0] == needle[$0] }
            }
            var start = bytes.count - head.count
            while start >= 0, !matches(head, at: start) { start -= 1 }
            guard start >= 0 else { return nil }
            // manifestSHA256 (64 hex digits) comes first, then path: a JSON string up to its line's end.
            var key = start + head.count
            while key < bytes.count, bytes[key] != 0x7D, !matches(pathKey, at: key) { key += 1 }
            guard matches(pathKey, at: key) else { return nil }
            var end = key + pathKey.count
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let text = Data(bytes[(key + pathKey.count)..<end])
            return try? JSONDecoder().decode(String.self, from: text)
        }
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
