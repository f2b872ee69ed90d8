import Foundation
import SentryModel

/// A plan file as `plan --out` saved it, and the desired snapshot it names, checked to be the very
/// snapshot the plan was computed from.
public struct SavedPlan: Sendable {
    public var plan: Plan
    /// SHA-256 of the file's bytes.
    public var digest: String
    public var path: String

    public static func load(path: String) throws -> SavedPlan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PlanFileError(
                path: path, problem: "cannot be read (\(error.localizedDescription))",
                hint: "check the path; `plan --out FILE` writes it")
        }
        let plan: Plan
        do {
            plan = try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            throw PlanFileError(
                path: path, problem: "is not a sentry-migrate plan (\(Self.describe(error)))",
                hint: "pass the file `plan --out` wrote, unedited")
        }
        guard plan.format == Plan.currentFormat else {
            throw PlanFileError(
                path: path, problem: "has format '\(plan.format)'; this sentry-migrate reads \(Plan.currentFormat)",
                hint: "make the plan again with this version of sentry-migrate")
        }
        return SavedPlan(plan: plan, digest: SHA256Digest.hex(of: data), path: path)
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
                hint: "run apply from the folder plan ran in, or pass --snapshot with the snapshot's folder")
        }
        let different = PlanFileError(
            path: path,
            problem: "was made from a different snapshot than the one now in '\(folder)' (manifest digest differs)",
            hint: "run plan again with this snapshot, or restore the snapshot the plan was made from")
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

    private static func describe(_ error: any Error) -> String {
        (error as? DecodingError).map { DecodingProblem($0).description } ?? "\(error)"
    }
}

/// A plan file that cannot be used.
public struct PlanFileError: ReportableError {
    public let path: String
    public let problem: String
    public let hint: String
    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        "\(path): the plan \(problem). \(hint.prefix(1).uppercased() + hint.dropFirst())."
    }
}

/// A plan file could not be written.
public struct PlanOutputError: ReportableError {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .unavailable }
    public var description: String {
        "\(path): cannot write the plan: \(reason)\n    hint: check that the folder exists and is writable"
    }
}

/// The plan creates keys or changes secret keys, but the snapshot's `secrets/` folder is absent.
public struct MissingSecretsError: ReportableError {
    public let folder: String
    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        "\(folder)/keys.json is missing, and the plan creates client keys or changes secret keys: without the "
            + "secret keys their DSNs would change. Nothing was applied. Put the secrets/ folder export wrote "
            + "(it is kept out of git) back into the snapshot folder, then run apply again."
    }
}
