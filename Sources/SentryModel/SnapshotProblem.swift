/// One thing wrong with a snapshot directory: what, where (file, JSON path, line:column) and
/// what to do next. Messages never quote secret keys.
public struct SnapshotProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case missingDirectory, missingManifest, unsupportedFormat, inconsistentManifest
        case missingFile, unreadableFile, checksumMismatch, insecurePermissions, missingSecrets
        case malformedJSON, invalidValue, unknownField
        case duplicateKey, danglingReference, missingSecret
    }

    public var kind: Kind
    /// Path inside the snapshot directory (`members.json`, `secrets/keys.json`); empty for the
    /// directory itself.
    public var file: String
    /// `$[3].teams[0].slug`, when the problem is inside a file.
    public var jsonPath: String?
    /// 1-based; the column counts Unicode scalars.
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What to do next.
    public var next: String

    /// Kept until a position is looked up in the file's text.
    var pathComponents: JSONPath?

    init(
        _ kind: Kind, file: String, path: JSONPath? = nil, offset: (line: Int, column: Int)? = nil, _ message: String,
        next: String? = nil
    ) {
        self.kind = kind
        self.file = file
        self.pathComponents = path
        self.jsonPath = path?.rendered
        self.line = offset?.line
        self.column = offset?.column
        self.message = message
        self.next = next ?? kind.next
    }

    /// The problem as a diagnostic, with the file inside `directory` when one is given:
    /// `acme/members.json:45:18: error: $[3].teams[0].slug: team 'x' is not in teams.json`.
    public func diagnostic(in directory: String? = nil) -> Diagnostic {
        let path = [directory, file.isEmpty ? nil : file].compactMap { $0 }.joined(separator: "/")
        let position = line.flatMap { line in column.map { Position(line: line, column: $0) } }
        let location = Location(file: path, position: position)
        let place: Diagnostic.Place =
            if let jsonPath { .json(location, path: jsonPath) } else if path.isEmpty { .none } else { .file(location) }
        return Diagnostic(.error, message, next: next, at: place)
    }

    public var description: String { diagnostic().description }
}

extension SnapshotProblem.Kind {
    private static let recreate =
        "snapshots are not edited by hand: re-create it with `sentry-migrate export`, `read` or `transform`, "
        + "and put changes in a mapping file"

    var next: String {
        switch self {
        case .missingDirectory:
            "check the path, or create a snapshot with `sentry-migrate export` (or `read`, `transform`)"
        case .missingManifest:
            "point at a folder written by `sentry-migrate export`, `read` or `transform`; it has a manifest.json"
        case .unsupportedFormat:
            "use the sentry-migrate version that wrote this snapshot, or re-create the snapshot with this one"
        case .inconsistentManifest, .missingFile:
            "the snapshot is incomplete or was changed; " + Self.recreate
        case .unreadableFile:
            "check that the file is readable by this user"
        case .checksumMismatch:
            Self.recreate
        case .insecurePermissions:
            "restrict it to its owner, as ssh requires of private keys: chmod 600 on the file, chmod 700 on secrets/"
        case .missingSecrets, .missingSecret:
            "this command needs the DSN secret keys: put the secrets/ folder of the original export (kept out of "
                + "git) back next to manifest.json, or export again"
        case .malformedJSON, .invalidValue, .unknownField:
            "this is not what sentry-migrate \(ToolVersion.current) writes: if a newer version wrote it (toolVersion "
                + "in manifest.json), upgrade; otherwise re-create the snapshot with `sentry-migrate export`, `read` "
                + "or `transform`, and put changes in a mapping file"
        case .duplicateKey, .danglingReference:
            "natural keys must be unique and references must stay inside the snapshot: re-create it with "
                + "`sentry-migrate export`, `read` or `transform`; renames, merges and exclusions belong in a mapping file"
        }
    }
}

/// A snapshot that cannot be read (or would not be readable if written). Carries every problem
/// found in one pass.
public struct SnapshotError: ReportableError, Hashable {
    /// The snapshot directory as the user gave it.
    public var directory: String
    public var problems: [SnapshotProblem]

    public var exitStatus: ExitStatus { .dataError }

    public var diagnostics: [Diagnostic] { problems.map { $0.diagnostic(in: directory) } }

    public var summary: String? {
        "snapshot '\(directory)' has \(problems.count) problem\(problems.count == 1 ? "" : "s")."
    }
}

/// Writing a snapshot failed before anything changed on disk.
public struct SnapshotWriteError: ReportableError, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The target exists and is neither empty nor a snapshot; it is never replaced.
        case targetNotASnapshot
        case targetNotAFolder
        case parentMissing
        /// The file system refused (permissions, full disk, ...).
        case fileSystem
        /// A bug: the snapshot could not be turned into JSON.
        case encoding
    }

    public var kind: Kind
    public var path: String
    public var message: String
    public var next: String

    public var exitStatus: ExitStatus {
        switch kind {
        case .targetNotASnapshot, .targetNotAFolder, .parentMissing: .usage
        case .fileSystem: .unavailable
        case .encoding: .software
        }
    }

    public var diagnostics: [Diagnostic] {
        [Diagnostic(.error, message, next: next, at: path.isEmpty ? .none : .file(Location(file: path)))]
    }
}
