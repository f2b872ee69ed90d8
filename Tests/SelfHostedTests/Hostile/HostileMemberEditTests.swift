import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// apply compares the members' changes with a fresh plan's as the planner makes them, a chunk at a
/// time (`PlanComparison.Streamed`), not from a second whole plan: an edited or dropped member change
/// is still named, and nothing is written.
@Suite(.requiresDatabase) struct HostileMemberEditTests {
    @Test(arguments: [SchemaFixture.v23, .v26])
    func anEditedAndADroppedMemberChangeAreNamed(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            let plan = try target.plan(try target.write(DesiredOrganization.snapshot), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            let journal = try target.journalCount()
            var edited = ""
            var dropped = ""
            try target.editPlan { plan in
                let members = plan.changes.indices.filter { plan.changes[$0].stage == .members }
                guard let first = members.first, let last = members.last, first != last else { return }
                edited = plan.changes[first].key
                plan.changes[first].notes.append("a note a reviewer never saw")
                dropped = plan.changes[last].key
                plan.changes.remove(at: last)
            }
            try #require(!edited.isEmpty && !dropped.isEmpty)
            let result = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                result, status: .dataError,
                mentioning: [
                    "members/\(edited): its notes differ",
                    "members/\(dropped): the plan has no change for it, a fresh plan says create",
                ], journalBefore: journal)
        }
    }
}
