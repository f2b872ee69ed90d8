import Foundation
import SentryModel
import Testing

@testable import Planning

/// Plans are written and printed a chunk at a time (a large plan never whole in memory); the bytes
/// must be exactly the canonical JSON of the whole plan, whatever the chunk size.
@Suite struct PlanStreamingTests {
    @Test(arguments: [1, 7, 100, 1 << 20])
    func jsonChunksAreTheCanonicalBytes(chunkSize: Int) throws {
        let plan = try PlanFixture.plan()
        try #require(plan.changes.count > 2)
        var chunks: [[UInt8]] = []
        try PlanJSON.write(plan, chunkSize: chunkSize) { chunks.append($0) }
        #expect(chunks.joined().elementsEqual(try CanonicalJSON.bytes(of: plan)))
        #expect(!chunks.contains { $0.isEmpty })
        if chunkSize == 1 { #expect(chunks.count > plan.changes.count) }
        if chunkSize == 1 << 20 { #expect(chunks.count == 1) }
    }

    @Test func aPlanWithoutChangesStreamsAnEmptyList() throws {
        var plan = try PlanFixture.plan()
        plan.changes = []
        var bytes: [UInt8] = []
        try PlanJSON.write(plan, chunkSize: 1) { bytes += $0 }
        #expect(bytes == (try CanonicalJSON.bytes(of: plan)))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""changes": [],"#))
    }

    @Test func textChunksAreTheRenderedText() throws {
        let plan = try PlanFixture.plan()
        var chunks: [String] = []
        PlanText.write(plan, colour: true) { chunks.append($0) }
        #expect(chunks.joined() == PlanText.render(plan, colour: true))
        // One chunk per entity (plus header, stage titles and blank lines), each whole lines.
        #expect(chunks.count > plan.changes.count)
        #expect(chunks.allSatisfy { $0.hasSuffix("\n") })
    }

    @Test func savedPlanReadsBackAndLeavesNoPartialFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PlanFixture.plan()
        let path = folder.appendingPathComponent("plan.json").path
        try Data("an older plan".utf8).write(to: URL(fileURLWithPath: path))
        try SavedPlan.write(plan, to: path)
        #expect(try SavedPlan.load(path: path).plan == plan)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(try CanonicalJSON.bytes(of: plan)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.json"])
    }

    @Test func anUnwritableFolderIsAPlanOutputErrorAndWritesNothing() throws {
        let path = "/nonexistent-\(UUID().uuidString)/plan.json"
        #expect {
            try SavedPlan.write(try PlanFixture.plan(), to: path)
        } throws: { error in
            guard let error = error as? PlanOutputError else { return false }
            return error.path == path && error.description.contains("No such file or directory")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
