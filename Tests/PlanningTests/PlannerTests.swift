import Foundation
import SentryModel
import Testing

@testable import Planning

/// The planner is a pure function, so `apply` can re-derive a plan and compare it with the saved one.
@Suite struct PlannerTests {
    @Test func theSameInputsGiveAnEqualPlanThatSurvivesItsFile() throws {
        let first = try PlanFixture.plan()
        let second = try PlanFixture.plan()
        #expect(first == second)
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(try PlanJSON.render(first).utf8))
        #expect(decoded == first, "a saved plan reads back as the plan the planner made")
    }

    /// An update of an entity that lacks a field on the target (a setting the default organization
    /// never stored) has `before: null`; the plan file must keep it null, not absent, or apply finds
    /// the saved plan different from the one it computes again and refuses (it did, for a mapping
    /// migrating into the default organization).
    @Test func anUpdateFromAnAbsentFieldSurvivesItsFile() throws {
        var current = PlanFixture.desired
        current.organization.settings = nil
        var desired = PlanFixture.desired
        desired.organization.settings = SettingValues(["scrapeJavaScript": .bool(false)])
        let plan = try Planner.plan(
            desired: DesiredState(snapshot: desired, path: "desired", manifestSHA256: "m"),
            target: TargetState(location: "db", profile: "p", current: current, facts: TargetFacts()),
            selection: Plan.Selection(), createdAt: Date(timeIntervalSince1970: 1_790_000_000))
        let field = try #require(plan.changes.first { $0.stage == .organization }?.fields.first)
        #expect(field.field == "settings.scrapeJavaScript")
        #expect(field.before == .null)
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(try PlanJSON.render(plan).utf8))
        #expect(decoded.changes == plan.changes)
        #expect(PlanComparison.differences(saved: decoded.changes, fresh: plan.changes).isEmpty)
    }

    @Test func keepsWholeSecondsAndStageOrder() throws {
        let desired = DesiredState(snapshot: PlanFixture.desired, path: "desired", manifestSHA256: "m")
        let target = TargetState(location: "db", profile: "p", current: nil, facts: TargetFacts())
        let plan = try Planner.plan(
            desired: desired, target: target, selection: Plan.Selection(stages: [.keys, .teams, .keys]),
            createdAt: Date(timeIntervalSince1970: 1_790_000_000.75))
        #expect(plan.createdAt == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(plan.selection.stages == [.teams, .keys])
        #expect(Set(plan.changes.map(\.stage)) == [.teams, .keys])
        #expect(plan.snapshot == Plan.SnapshotReference(path: "desired", manifestSHA256: "m"))
        #expect(plan.target.entityDigests.isEmpty)
    }

    @Test func recordsTheTargetItWasMadeAgainst() throws {
        let plan = try PlanFixture.plan()
        #expect(plan.target.entityDigests == (try PlanFixture.current.entityDigests()))
        let absent = try PlanFixture.plan(current: nil)
        #expect(absent.target.fingerprint != plan.target.fingerprint, "an absent organization has its own fingerprint")
    }

    /// `plan` digests the target while its facts are read and hands the reference in: the plan is the
    /// one the planner makes digesting it itself, and a reference of another target is what is recorded.
    @Test func aReferenceDigestedAheadGivesTheSamePlan() throws {
        let made = try PlanFixture.plan()
        let target = TargetState(
            location: made.target.location, profile: made.target.profile, current: PlanFixture.current,
            facts: PlanFixture.facts)
        let desired = DesiredState(
            snapshot: PlanFixture.desired, path: made.snapshot.path, manifestSHA256: made.snapshot.manifestSHA256)
        let ahead = Plan.TargetReference(
            location: target.location, profile: target.profile,
            entityDigests: try PlanFixture.current.entityDigests())
        let given = try Planner.plan(
            desired: desired, target: target, selection: made.selection, createdAt: made.createdAt, reference: ahead)
        #expect(given == made)
        let absent = Plan.TargetReference(location: target.location, profile: target.profile, entityDigests: nil)
        let other = try Planner.plan(
            desired: desired, target: target, selection: made.selection, createdAt: made.createdAt, reference: absent)
        #expect(other.target == absent)
        #expect(other.changes == made.changes)
    }

    @Test func aWaveComesFromTheSnapshotsWavesFile() throws {
        let target = TargetState(location: "db", profile: "p", current: nil, facts: TargetFacts())
        let selection = Plan.Selection(wave: "payments")
        let withoutFile = DesiredState(snapshot: PlanFixture.desired, path: "desired", manifestSHA256: "m")
        let missing = try #require(throws: WaveSelectionError.self) {
            try Planner.plan(desired: withoutFile, target: target, selection: selection)
        }
        #expect(missing.exitStatus == .usage)
        #expect(missing.description.contains("desired/waves.json does not exist"))

        var other = withoutFile
        other.waves = WaveFile(waves: [Wave(name: "front", teams: ["frontend"])])
        let unknown = try #require(throws: WaveSelectionError.self) {
            try Planner.plan(desired: other, target: target, selection: selection)
        }
        #expect(unknown.description.contains("waves: front"))

        var withWave = withoutFile
        withWave.waves = WaveFile(waves: [Wave(name: "payments", teams: ["payments"])])
        let plan = try Planner.plan(desired: withWave, target: target, selection: selection)
        #expect(plan.selection.wave == "payments")
        #expect(plan.changes.filter { $0.stage == .teams }.map(\.key) == ["payments"])
    }
}
