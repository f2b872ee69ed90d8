import Foundation
import Testing

@testable import SentryModel

/// `waves.json` and `origins.json` are part of the snapshot that holds them (listed with their
/// checksum in its manifest, written in the same all-or-nothing swap, checked on read), and a
/// snapshot written without secrets never had a `secrets/` folder, not even for a moment.
@Suite struct SnapshotOptionalFilesTests {
    static let waves = Array(#"{"format": "sentry-migrate/waves@1", "waves": []}"#.utf8) + [0x0A]

    private func write(
        in parent: URL, extraFiles: [String: [UInt8]] = ["waves.json": waves], secrets: Bool = true,
        step: (String) throws -> Void = { _ in }
    ) throws -> URL {
        let directory = parent.appendingPathComponent("snap")
        try SnapshotWriter.write(
            SampleSnapshot.make(), source: SampleSnapshot.source, exportedAt: Date(), extraFiles: extraFiles,
            secrets: secrets, to: directory, beforeStep: step)
        return directory
    }

    @Test func anExtraFileIsListedWithItsChecksumAndReadBack() throws {
        try withTemporaryDirectory { parent in
            let directory = try write(in: parent)
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.manifest.files["waves.json"] == SHA256Digest.hex(of: Self.waves))
            #expect(loaded.extraFiles == ["waves.json": Self.waves])
        }
    }

    @Test func anEditedRemovedOrUnlistedExtraFileIsRefused() throws {
        try withTemporaryDirectory { parent in
            let directory = try write(in: parent)
            let url = directory.appendingPathComponent("waves.json")
            try Data(#"{"format": "sentry-migrate/waves@1", "waves": [{"name": "x", "teams": []}]}"#.utf8).write(
                to: url)
            let edited = try readFailure(directory)
            #expect(edited.problems.map(\.kind) == [.checksumMismatch])
            #expect(edited.description.contains("waves.json: error: was changed after sentry-migrate wrote it"))

            try FileManager.default.removeItem(at: url)
            let removed = try readFailure(directory)
            #expect(removed.problems.map(\.kind) == [.missingFile])

            // A waves file dropped into a snapshot that was written without one.
            let other = try writeSample(in: parent, name: "plain")
            try Data(Self.waves).write(to: other.appendingPathComponent("waves.json"))
            let unlisted = try readFailure(other)
            #expect(unlisted.problems.map(\.kind) == [.inconsistentManifest])
            #expect(unlisted.description.contains("is not listed in manifest.json"))
        }
    }

    @Test func withoutSecretsNoSecretsFolderIsEverWritten() throws {
        try withTemporaryDirectory { parent in
            var steps: [String] = []
            let directory = try write(in: parent, secrets: false) { steps.append($0) }
            #expect(!steps.contains(SnapshotFile.secrets.path))
            #expect(steps.contains("waves.json"))
            #expect(
                !FileManager.default.fileExists(atPath: directory.appendingPathComponent("secrets").path))
            let loaded = try SnapshotReader.read(from: directory, requireSecrets: false)
            #expect(!loaded.hasSecrets)
            #expect(loaded.extraFiles["waves.json"] == Self.waves)
        }
    }

    @Test func aFailureAtAnExtraFileLeavesNothing() throws {
        struct InjectedFailure: Error {}
        try withTemporaryDirectory { parent in
            #expect(throws: InjectedFailure.self) {
                try write(in: parent) { step in if step == "waves.json" { throw InjectedFailure() } }
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: parent.path)
            #expect(left.isEmpty)
        }
    }

    @Test func onlyKnownExtraFilesAreWritten() throws {
        try withTemporaryDirectory { parent in
            #expect(throws: SnapshotWriteError.self) { try write(in: parent, extraFiles: ["notes.txt": [0x41]]) }
            let left = try FileManager.default.contentsOfDirectory(atPath: parent.path)
            #expect(left.isEmpty)
        }
    }
}
