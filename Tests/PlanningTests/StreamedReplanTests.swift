import Foundation
import SentryModel
import Testing

@testable import Planning

/// Apply's replan compares the changes as the planner makes them (`Differ.changes(…, emit:)`,
/// `DiffPass.stream` for the members) with `PlanComparison.Streamed`, rather than holding a second whole plan: the
/// changes streamed are exactly the ones listed, in the same order, and the comparison names exactly
/// what `PlanComparison.differences` names.
@Suite struct StreamedReplanTests {
    private static let pairs: [(Snapshot, Snapshot?)] = [
        (PlanFixture.desired, PlanFixture.current), (PlanFixture.desired, nil),
        (PlanFixture.current, PlanFixture.desired),
    ]

    @Test(arguments: [false, true])
    func theChangesStreamedAreThePlansInItsOrderStageByStage(prune: Bool) throws {
        for (desired, current) in Self.pairs {
            let selection = Plan.Selection(prune: prune)
            let whole = try Differ.changes(
                desired: desired, current: current, facts: PlanFixture.facts, selection: selection)
            // Handed in from two threads: members on their own.
            let lock = NSLock()
            var streamed: [EntityChange] = []
            let rest = try Differ.changes(
                desired: desired, current: current, facts: PlanFixture.facts, selection: selection,
                emit: { changes in lock.withLock { streamed += changes } })
            #expect(rest.isEmpty)
            #expect(streamed.contains { $0.stage == .members } && streamed.contains { $0.stage != .members })
            for stage in Stage.allCases {
                #expect(streamed.filter { $0.stage == stage } == whole.filter { $0.stage == stage })
            }
            #expect(streamed.count == whole.count)
        }
    }

    /// Lists out of key order, a key twice on the target, and chunks smaller than the stage: the
    /// target's own entities are merged in where `compare`'s sort puts them.
    @Test(arguments: [1, 2, 3, 100])
    func aStreamedStageIsTheComparedStageChunkByChunk(chunk: Int) throws {
        let desired = ["m", "c", "x", "a", "q"].map { Member(email: "\($0)@acme.example", name: $0, role: "member") }
        let current = ["z", "c", "b", "b", "q", "n", "0"].map {
            Member(email: "\($0)@acme.example", name: $0, role: $0 == "q" ? "admin" : "member")
        }
        for prune in [false, true] {
            var pass = DiffPass(prune: prune)
            try pass.compare(.members, desired: desired, current: current, key: \.email, omitting: ["email"])
            var chunks: [[EntityChange]] = []
            try DiffPass(prune: prune).stream(
                .members, desired: desired, current: current, key: \.email, omitting: ["email"], chunk: chunk
            ) { chunks.append($0) }
            #expect(chunks.joined().elementsEqual(pass.changes))
            #expect(chunks.dropLast().allSatisfy { $0.count == chunk } && (chunks.last?.count ?? 0) <= chunk)
        }
    }

    @Test func theStreamedComparisonNamesWhatTheWholeOneNames() throws {
        let fresh = try PlanFixture.plan(selection: Plan.Selection(prune: true)).changes
        try #require(fresh.count > 4)
        var edited = fresh
        edited[1].notes.append("a note a reviewer never saw")
        edited[2].action = .delete
        let added = EntityChange(stage: .teams, key: "forged", action: .create)
        let edits: [[EntityChange]] = [
            fresh, Array(fresh.reversed()), edited, Array(fresh.dropFirst()), fresh + [fresh[0]], fresh + [added],
            [], Array(fresh.dropLast(2)),
        ]
        for saved in edits {
            for freshList in [fresh, fresh + [fresh[3]], Array(fresh.dropFirst(2))] {
                let expected = PlanComparison.differences(saved: saved, fresh: freshList)
                // In pieces and out of order: the members stage first, as apply's replan hands it in.
                var comparison = PlanComparison.Streamed(saved: saved)
                comparison.add(freshList.filter { $0.stage == .members })
                for change in freshList.reversed() where change.stage != .members { comparison.add([change]) }
                #expect(comparison.differences() == expected)
            }
        }
        #expect(!PlanComparison.differences(saved: edited, fresh: fresh).isEmpty)
    }
}
