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
    public var hint: String

    /// Kept until a position is looked up in the file's text.
    var pathComponents: JSONPath?

    init(
        _ kind: Kind, file: String, path: JSONPath? = nil, offset: (line: Int, column: Int)? = nil, _ message: String,
        hint: String? = nil
    ) {
        self.kind = kind
        self.file = file
        self.pathComponents = path
        self.jsonPath = path?.rendered
        self.line = offset?.line
        self.column = offset?.column
        self.message = message
        self.hint = hint ?? kind.hint
    }

    /// `members.json:45:18: error: $[3].teams[0].slug: team 'x' is not in teams.json`, with the
    /// file inside `directory` when one is given.
    public func rendered(in directory: String? = nil) -> String {
        var location = [directory, file.isEmpty ? nil : file].compactMap { $0 }.joined(separator: "/")
        if let line, let column { location += ":\(line):\(column)" }
        let path = jsonPath.map { "\($0): " } ?? ""
        // One line: a value quoted in the message cannot break it (TerminalText).
        return "\(location.isEmpty ? "" : location + ": ")error: \(TerminalText.escaped(path + message))"
    }

    public var description: String { rendered() + "\n    hint: \(hint)" }
}

extension SnapshotProblem.Kind {
    private static let recreate =
        "snapshots are not edited by hand: re-create it with `sentry-migrate export`, `read` or `transform`, "
        + "and put changes in a mapping file"

    var hint: String {
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

    /// More than this many problems are counted, not listed.
    static let listedLimit = 50

    public var exitStatus: ExitStatus { .dataError }

    public var description: String {
        let count = problems.count
        var lines = ["snapshot '\(directory)' has \(count) problem\(count == 1 ? "" : "s"):"]
        lines += problems.prefix(Self.listedLimit).map { $0.rendered(in: directory) }
        if count > Self.listedLimit { lines.append("… and \(count - Self.listedLimit) more") }
        var hints: [String] = []
        for problem in problems where !hints.contains(problem.hint) { hints.append(problem.hint) }
        lines += hints.map { "hint: \($0)" }
        return lines.joined(separator: "\n")
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
    public var hint: String

    public var exitStatus: ExitStatus {
        switch kind {
        case .targetNotASnapshot, .targetNotAFolder, .parentMissing: .usage
        case .fileSystem: .unavailable
        case .encoding: .software
        }
    }

    public var description: String { "\(path.isEmpty ? "" : path + ": ")\(message)\nhint: \(hint)" }
}
