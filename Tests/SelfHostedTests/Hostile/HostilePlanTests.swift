import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Hostile plans and targets, through the binary on every schema profile: whatever reviewers
/// approved is exactly what happens, or apply refuses before its first write (nothing of the
/// organization on the target, the journal unchanged).
@Suite(.requiresDatabase) struct HostilePlanTests {
    /// The plan keeps hosted project id 4501234 (so DSNs stay valid); another organization's project
    /// takes that id before apply. Apply must not give the project another id.
    @Test(arguments: SchemaFixture.allCases)
    func aKeptProjectIdTakenByAnotherOrganizationIsRefused(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            let desired = try target.write(Self.alongside(DesiredOrganization.snapshot))
            let plan = try target.plan(desired, ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stderr.contains("rehearsed: applies cleanly"))

            try ApplyScratch.planAndApply(
                Self.squatter, on: target.database, stages: [.organization, .teams, .projects])
            let journal = try target.journalCount()

            let result = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                result, status: .dataError, mentioning: ["projects/api", "4501234", "other-org/their-api"],
                journalBefore: journal)
        }
    }

    /// The id is taken after the plan's first stages were applied (`--stage` runs) and after the run's
    /// own checks, which do not plan again once stages are applied: the projects stage refuses instead
    /// of giving the project another id; the stages before it stay applied and journaled, and nothing
    /// of the projects stage is written.
    @Test(arguments: SchemaFixture.allCases)
    func aKeptIdTakenBetweenStagesStopsThatStage(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let plan = try ApplyScratch.plan(DesiredOrganization.snapshot, on: database)
            func apply(only: Stage? = nil) throws {
                try database.apply(
                    ApplyRequest(
                        plan: plan, planDigest: "p", planPath: "plan.json", desired: DesiredOrganization.snapshot,
                        only: only))
            }
            for stage in [Stage.organization, .teams, .members] { try apply(only: stage) }
            try ApplyScratch.planAndApply(
                Self.squatter, on: try TargetDatabase(target: scratch.target),
                stages: [.organization, .teams, .projects])
            let error = try #require(throws: PlanPromiseError.self) { try apply() }
            #expect(error.description.contains("project api: the plan keeps hosted id 4501234"))
            #expect(error.description.contains("other-org/their-api"))
            #expect(try ApplyScratch.read(database).projects.isEmpty)
            let journal = try database.journal(organization: "acme-io")
            #expect(journal.map(\.stage) == ["organization", "teams", "members"])
            #expect(journal.map(\.status) == ["applied", "applied", "applied"])
        }
    }

    /// The plan was made on an empty target; before apply, another organization appeared (as
    /// `sentry upgrade` makes `sentry`). Creating a second organization is a choice the mapping did
    /// not make: apply refuses before its first write, saying how to choose.
    @Test(arguments: [SchemaFixture.v23, .v26])
    func anOrganizationThatAppearedSinceThePlanIsAChoiceApplyRefuses(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            let plan = try target.plan(try target.write(DesiredOrganization.snapshot), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            try ApplyScratch.planAndApply(Self.squatter, on: target.database, stages: [.organization])
            let journal = try target.journalCount()
            let result = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                result, status: .dataError,
                mentioning: [
                    "organization 'acme-io' is not on the target, which holds 'other-org'", "{into: other-org}",
                    "{alongside: true}",
                ], journalBefore: journal)
        }
    }

    /// The organization created beside others (`organization.alongside`): these tests put a second
    /// organization on the target, which plan and apply otherwise refuse.
    static func alongside(_ snapshot: Snapshot) -> Snapshot {
        var snapshot = snapshot
        snapshot.organization.alongside = true
        return snapshot
    }

    /// Another organization whose project holds hosted id 4501234 (the desired `api` project's).
    static var squatter: Snapshot {
        var other = alongside(DesiredOrganization.snapshot)
        other.organization.slug = "other-org"
        other.members = []
        other.keys = []
        other.filters = []
        other.ownership = []
        other.secrets = []
        other.projects = [Project(slug: "their-api", name: "Theirs", platform: nil, teams: [], hostedId: "4501234")]
        return other.canonicalized()
    }

    /// A `delete` added by hand to a plan made without --prune.
    @Test(arguments: SchemaFixture.allCases)
    func aHandAddedDeleteIsRefused(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            var before = DesiredOrganization.snapshot
            before.teams.append(Team(slug: "legacy", name: "Legacy", hostedId: nil))
            try ApplyScratch.planAndApply(before.canonicalized(), on: target.database)
            let journal = try target.journalCount()
            var desired = DesiredOrganization.snapshot
            desired.organization.name = "Renamed"
            let plan = try target.plan(try target.write(desired), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            try target.editPlan { plan in
                for index in plan.changes.indices where plan.changes[index].key == "legacy" {
                    plan.changes[index].action = .delete
                }
            }
            let result = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                result, status: .dataError, mentioning: ["teams/legacy", "without --prune"], journalBefore: journal,
                organizationBefore: true)
            #expect(try ApplyScratch.read(target.database).teams.contains { $0.slug == "legacy" })
            #expect(try ApplyScratch.read(target.database).organization.name == DesiredOrganization.trickyName)
        }
    }

    /// A forged `create` of a team that is already on the target, and one of a team the snapshot lacks.
    @Test(arguments: SchemaFixture.allCases)
    func aForgedCreateIsRefusedBeforeTheFirstStage(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            try ApplyScratch.planAndApply(
                DesiredOrganization.snapshot, on: target.database, stages: [.organization, .teams])
            let journal = try target.journalCount()
            let plan = try target.plan(try target.write(DesiredOrganization.snapshot), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            try target.editPlan { plan in
                plan.changes.append(EntityChange(stage: .teams, key: "backend", action: .create))
            }
            let existing = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                existing, status: .dataError, mentioning: ["teams/backend", "a fresh plan"], journalBefore: journal,
                organizationBefore: true)
            #expect(try ApplyScratch.read(target.database).members.isEmpty, "the members stage did not run")

            try target.editPlan { plan in
                plan.changes.removeAll { $0.key == "backend" && $0.action == .create }
                plan.changes.append(EntityChange(stage: .teams, key: "forged", action: .create))
            }
            let unknown = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                unknown, status: .dataError, mentioning: ["teams/forged", "the snapshot does not hold"],
                journalBefore: journal, organizationBefore: true)
        }
    }

    /// A key the plan keeps (public and secret key) is taken by another organization after the plan.
    @Test(arguments: SchemaFixture.allCases)
    func aKeptKeyTakenSinceThePlanIsRefused(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            let plan = try target.plan(
                try target.write(Self.alongside(DesiredOrganization.snapshot)), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            var other = Self.alongside(DesiredOrganization.snapshot)
            other.organization.slug = "other-org"
            other.members = []
            other.filters = []
            other.ownership = []
            other.projects = [Project(slug: "theirs", name: "Theirs", platform: nil, teams: [], hostedId: nil)]
            other.keys = [ClientKey(project: "theirs", label: "Copied", publicKey: "0123456789abcdef0123456789abcdef")]
            other.secrets = [
                KeySecret(publicKey: "0123456789abcdef0123456789abcdef", secretKey: "b0000000000000000000000000000001")
            ]
            try ApplyScratch.planAndApply(other.canonicalized(), on: target.database)
            let journal = try target.journalCount()
            let result = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                result, status: .dataError, mentioning: ["keys/0123456789abcdef0123456789abcdef"],
                journalBefore: journal)
        }
    }
}
