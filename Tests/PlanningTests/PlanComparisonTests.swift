import Foundation
import SentryModel
import Testing

@testable import Planning

/// `PlanComparison.differences` compares change by change when the saved plan is the fresh one in the
/// planner's order; every other case (an edit, a reordering, a change twice) still gets the full,
/// named comparison.
@Suite struct PlanComparisonTests {
    private func changes() throws -> [EntityChange] {
        let changes = try PlanFixture.plan(selection: Plan.Selection(prune: true)).changes
        try #require(changes.count > 3 && Set(changes.map(\.stage)).count > 1)
        return changes
    }

    @Test func theFreshPlanEqualsItselfInThePlannersOrder() throws {
        let fresh = try changes()
        #expect(PlanComparison.differences(saved: fresh, fresh: fresh).isEmpty)
        #expect(
            PlanComparison.differences(saved: Array(fresh.reversed()), fresh: fresh).isEmpty,
            "order alone is no difference")
    }

    @Test func anEditedLastChangeIsNamed() throws {
        let fresh = try changes()
        var saved = fresh
        let last = saved.count - 1
        saved[last].notes.append("a note a reviewer never saw")
        let lines = PlanComparison.differences(saved: saved, fresh: fresh)
        #expect(lines == ["\(fresh[last].stage.rawValue)/\(fresh[last].key): its notes differ"])
    }

    @Test func aChangeListedTwiceIsNamedEvenWhenTheFreshListHasItTwiceToo() throws {
        var fresh = try changes()
        fresh.insert(fresh[1], at: 2)
        // Element by element equal, but not strictly ordered: the full comparison runs and counts it.
        #expect(PlanComparison.differences(saved: fresh, fresh: fresh) == ["the plan lists 1 change(s) twice"])
        var saved = try changes()
        saved.append(saved[0])
        #expect(PlanComparison.differences(saved: saved, fresh: try changes()) == ["the plan lists 1 change(s) twice"])
    }

    @Test func aDroppedChangeIsNamed() throws {
        let fresh = try changes()
        let saved = Array(fresh.dropFirst())
        #expect(
            PlanComparison.differences(saved: saved, fresh: fresh) == [
                "\(fresh[0].stage.rawValue)/\(fresh[0].key): the plan has no change for it, a fresh plan says "
                    + fresh[0].action.rawValue
            ])
    }
}
