import Foundation

/// Writes a snapshot directory: canonical order, byte-stable JSON, checksums in the manifest,
/// secrets readable by their owner only, and all or nothing.
public enum SnapshotWriter {
    /// Writes `snapshot` to `directory` and returns the manifest written. The files are built in
    /// a hidden sibling folder and swapped into place at the end, so a failure leaves nothing
    /// behind and an existing snapshot untouched. An existing `directory` is replaced only if it
    /// is empty or holds a `manifest.json`.
    ///
    /// Throws `SnapshotError` when the snapshot is inconsistent (duplicate natural keys,
    /// dangling references: it could not be read back), `SnapshotWriteError` otherwise.
    ///
    /// `extraFiles` (names from `SnapshotFile.optionalFiles`) are written and listed with the data
    /// files. Without `secrets`, no `secrets/` folder is written at all (the manifest still lists the
    /// checksum of `secrets/keys.json`, which is that of the snapshot's secrets, normally none).
    @discardableResult
    public static func write(
        _ snapshot: Snapshot, source: SnapshotSource, exportedAt: Date, notes: ManifestNotes = ManifestNotes(),
        extraFiles: [String: [UInt8]] = [:], secrets: Bool = true, to directory: URL
    ) throws -> SnapshotManifest {
        try write(
            snapshot, source: source, exportedAt: exportedAt, notes: notes, extraFiles: extraFiles, secrets: secrets,
            to: directory
        ) { _ in }
    }

    /// `beforeStep` runs before each file is written (with its path) and before the final swap
    /// (with "swap"); tests make it throw to check that failures leave no trace, and turn
    /// `atomicExchange` off to test the fallback for systems without it.
    @discardableResult
    static func write(
        _ snapshot: Snapshot, source: SnapshotSource, exportedAt: Date, notes: ManifestNotes = ManifestNotes(),
        extraFiles: [String: [UInt8]] = [:], secrets: Bool = true, to directory: URL, atomicExchange: Bool = true,
        beforeStep: (String) throws -> Void
    ) throws -> SnapshotManifest {
        if let unknown = extraFiles.keys.first(where: { !SnapshotFile.optionalFiles.contains($0) }) {
            throw SnapshotWriteError(
                kind: .encoding, path: unknown, message: "is not a file a snapshot may hold",
                next: "this is a bug in sentry-migrate; please report it")
        }
        let canonical = snapshot.canonicalized()
        var problems = SnapshotValidator.problems(in: SnapshotParts(canonical), requireSecrets: false)
        guard problems.isEmpty else {
            for index in problems.indices {
                problems[index].next =
                    "nothing was written: the step that produced this snapshot (export, read or transform) should "
                    + "have caught this; please report it"
            }
            throw SnapshotError(directory: directory.relativePath, problems: problems)
        }

        let contents = try encodeFiles(canonical)
        let extras = extraFiles.sorted { $0.key < $1.key }
        var manifest = SnapshotManifest(
            source: source, organization: canonical.organization.slug, exportedAt: exportedAt,
            counts: SnapshotCounts(of: canonical),
            files: Dictionary(
                uniqueKeysWithValues: contents.map { ($0.file.path, SHA256Digest.hex(of: $0.bytes)) }
                    + extras.map { ($0.key, SHA256Digest.hex(of: $0.value)) }))
        manifest.notCarried = notes.notCarried
        manifest.leftOut = notes.leftOut.map { $0.sorted { ($0.kind, $0.hostedId) < ($1.kind, $1.hostedId) } }
        let manifestBytes = try canonicalJSON(manifest)

        let target = try Target(directory)
        let staging = target.parent + "/." + target.name + ".tmp-" + randomSuffix()
        do {
            try PosixFiles.makeDirectory(staging, mode: 0o777)
            if secrets {
                try PosixFiles.makeDirectory(staging + "/" + SnapshotFile.secretsFolder, mode: 0o700, exactMode: true)
            }
            // Secrets are written only when kept: never written and then deleted.
            for (file, bytes) in contents where secrets || file != .secrets {
                try beforeStep(file.path)
                let secret = file.isSecret
                try PosixFiles.writeNewFile(
                    staging + "/" + file.path, bytes: bytes, mode: secret ? 0o600 : 0o666, exactMode: secret)
            }
            for (name, bytes) in extras {
                try beforeStep(name)
                try PosixFiles.writeNewFile(staging + "/" + name, bytes: bytes, mode: 0o666)
            }
            try beforeStep(SnapshotFile.manifest)
            try PosixFiles.writeNewFile(staging + "/" + SnapshotFile.manifest, bytes: manifestBytes, mode: 0o666)
            if secrets { try PosixFiles.syncDirectory(staging + "/" + SnapshotFile.secretsFolder) }
            try PosixFiles.syncDirectory(staging)
            try beforeStep("swap")
            try swap(staging, into: target, atomicExchange: atomicExchange)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            if let error = error as? PosixError { throw SnapshotWriteError(error) }
            throw error
        }
        try? PosixFiles.syncDirectory(target.parent)
        return manifest
    }

    private static func encodeFiles(_ snapshot: Snapshot) throws -> [(file: SnapshotFile, bytes: [UInt8])] {
        // Optional files are written only when the snapshot has something for them.
        let absent: Set<SnapshotFile> = Set(
            [
                (SnapshotFile.settingSecrets, snapshot.projectSecrets.isEmpty), (.rules, snapshot.rules.isEmpty),
                (.metricAlerts, snapshot.metricAlerts.isEmpty),
            ]
            .filter(\.1).map(\.0))
        return try SnapshotFile.allCases.filter { !absent.contains($0) }.map { file in
            let bytes =
                switch file {
                case .organization: try canonicalJSON(snapshot.organization)
                case .teams: try canonicalJSON(snapshot.teams)
                case .members: try canonicalJSON(snapshot.members)
                case .projects: try canonicalJSON(snapshot.projects)
                case .keys: try canonicalJSON(snapshot.keys)
                case .filters: try canonicalJSON(snapshot.filters)
                case .ownership: try canonicalJSON(snapshot.ownership)
                case .secrets: try canonicalJSON(snapshot.secrets)
                case .settingSecrets: try canonicalJSON(snapshot.projectSecrets)
                case .rules: try canonicalJSON(snapshot.rules)
                case .metricAlerts: try canonicalJSON(snapshot.metricAlerts)
                }
            return (file, bytes)
        }
    }

    /// The value's canonical bytes (`CanonicalJSON`).
    static func canonicalJSON(_ value: some Encodable) throws -> [UInt8] {
        do {
            return try CanonicalJSON.bytes(of: value)
        } catch {
            throw SnapshotWriteError(
                kind: .encoding, path: "", message: "could not encode the snapshot: \(error)",
                next: "this is a bug in sentry-migrate; please report it")
        }
    }

    private static func randomSuffix() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// The folder to write, checked before anything is created.
    private struct Target {
        let path: String
        let parent: String
        let name: String
        let exists: Bool

        init(_ directory: URL) throws(SnapshotWriteError) {
            let url = directory.standardizedFileURL
            path = url.path
            name = url.lastPathComponent
            parent = url.deletingLastPathComponent().path
            let shown = directory.relativePath
            guard !name.isEmpty, name != "/", name != "..", path != parent else {
                throw SnapshotWriteError(
                    kind: .targetNotAFolder, path: shown, message: "cannot write a snapshot here",
                    next: "give a folder path such as ./snapshots/acme")
            }
            guard let parentInfo = PosixFiles.status(parent), PosixFiles.isDirectory(parentInfo) else {
                throw SnapshotWriteError(
                    kind: .parentMissing, path: shown, message: "the folder that should contain it does not exist",
                    next: "create it first (mkdir -p \(parent)) or choose another path")
            }
            guard let info = PosixFiles.status(path) else {
                exists = false
                return
            }
            guard PosixFiles.isDirectory(info), !PosixFiles.isSymbolicLink(info) else {
                throw SnapshotWriteError(
                    kind: .targetNotAFolder, path: shown,
                    message: "exists and is not a folder\(PosixFiles.isSymbolicLink(info) ? " (a symbolic link)" : "")",
                    next: "choose another path, or give the real folder a symbolic link points to")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty || entries.contains(SnapshotFile.manifest) else {
                throw SnapshotWriteError(
                    kind: .targetNotASnapshot, path: shown,
                    message: "exists, is not empty and is not a snapshot (it has no manifest.json); it was left alone",
                    next: "choose a new or empty folder, or an existing snapshot to replace")
            }
            exists = true
        }
    }

    private static func swap(_ staging: String, into target: Target, atomicExchange: Bool) throws(PosixError) {
        guard target.exists else { return try PosixFiles.rename(staging, to: target.path) }
        if atomicExchange, try PosixFiles.exchange(staging, target.path) {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        // No atomic exchange here: move the old snapshot aside, and back if the new one cannot go in.
        let aside = target.parent + "/." + target.name + ".old-" + randomSuffix()
        try PosixFiles.rename(target.path, to: aside)
        do {
            try PosixFiles.rename(staging, to: target.path)
        } catch {
            try? PosixFiles.rename(aside, to: target.path)
            throw error
        }
        try? FileManager.default.removeItem(atPath: aside)
    }
}

extension SnapshotWriteError {
    init(_ error: PosixError) {
        self.init(
            kind: .fileSystem, path: error.path, message: "could not \(error.operation) it: \(error.reason)",
            next: "check the permissions and free space of the folder; nothing was changed")
    }
}
