import Foundation
import Testing

@testable import SentryModel

@Suite struct SnapshotWriterTests {
    private struct InjectedFailure: Error {}

    private func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// Every file's bytes, by path inside the snapshot.
    private func contents(_ directory: URL) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        // secrets/settings.json only exists when a project has a security token (the sample has none).
        for file in SnapshotFile.allCases.filter({ !$0.isOptional }).map(\.path) + [SnapshotFile.manifest] {
            result[file] = try fileBytes(directory, file)
        }
        return result
    }

    @Test(arguments: ["teams.json", "secrets/keys.json", "manifest.json", "swap"])
    func failedWriteLeavesNoTraceAndKeepsTheOldSnapshot(failingStep: String) throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let before = try contents(directory)
            var changed = SampleSnapshot.make()
            changed.teams[0].name = "Renamed"
            var steps: [String] = []
            #expect(throws: InjectedFailure.self) {
                try SnapshotWriter.write(
                    changed, source: SampleSnapshot.source, exportedAt: Date(), to: directory
                ) { step in
                    steps.append(step)
                    if step == failingStep { throw InjectedFailure() }
                }
            }
            #expect(steps.last == failingStep)
            #expect(try entries(parent) == ["snap"])
            #expect(try contents(directory) == before)
            #expect(try SnapshotReader.read(from: directory).snapshot == SampleSnapshot.make())
        }
    }

    @Test func failedFirstWriteLeavesNothing() throws {
        try withTemporaryDirectory { parent in
            #expect(throws: InjectedFailure.self) {
                try SnapshotWriter.write(
                    SampleSnapshot.make(), source: SampleSnapshot.source, exportedAt: Date(),
                    to: parent.appendingPathComponent("snap")
                ) { step in if step == "keys.json" { throw InjectedFailure() } }
            }
            let left = try entries(parent)
            #expect(left.isEmpty)
        }
    }

    @Test func replacesAnExistingSnapshotWhole() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try Data("left over".utf8).write(to: directory.appendingPathComponent("stale.txt"))
            var changed = SampleSnapshot.make()
            changed.projects[2].name = "Background worker"
            try writeSample(changed, in: parent)
            #expect(try SnapshotReader.read(from: directory).snapshot == changed)
            #expect(try entries(parent) == ["snap"])
            #expect(try !entries(directory).contains("stale.txt"))
        }
    }

    @Test func replacesWithTwoRenamesWhereThereIsNoAtomicExchange() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            var changed = SampleSnapshot.make()
            changed.members[1].role = "admin"
            try SnapshotWriter.write(
                changed, source: SampleSnapshot.source, exportedAt: Date(), to: directory, atomicExchange: false
            ) { _ in }
            #expect(try SnapshotReader.read(from: directory).snapshot == changed)
            #expect(try entries(parent) == ["snap"])
        }
    }

    @Test func writesIntoAnEmptyFolder() throws {
        try withTemporaryDirectory { parent in
            try writeSample(in: parent, name: ".")
            #expect(try SnapshotReader.read(from: parent).snapshot == SampleSnapshot.make())
        }
    }

    @Test func refusesToReplaceAFolderThatIsNotASnapshot() throws {
        try withTemporaryDirectory { parent in
            let directory = parent.appendingPathComponent("photos")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
            try Data("precious".utf8).write(to: directory.appendingPathComponent("cat.jpg"))
            let error = try #require(throws: SnapshotWriteError.self) { try writeSample(in: parent, name: "photos") }
            #expect(error.kind == .targetNotASnapshot)
            #expect(error.exitStatus == .usage)
            #expect(
                error.description.contains(
                    "photos: error: exists, is not empty and is not a snapshot (it has no manifest.json)"))
            #expect(try entries(directory) == ["cat.jpg"])
            #expect(try entries(parent) == ["photos"])
        }
    }

    @Test func refusesAFileOrAMissingParent() throws {
        try withTemporaryDirectory { parent in
            try Data().write(to: parent.appendingPathComponent("plain"))
            let notFolder = try #require(throws: SnapshotWriteError.self) { try writeSample(in: parent, name: "plain") }
            #expect(notFolder.kind == .targetNotAFolder)
            let noParent = try #require(throws: SnapshotWriteError.self) {
                try writeSample(in: parent.appendingPathComponent("missing"), name: "snap")
            }
            #expect(noParent.kind == .parentMissing)
            #expect(noParent.description.contains("mkdir -p"))
            #expect(try entries(parent) == ["plain"])
        }
    }

    @Test func refusesToWriteASnapshotItCouldNotReadBack() throws {
        try withTemporaryDirectory { parent in
            var broken = SampleSnapshot.make()
            broken.teams.append(Team(slug: "backend", name: "Second backend"))
            broken.keys[0].project = "gone"
            let error = try #require(throws: SnapshotError.self) { try writeSample(broken, in: parent) }
            #expect(error.exitStatus == .dataError)
            #expect(error.problems.map(\.kind) == [.duplicateKey, .danglingReference])
            #expect(error.description.contains("snap/teams.json: error: $[1].slug: duplicate team slug 'backend'"))
            #expect(
                error.description.contains(
                    "snap/keys.json: error: $[0].project: project 'gone' is not in projects.json"))
            #expect(try entries(parent).isEmpty)
        }
    }

    @Test func keysWithoutSecretsCanBeWrittenButNotReadWithSecretsRequired() throws {
        try withTemporaryDirectory { parent in
            var withoutSecrets = SampleSnapshot.make()
            withoutSecrets.secrets = []
            let directory = try writeSample(withoutSecrets, in: parent)
            #expect(try fileText(directory, "secrets/keys.json") == "[]\n")
            #expect(try SnapshotReader.read(from: directory, requireSecrets: false).snapshot == withoutSecrets)
            #expect(throws: SnapshotError.self) { try SnapshotReader.read(from: directory) }
        }
    }
}
