import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// What apply refuses: a stale plan (naming what changed), a stage out of order, a second apply
/// while one holds the lock. None of them writes anything.
@Suite(.requiresDatabase) struct ApplyGuardTests {
    @Test(arguments: SchemaFixture.allCases)
    func refusesAStalePlanAndNamesWhatChanged(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database, stages: [.organization, .teams])
            var desired = DesiredOrganization.snapshot
            desired.teams[0].name = "Planned name"
            let plan = try ApplyScratch.plan(desired, on: database)
            // Someone renames a team in Sentry after the plan was made.
            try scratch.connect().execute("UPDATE sentry_team SET name = 'Edited in the UI' WHERE slug = 'frontend'")
            let error = try #require(throws: StalePlanError.self) {
                try database.apply(ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired))
            }
            #expect(error.changed == ["teams/frontend (changed)"])
            #expect(error.exitStatus == .dataError)
            #expect(error.description.contains("Run plan again"))
            #expect(try ApplyScratch.read(database).teams.first { $0.slug == "backend" }?.name == "Back'end \"core\"")
            #expect(try database.journal(organization: "acme-io").count == 2, "only the first plan's stages")
        }
    }

    @Test func aPlanMadeBeforeTheOrganizationExistedGoesStaleOnceItDoes() throws {
        try ApplyScratch.withTarget(.v24) { _, database in
            let plan = try ApplyScratch.plan(DesiredOrganization.snapshot, on: database)
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database, stages: [.organization])
            let error = try #require(throws: StalePlanError.self) {
                try database.apply(
                    ApplyRequest(
                        plan: plan, planDigest: "p", planPath: "plan.json", desired: DesiredOrganization.snapshot))
            }
            #expect(error.changed == ["organization/acme-io (new)"])
        }
    }

    @Test func resumesAfterSomeStagesAndStillCatchesOtherChanges() throws {
        try ApplyScratch.withTarget(.v25) { scratch, database in
            let desired = DesiredOrganization.snapshot
            let plan = try ApplyScratch.plan(desired, on: database)
            for stage in [Stage.organization, .teams] {
                try database.apply(
                    ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired, only: stage))
            }
            // The plan's own writes do not make it stale; resuming skips the applied stages.
            let report = try database.apply(
                ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired))
            #expect(report.stages.filter(\.alreadyApplied).map(\.stage) == [.organization, .teams])
            expectSameConfiguration(try ApplyScratch.read(database), desired)

            // A second plan, resumed after someone changed an entity it does not write, is refused.
            var next = desired
            next.projects[0].name = "API v3"
            let second = try ApplyScratch.plan(next, on: database)
            try database.apply(
                ApplyRequest(plan: second, planDigest: "q", planPath: "next.json", desired: next, only: .organization))
            try scratch.connect().execute("UPDATE sentry_team SET name = 'drift' WHERE slug = 'frontend'")
            let error = try #require(throws: StalePlanError.self) {
                try database.apply(ApplyRequest(plan: second, planDigest: "q", planPath: "next.json", desired: next))
            }
            #expect(error.changed == ["teams/frontend (changed)"])
        }
    }

    @Test func refusesAStageWhoseEarlierStagesAreNotApplied() throws {
        try ApplyScratch.withTarget(.v23) { _, database in
            let desired = DesiredOrganization.snapshot
            let plan = try ApplyScratch.plan(desired, on: database)
            let error = try #require(throws: ApplyOrderError.self) {
                try database.apply(
                    ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired, only: .keys))
            }
            #expect(error.description.contains("organization, teams, members, projects"))
            #expect(try database.readOrganization(slug: "acme-io") == nil)
        }
    }

    @Test func refusesWhileAnotherSessionHoldsTheApplyLock() throws {
        try ApplyScratch.withTarget(.v26) { scratch, database in
            let other = try scratch.connect()
            try other.execute("SELECT pg_advisory_lock(\(Applier.lockKey))")
            let impatient = try TargetDatabase(target: scratch.target, limits: WaitLimits(lockMilliseconds: 500))
            let error = try #require(throws: TransactionError.self) {
                try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: impatient)
            }
            #expect(error.exitStatus == .temporaryFailure)
            #expect(error.description.contains("another sentry-migrate run"))
            try other.execute("SELECT pg_advisory_unlock(\(Applier.lockKey))")
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            #expect(try database.readOrganization(slug: "acme-io") != nil)
        }
    }
}
