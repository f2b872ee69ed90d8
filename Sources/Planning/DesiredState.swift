import Foundation
import SentryModel

/// The desired side of a plan: a snapshot as read from its folder, with the manifest digest that
/// names it and the waves `transform` wrote beside it.
public struct DesiredState: Sendable, Hashable {
    public var snapshot: Snapshot
    /// The folder as given to `plan`; the plan records it so that `apply` finds the snapshot again.
    public var path: String
    /// SHA-256 of the folder's manifest.json as read.
    public var manifestSHA256: String
    /// The folder's waves.json, when it has one.
    public var waves: WaveFile?
    /// The folder's origins.json: which mapping rule set which value (transform writes it).
    public var origins: ValueOriginFile?

    public init(
        snapshot: Snapshot, path: String, manifestSHA256: String, waves: WaveFile? = nil,
        origins: ValueOriginFile? = nil
    ) {
        self.snapshot = snapshot
        self.path = path
        self.manifestSHA256 = manifestSHA256
        self.waves = waves
        self.origins = origins
    }

    /// Reads the snapshot strictly (see `SnapshotReader`), with its waves and origins files, if any
    /// (both listed in its manifest, so checked like the data files).
    public static func read(from path: String, requireSecrets: Bool = true) throws -> DesiredState {
        let folder = URL(fileURLWithPath: path)
        let loaded = try SnapshotReader.read(from: folder, requireSecrets: requireSecrets)
        return DesiredState(
            snapshot: loaded.snapshot, path: path, manifestSHA256: loaded.manifestSHA256,
            waves: try decode(WaveFile.self, loaded, WaveFile.fileName, folder: folder),
            origins: try decode(ValueOriginFile.self, loaded, ValueOriginFile.fileName, folder: folder))
    }

    private static func decode<File: Decodable>(
        _ type: File.Type, _ loaded: LoadedSnapshot, _ name: String, folder: URL
    ) throws -> File? {
        guard let bytes = loaded.extraFiles[name] else { return nil }
        do {
            return try JSONDecoder().decode(File.self, from: Data(bytes))
        } catch {
            throw WaveSelectionError(
                message: "\(folder.appendingPathComponent(name).relativePath) cannot be read: \(error)",
                next: "run transform again to rewrite it", exitStatus: .dataError)
        }
    }

    /// The wave `--wave NAME` names.
    func wave(named name: String) throws -> Wave {
        let file = URL(fileURLWithPath: path).appendingPathComponent(WaveFile.fileName).relativePath
        guard let waves else {
            throw WaveSelectionError(
                message: "--wave \(name): \(file) does not exist",
                next: "transform writes waves.json beside the desired snapshot when the mapping file has waves")
        }
        guard let wave = waves.wave(named: name) else {
            let names = waves.waves.map(\.name)
            throw WaveSelectionError(
                message: "--wave \(name): \(file) has no such wave",
                next: names.isEmpty ? "it lists no waves" : "waves: \(names.joined(separator: ", "))")
        }
        return wave
    }
}

/// `--wave` names a wave the snapshot's waves.json does not have, or that file is broken.
public struct WaveSelectionError: ReportableError {
    public var message: String
    public var next: String
    public var exitStatus: ExitStatus = .usage
    public var diagnostics: [Diagnostic] { [Diagnostic(message, next: next)] }
}
