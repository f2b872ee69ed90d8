import Foundation
import Testing

@testable import SentryModel

/// `concurrently` runs both closures (really at once: each waits for the other to start) and
/// reports errors as a sequential run would meet them.
@Suite struct ConcurrentlyTests {
    private struct Failed: Error, Equatable { var side: String }

    @Test func bothRunAtOnceAndBothResultsComeBack() {
        // Each side waits (bounded) for the other to have started: only overlapping runs pass.
        let first = DispatchSemaphore(value: 0)
        let second = DispatchSemaphore(value: 0)
        let (one, two) = concurrently(
            { () -> Bool in
                first.signal()
                return second.wait(timeout: .now() + 10) == .success
            },
            { () -> Bool in
                second.signal()
                return first.wait(timeout: .now() + 10) == .success
            })
        #expect(one && two)
    }

    /// Pairs inside pairs run at once too: each of the four waits (bounded) for the three others to
    /// have started. GCD's `concurrentPerform` nested in another ran the inner pairs one side after
    /// the other on two cores, and this timed out.
    @Test func nestedPairsRunAllFourAtOnce() {
        let started = (0..<4).map { _ in DispatchSemaphore(value: 0) }
        func side(_ index: Int) -> Bool {
            for _ in 0..<3 { started[index].signal() }
            return started.indices.filter { $0 != index }.allSatisfy {
                started[$0].wait(timeout: .now() + 10) == .success
            }
        }
        let ((one, two), (three, four)) = concurrently(
            { concurrently({ side(0) }, { side(1) }) }, { concurrently({ side(2) }, { side(3) }) })
        #expect(one && two && three && four)
    }

    @Test func theFirstErrorWinsWhenBothFail() {
        #expect(throws: Failed(side: "first")) {
            _ = try concurrently(
                { () throws -> Int in throw Failed(side: "first") },
                { () throws -> Int in throw Failed(side: "second") })
        }
    }

    @Test func theSecondErrorIsThrownWhenOnlyItFails() {
        #expect(throws: Failed(side: "second")) {
            _ = try concurrently({ () throws -> Int in 1 }, { () throws -> Int in throw Failed(side: "second") })
        }
    }
}

/// A file of at least 4,096 elements is decoded in two halves at once; its problems must still be
/// every one, in element order, each at its own path and line.
@Suite struct HalvedDecodingTests {
    /// The sample snapshot with `count` more members; after its three (alice, bob, carol sort
    /// first), element 3 + n of members.json is person n.
    private func sample(withMembers count: Int) -> Snapshot {
        var snapshot = SampleSnapshot.make()
        snapshot.members += (0..<count).map {
            Member(email: String(format: "person%05d@example.com", $0), name: "Person \($0)", role: "member")
        }
        return snapshot
    }

    @Test func problemsInBothHalvesAreReportedInElementOrder() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(sample(withMembers: 5_000), in: parent)
            try edit("members.json", in: directory) {
                $0.replacingOccurrences(
                    of: "\"email\": \"person00010@example.com\"", with: "\"email\": 10"
                )
                .replacingOccurrences(
                    of: "\"email\": \"person04500@example.com\"",
                    with: "\"email\": \"person04500@example.com\",\n    \"nickname\": \"x\""
                )
                .replacingOccurrences(of: "\"name\": \"Person 2600\"", with: "\"name\": false")
            }
            let error = try readFailure(directory)
            let members = error.problems.filter { $0.file == "members.json" }
            let paths = members.compactMap(\.jsonPath)
            // The first problem of each broken element is its own; elements come in file order.
            var firstPerElement: [String] = []
            for path in paths
            where !firstPerElement.contains(where: { path.hasPrefix(String($0.prefix { $0 != "." })) }) {
                firstPerElement.append(path)
            }
            #expect(firstPerElement == ["$[13].email", "$[2603].name", "$[4503].nickname"])
            let elements = paths.map { Int($0.dropFirst(2).prefix { $0 != "]" }) ?? -1 }
            #expect(elements == elements.sorted())
            let text = try String(contentsOf: directory.appendingPathComponent("members.json"), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let nickname = try #require(lines.firstIndex { $0.contains("\"nickname\"") })
            #expect(members.last?.line == nickname + 1)
        }
    }

    @Test func aLargeValidFileReadsBackEqual() throws {
        let snapshot = sample(withMembers: 4_097)
        try withTemporaryDirectory { parent in
            let directory = try writeSample(snapshot, in: parent)
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.snapshot.members == snapshot.canonicalized().members)
        }
    }
}

/// The organization file read alone, before the snapshot is checked (to start reading the target):
/// the organization `read` returns when the file is sound, nothing when it is not.
@Suite struct PeekOrganizationTests {
    @Test func aSoundFileGivesTheOrganizationReadGives() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let peeked = try #require(SnapshotReader.peekOrganization(in: directory))
            #expect(peeked == (try SnapshotReader.read(from: directory)).snapshot.organization)
        }
    }

    @Test func brokenOrStrangeFilesGiveNothing() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let file = directory.appendingPathComponent("organization.json")
            let sound = try String(contentsOf: file, encoding: .utf8)
            for broken in [
                "{", "[]", sound.replacingOccurrences(of: "{", with: "{\n  \"extra\": 1,", options: .anchored),
            ] {
                try Data(broken.utf8).write(to: file)
                #expect(SnapshotReader.peekOrganization(in: directory) == nil, "\(broken)")
            }
            try FileManager.default.removeItem(at: file)
            #expect(SnapshotReader.peekOrganization(in: directory) == nil)
        }
    }
}
