import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot read from disk, with the manifest that described it.
public struct LoadedSnapshot: Sendable, Hashable {
    /// In canonical order.
    public var snapshot: Snapshot
    public var manifest: SnapshotManifest
    /// SHA-256 of manifest.json's bytes as read (it lists every other file's checksum, so it names
    /// the whole snapshot): a plan records it and apply refuses a snapshot whose digest differs.
    public var manifestSHA256: String
    /// False when secrets were not required and `secrets/keys.json` was absent (then
    /// `snapshot.secrets` is empty).
    public var hasSecrets: Bool
    /// The optional files the manifest lists (`SnapshotFile.optionalFiles`: `waves.json`,
    /// `origins.json`), by name, their checksums checked.
    public var extraFiles: [String: [UInt8]] = [:]
}

/// Reads a snapshot directory strictly: checksums, exact fields and types, unique natural keys,
/// references inside the snapshot, private secrets. Every problem found is reported at once,
/// in a `SnapshotError` (exit status 65).
public enum SnapshotReader {
    /// `requireSecrets: false` lets commands that never create keys read a snapshot whose
    /// `secrets/` folder was left out (as in git); present secrets are still checked.
    public static func read(from directory: URL, requireSecrets: Bool = true) throws -> LoadedSnapshot {
        var pass = ReadPass(directory: directory, requireSecrets: requireSecrets)
        return try pass.run()
    }
}

private struct ReadPass {
    let root: String
    let shown: String
    let requireSecrets: Bool
    var problems: [SnapshotProblem] = []
    var bytes: [String: [UInt8]] = [:]
    private var lineIndexes: [String: JSONLineIndex] = [:]
    private var reparsed: [String: JSONDocument] = [:]

    init(directory: URL, requireSecrets: Bool) {
        root = directory.standardizedFileURL.path
        shown = directory.relativePath
        self.requireSecrets = requireSecrets
    }

    private var error: SnapshotError { SnapshotError(directory: shown, problems: problems) }

    private func throwIfProblems() throws(SnapshotError) {
        if !problems.isEmpty { throw error }
    }

    mutating func run() throws(SnapshotError) -> LoadedSnapshot {
        var info = stat()
        guard stat(root, &info) == 0, PosixFiles.isDirectory(info) else {
            let exists = access(root, F_OK) == 0
            problems.append(
                SnapshotProblem(.missingDirectory, file: "", exists ? "is not a folder" : "no such snapshot folder"))
            throw error
        }
        let (manifest, manifestNode) = try readManifest()
        try checkListedFiles(manifest, manifestNode)
        let hasSecrets = try checkFiles(manifest)
        let extraFiles = try checkOptionalFiles(manifest)

        var parts = SnapshotParts()
        parts.organization = decodeObject(Organization.self, .organization)
        parts.teams = decodeArray(Team.self, .teams)
        parts.members = decodeArray(Member.self, .members, fast: Member.init(tape:at:))
        parts.projects = decodeArray(Project.self, .projects)
        parts.keys = decodeArray(ClientKey.self, .keys, fast: ClientKey.init(tape:at:))
        parts.filters = decodeArray(InboundFilters.self, .filters)
        parts.ownership = decodeArray(Ownership.self, .ownership)
        if hasSecrets { parts.secrets = decodeArray(KeySecret.self, .secrets) }
        if bytes[SnapshotFile.settingSecrets.path] != nil {
            parts.projectSecrets = decodeArray(ProjectSecret.self, .settingSecrets)
        }
        if bytes[SnapshotFile.rules.path] != nil { parts.rules = decodeArray(IssueAlertRule.self, .rules) }
        if bytes[SnapshotFile.metricAlerts.path] != nil {
            parts.metricAlerts = decodeArray(MetricAlert.self, .metricAlerts)
        }

        for problem in SnapshotValidator.problems(in: parts, requireSecrets: requireSecrets) {
            problems.append(located(problem))
        }
        checkAgainstManifest(manifest, manifestNode, parts)
        try throwIfProblems()

        guard let organization = parts.organization, let teams = parts.teams, let members = parts.members,
            let projects = parts.projects, let keys = parts.keys, let filters = parts.filters,
            let ownership = parts.ownership
        else { preconditionFailure("every file decoded, or a problem was reported") }
        let snapshot = Snapshot(
            organization: organization, teams: teams, members: members, projects: projects, keys: keys,
            filters: filters, ownership: ownership, secrets: parts.secrets ?? [],
            projectSecrets: parts.projectSecrets ?? [], rules: parts.rules ?? [],
            metricAlerts: parts.metricAlerts ?? [])
        return LoadedSnapshot(
            snapshot: snapshot.canonicalized(), manifest: manifest,
            manifestSHA256: SHA256Digest.hex(of: bytes[SnapshotFile.manifest] ?? []), hasSecrets: hasSecrets,
            extraFiles: extraFiles)
    }

    // MARK: Manifest

    private mutating func readManifest() throws(SnapshotError) -> (SnapshotManifest, JSONDocument) {
        let file = SnapshotFile.manifest
        guard access(root + "/" + file, F_OK) == 0 else {
            problems.append(
                SnapshotProblem(
                    .missingManifest, file: file, "missing: this folder is not a sentry-migrate snapshot"))
            throw error
        }
        guard let node = parse(file) else { throw error }
        guard node.kind(of: node.root) == .object else {
            problems.append(
                problem(
                    .invalidValue, file, node, [], "expected an object, found \(node.kindDescription(of: node.root))"))
            throw error
        }
        try checkFormat(node)
        let (manifest, fieldProblems) = StrictDecoder.decode(SnapshotManifest.self, from: node, at: [])
        problems += fieldProblems.map { problem(from: $0, in: file) }
        guard let manifest else { throw error }
        return (manifest, node)
    }

    private mutating func checkFormat(_ node: JSONDocument) throws(SnapshotError) {
        let supported = SnapshotManifest.currentFormat
        let file = SnapshotFile.manifest
        guard let member = node.member("format", of: node.root), let format = node.string(at: member) else {
            problems.append(
                problem(
                    .unsupportedFormat, file, node, [.key("format")],
                    "no format string: this is not a sentry-migrate snapshot manifest (expected '\(supported)')"))
            throw error
        }
        guard format != supported else { return }
        let prefix = SnapshotManifest.formatPrefix
        if format.hasPrefix(prefix), let version = Int(format.dropFirst(prefix.count)), version > 1 {
            problems.append(
                problem(
                    .unsupportedFormat, file, node, [.key("format")],
                    "format '\(format)' is newer than this sentry-migrate \(ToolVersion.current) can read "
                        + "(it reads '\(supported)')",
                    next: "upgrade sentry-migrate, or re-create the snapshot with this version"))
        } else {
            problems.append(
                problem(
                    .unsupportedFormat, file, node, [.key("format")],
                    "unknown format '\(format)'; this sentry-migrate reads only '\(supported)'"))
        }
        throw error
    }

    private mutating func checkListedFiles(_ manifest: SnapshotManifest, _ node: JSONDocument) throws(SnapshotError) {
        let known = Set(SnapshotFile.allCases.map(\.path)).union(SnapshotFile.optionalFiles)
        let file = SnapshotFile.manifest
        for (name, hash) in manifest.files.sorted(by: { $0.key.utf8Precedes($1.key) }) {
            let path: JSONPath = [.key("files"), .key(name)]
            if !known.contains(name) {
                problems.append(
                    problem(
                        .inconsistentManifest, file, node, path,
                        "lists '\(name)', which is not a file of \(SnapshotManifest.currentFormat)"))
            } else if hash.utf8.count != 64
                || !hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            {
                problems.append(
                    problem(
                        .inconsistentManifest, file, node, path, "is not a SHA-256 in lowercase hex (64 characters)"))
            }
        }
        for expected in SnapshotFile.allCases where !expected.isOptional && manifest.files[expected.path] == nil {
            problems.append(
                problem(.inconsistentManifest, file, node, [.key("files")], "does not list '\(expected.path)'"))
        }
        try throwIfProblems()
    }

    /// Presence, permissions and checksums. An edited file is not parsed: its other problems
    /// would only follow from the edit. Returns whether secrets are present.
    private mutating func checkFiles(_ manifest: SnapshotManifest) throws(SnapshotError) -> Bool {
        var hasSecrets = false
        for file in SnapshotFile.allCases {
            if file.isOptional, manifest.files[file.path] == nil { continue }
            let path = root + "/" + file.path
            var info = stat()
            guard stat(path, &info) == 0 else {
                if file.isSecret {
                    if requireSecrets {
                        problems.append(
                            SnapshotProblem(
                                .missingSecrets, file: file.path,
                                "missing (the secrets/ folder is kept out of git), and this command needs the secret keys"
                            ))
                    }
                } else {
                    problems.append(
                        SnapshotProblem(.missingFile, file: file.path, "listed in manifest.json but missing"))
                }
                continue
            }
            guard PosixFiles.isRegularFile(info) else {
                problems.append(SnapshotProblem(.unreadableFile, file: file.path, "is not a regular file"))
                continue
            }
            if file.isSecret, info.st_mode & 0o077 != 0 {
                let mode = String(info.st_mode & 0o777, radix: 8)
                problems.append(
                    SnapshotProblem(
                        .insecurePermissions, file: file.path,
                        "holds secret keys but is open to group or others (mode 0\(mode)); refusing to use it",
                        next: "chmod 600 '\(shown)/\(file.path)' (and chmod 700 the secrets/ folder); "
                            + "secrets must be private, as ssh requires of private keys"))
                continue
            }
            let content: [UInt8]
            do {
                content = try PosixFiles.readFile(path)
            } catch {
                problems.append(SnapshotProblem(.unreadableFile, file: file.path, "cannot be read: \(error.reason)"))
                continue
            }
            let actual = SHA256Digest.hex(of: content)
            if let expected = manifest.files[file.path], actual != expected {
                problems.append(
                    SnapshotProblem(
                        .checksumMismatch, file: file.path,
                        "was changed after sentry-migrate wrote it (SHA-256 \(actual.prefix(12))…, manifest.json "
                            + "says \(expected.prefix(12))…)"))
                continue
            }
            bytes[file.path] = content
            if file == .secrets { hasSecrets = true }
        }
        try throwIfProblems()
        return hasSecrets
    }

    /// An optional file the manifest lists must be there, unchanged; one it does not list must not be
    /// (it was added or kept from elsewhere after the snapshot was written).
    private mutating func checkOptionalFiles(_ manifest: SnapshotManifest) throws(SnapshotError) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        for name in SnapshotFile.optionalFiles.sorted() {
            let path = root + "/" + name
            let expected = manifest.files[name]
            guard access(path, F_OK) == 0 else {
                if expected != nil {
                    problems.append(SnapshotProblem(.missingFile, file: name, "listed in manifest.json but missing"))
                }
                continue
            }
            guard let expected else {
                problems.append(
                    SnapshotProblem(
                        .inconsistentManifest, file: name,
                        "is not listed in manifest.json: it was not written with this snapshot",
                        next: "run transform again to write the snapshot with its \(name), or remove the file"))
                continue
            }
            guard let content = try? PosixFiles.readFile(path) else {
                problems.append(SnapshotProblem(.unreadableFile, file: name, "cannot be read"))
                continue
            }
            let actual = SHA256Digest.hex(of: content)
            guard actual == expected else {
                problems.append(
                    SnapshotProblem(
                        .checksumMismatch, file: name,
                        "was changed after sentry-migrate wrote it (SHA-256 \(actual.prefix(12))…, manifest.json "
                            + "says \(expected.prefix(12))…)"))
                continue
            }
            found[name] = content
        }
        try throwIfProblems()
        return found
    }

    private mutating func checkAgainstManifest(
        _ manifest: SnapshotManifest, _ node: JSONDocument, _ parts: SnapshotParts
    ) {
        let file = SnapshotFile.manifest
        if let organization = parts.organization, organization.slug != manifest.organization {
            problems.append(
                problem(
                    .inconsistentManifest, file, node, [.key("organization")],
                    "says '\(manifest.organization)' but organization.json has slug '\(organization.slug)'"))
        }
        let counts: [(String, Int, Int?)] = [
            ("teams", manifest.counts.teams, parts.teams?.count),
            ("members", manifest.counts.members, parts.members?.count),
            ("pendingInvites", manifest.counts.pendingInvites, parts.members?.count { $0.pending }),
            ("projects", manifest.counts.projects, parts.projects?.count),
            ("keys", manifest.counts.keys, parts.keys?.count),
            ("filters", manifest.counts.filters, parts.filters?.count),
            ("ownership", manifest.counts.ownership, parts.ownership?.count),
            ("rules", manifest.counts.rules ?? 0, parts.rules?.count ?? 0),
            ("metricAlerts", manifest.counts.metricAlerts ?? 0, parts.metricAlerts?.count ?? 0),
        ]
        for (name, expected, actual) in counts {
            guard let actual, actual != expected else { continue }
            problems.append(
                problem(
                    .inconsistentManifest, file, node, [.key("counts"), .key(name)],
                    "says \(expected) but the files hold \(actual)"))
        }
    }

    // MARK: Data files

    private mutating func parse(_ file: String) -> JSONDocument? {
        if bytes[file] == nil {
            do {
                bytes[file] = try PosixFiles.readFile(root + "/" + file)
            } catch {
                problems.append(SnapshotProblem(.unreadableFile, file: file, "cannot be read: \(error.reason)"))
                return nil
            }
        }
        do {
            return try JSONParser.parse(bytes[file] ?? [], namesKeys: SnapshotFile(rawValue: file)?.isSecret != true)
        } catch {
            problems.append(
                SnapshotProblem(
                    .malformedJSON, file: file, offset: position(of: error.offset, in: file),
                    "malformed JSON: \(error.message)"))
            return nil
        }
    }

    private mutating func decodeObject<T: Decodable>(_ type: T.Type, _ file: SnapshotFile) -> T? {
        guard let node = parse(file.path) else { return nil }
        let (value, fieldProblems) = StrictDecoder.decode(type, from: node, at: [], namesKeys: !file.isSecret)
        problems += fieldProblems.map { problem(from: $0, in: file.path) }
        return value
    }

    /// Files with at least this many elements are decoded in two halves at once (members, keys).
    private static let halvingThreshold = 4096

    /// Decodes every element, so that one bad element does not hide the others' problems. `fast`
    /// reads an element straight from the tape when it is exactly as written (`TapeReadable`);
    /// the elements it cannot read go through `StrictDecoder`, which reports their problems.
    private mutating func decodeArray<T: Decodable>(
        _ type: T.Type, _ file: SnapshotFile, fast: ((JSONTape, Int) -> T?)? = nil
    ) -> [T]? {
        guard let node = parse(file.path) else { return nil }
        guard node.kind(of: node.root) == .array else {
            problems.append(
                problem(
                    .invalidValue, file.path, node, [],
                    "expected an array, found \(node.kindDescription(of: node.root))"))
            return nil
        }
        let elements = node.elements(of: node.root)
        // Each element is decoded alone (a session of its own), so a large file's two halves are
        // decoded at once; problems are then reported in element order, as one pass would.
        let namesKeys = !file.isSecret
        func decode(_ range: Range<Int>) -> [(value: T?, problems: [FieldProblem])] {
            node.withTape { tape in
                range.map {
                    if let fast, let value = fast(tape, elements[$0]) { return (value, []) }
                    return StrictDecoder.decode(
                        type, from: node, index: elements[$0], at: [.index($0)], namesKeys: namesKeys)
                }
            }
        }
        let middle = elements.count / 2
        let decoded: [(value: T?, problems: [FieldProblem])]
        if elements.count >= Self.halvingThreshold {
            let (first, second) = concurrently({ decode(0..<middle) }, { decode(middle..<elements.count) })
            decoded = first + second
        } else {
            decoded = decode(0..<elements.count)
        }
        var values: [T] = []
        values.reserveCapacity(elements.count)
        var failed = false
        for (value, fieldProblems) in decoded {
            problems += fieldProblems.map { problem(from: $0, in: file.path) }
            if let value { values.append(value) } else { failed = true }
        }
        return failed ? nil : values
    }

    // MARK: Positions

    private mutating func position(of offset: Int, in file: String) -> (line: Int, column: Int) {
        if lineIndexes[file] == nil { lineIndexes[file] = JSONLineIndex(bytes[file] ?? []) }
        return lineIndexes[file]!.position(of: offset)
    }

    private mutating func problem(from field: FieldProblem, in file: String) -> SnapshotProblem {
        SnapshotProblem(
            field.kind == .unknownField ? .unknownField : .invalidValue, file: file, path: field.path,
            offset: position(of: field.offset, in: file), field.message)
    }

    private mutating func problem(
        _ kind: SnapshotProblem.Kind, _ file: String, _ node: JSONDocument, _ path: JSONPath, _ message: String,
        next: String? = nil
    ) -> SnapshotProblem {
        SnapshotProblem(
            kind, file: file, path: path, offset: position(of: node.offset(at: path), in: file), message, next: next)
    }

    /// Adds the line and column of a problem found in decoded values, by parsing its file again
    /// (only files with problems, so a valid snapshot is parsed once).
    private mutating func located(_ problem: SnapshotProblem) -> SnapshotProblem {
        guard let path = problem.pathComponents, let content = bytes[problem.file] else { return problem }
        if reparsed[problem.file] == nil { reparsed[problem.file] = try? JSONParser.parse(content) }
        guard let node = reparsed[problem.file] else { return problem }
        var located = problem
        let position = position(of: node.offset(at: path), in: problem.file)
        located.line = position.line
        located.column = position.column
        return located
    }
}

extension SnapshotReader {
    /// The folder's organization file decoded without any of `read`'s checks, or nil when it cannot
    /// be. Only for starting to read the target while `read` checks the snapshot: the caller must
    /// compare it with the organization `read` returns and read again when they differ.
    public static func peekOrganization(in directory: URL) -> Organization? {
        let file = directory.standardizedFileURL.path + "/" + SnapshotFile.organization.path
        guard let bytes = try? PosixFiles.readFile(file), let node = try? JSONParser.parse(bytes) else {
            return nil
        }
        return StrictDecoder.decode(Organization.self, from: node, at: []).value
    }
}
