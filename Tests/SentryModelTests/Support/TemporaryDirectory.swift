import Foundation

@testable import SentryModel

/// Runs `body` with a fresh, empty folder that is removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "sentry-migrate-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

func fileText(_ directory: URL, _ file: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
}

func fileBytes(_ directory: URL, _ file: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))
}

func permissions(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// Writes the sample snapshot into `parent/snap` and returns that folder.
@discardableResult
func writeSample(
    _ snapshot: Snapshot = SampleSnapshot.make(), in parent: URL, name: String = "snap",
    exportedAt: Date = Date(timeIntervalSince1970: 1_750_000_000)
) throws -> URL {
    let directory = parent.appendingPathComponent(name, isDirectory: true)
    try SnapshotWriter.write(snapshot, source: SampleSnapshot.source, exportedAt: exportedAt, to: directory)
    return directory
}

/// Changes a snapshot file and updates its checksum in the manifest, as if sentry-migrate had
/// written the changed content: for tests of what the reader finds beyond checksums.
func edit(_ file: String, in directory: URL, _ change: (String) -> String) throws {
    let url = directory.appendingPathComponent(file)
    let old = try String(contentsOf: url, encoding: .utf8)
    let new = change(old)
    try Data(new.utf8).write(to: url)
    if SnapshotFile(rawValue: file)?.isSecret == true {
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
    try rewriteManifest(in: directory) { manifest in
        manifest.replacingOccurrences(
            of: SHA256Digest.hex(of: Array(old.utf8)), with: SHA256Digest.hex(of: Array(new.utf8)))
    }
}

func rewriteManifest(in directory: URL, _ change: (String) -> String) throws {
    let url = directory.appendingPathComponent(SnapshotFile.manifest)
    try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
}

/// Reads a snapshot that must be refused, and returns the error.
func readFailure(_ directory: URL, requireSecrets: Bool = true) throws -> SnapshotError {
    do {
        let loaded = try SnapshotReader.read(from: directory, requireSecrets: requireSecrets)
        throw UnexpectedSuccess(loaded: loaded)
    } catch let error as SnapshotError {
        return error
    }
}

struct UnexpectedSuccess: Error {
    var loaded: LoadedSnapshot
}

/// 1-based line and column (in Unicode scalars) of the `occurrence`-th `needle` in `text`.
func position(of needle: String, occurrence: Int = 1, in text: String) -> (line: Int, column: Int)? {
    var searchStart = text.startIndex
    var found: Range<String.Index>?
    for _ in 0..<occurrence {
        guard let range = text.range(of: needle, range: searchStart..<text.endIndex) else { return nil }
        found = range
        searchStart = range.upperBound
    }
    guard let found else { return nil }
    let before = text[..<found.lowerBound]
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    let line = before.unicodeScalars.filter { $0 == "\n" }.count + 1
    return (line, text[lineStart..<found.lowerBound].unicodeScalars.count + 1)
}
