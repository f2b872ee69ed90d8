import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Each stage checks the plan again, under the lock and inside apply's one transaction, just before it
/// writes: an edit made in Sentry after the first check (or between `--stage` runs) to what a later
/// stage writes is not overwritten unnoticed.
@Suite(.requiresDatabase) struct ApplyStageRecheckTests {
    static let key = DesiredOrganization.snapshot.keys[0].publicKey
    static var edit: SQL { "UPDATE sentry_projectkey SET label = 'Edited in the UI' WHERE public_key = \(key)" }

    /// The desired organization applied; then a plan renaming a team and relabelling a key.
    private func withChangePlan(
        _ fixture: SchemaFixture, _ body: (TestDatabase.Scratch, TargetDatabase, Plan, Snapshot) throws -> Void
    ) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            var desired = DesiredOrganization.snapshot
            desired.teams[0].name = "Planned team name"
            desired.keys[0].label = "Planned label"
            try body(scratch, database, try ApplyScratch.plan(desired, on: database), desired)
        }
    }

    @Test(arguments: [SchemaFixture.v23, .v26])
    func anEditDuringTheRunRefusesTheWholeRun(_ fixture: SchemaFixture) throws {
        try withChangePlan(fixture) { scratch, database, plan, desired in
            let ui = try scratch.connect()
            let error = try #require(throws: StalePlanError.self) {
                try database.apply(ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired)) {
                    // Someone edits the key in Sentry once the teams stage is written (not committed).
                    if $0.hasPrefix("teams:") { _ = try? ui.execute(Self.edit) }
                }
            }
            #expect(error.changed == ["keys/\(Self.key) (changed)"])
            #expect(error.stage == .members)
            #expect(error.exitStatus == .dataError)
            #expect(error.description.contains("stage members found it just before writing, and nothing of this run"))
            let read = try ApplyScratch.read(database)
            #expect(read.keys.first { $0.publicKey == Self.key }?.label == "Edited in the UI")
            #expect(read.teams[0].name != "Planned team name", "the teams stage was rolled back with the run")
            #expect(try database.journal(organization: "acme-io").filter { $0.planDigest == "p" }.isEmpty)
        }
    }

    @Test func anEditBetweenStageRunsRefusesTheLaterStage() throws {
        try withChangePlan(.v25) { scratch, database, plan, desired in
            func run(_ stage: Stage) throws {
                try database.apply(
                    ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired, only: stage))
            }
            for stage in [Stage.organization, .teams, .members, .projects] { try run(stage) }
            try scratch.connect().execute(Self.edit)
            let error = try #require(throws: StalePlanError.self) { try run(.keys) }
            #expect(error.changed == ["keys/\(Self.key) (changed)"])
            #expect(
                try ApplyScratch.read(database).keys.first { $0.publicKey == Self.key }?.label == "Edited in the UI")
        }
    }

    /// An edit to what only already-applied stages wrote (by an earlier `--stage` run) does not hold up
    /// the stages still to come.
    @Test func anEditToAnAppliedStageDoesNotRefuseLaterStages() throws {
        try withChangePlan(.v24) { scratch, database, plan, desired in
            for stage in [Stage.organization, .teams] {
                try database.apply(
                    ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired, only: stage))
            }
            try scratch.connect().execute("UPDATE sentry_team SET name = 'Edited in the UI' WHERE slug = 'frontend'")
            let report = try database.apply(
                ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired))
            #expect(report.stages.filter { $0.stage > .teams }.allSatisfy { !$0.alreadyApplied })
            #expect(report.stages.filter { $0.stage <= .teams }.allSatisfy { $0.alreadyApplied })
            #expect(try ApplyScratch.read(database).keys.first { $0.publicKey == Self.key }?.label == "Planned label")
        }
    }
}
