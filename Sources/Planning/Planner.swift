import Foundation
import SentryModel

/// The target side of a plan: what the self-hosted database holds now, as SelfHosted reads it
/// (`TargetDatabase.readState(for:)`).
public struct TargetState: Sendable, Hashable {
    /// The database, password removed.
    public var location: String
    /// `TargetProfile.summary`: the schema the plan was made against.
    public var profile: String
    /// The organization as the target holds it; nil when it does not exist there yet.
    public var current: Snapshot?
    public var facts: TargetFacts

    public init(location: String, profile: String, current: Snapshot?, facts: TargetFacts) {
        self.location = location
        self.profile = profile
        self.current = current
        self.facts = facts
    }
}

/// Makes the plan: the one place that turns a desired snapshot and a target's state into a `Plan`.
/// `plan` calls it to show and save a plan; `apply` can call it again with the saved plan's
/// selection and time to check that the target still yields the very plan that was approved.
public enum Planner {
    /// A pure function of its inputs: the same inputs give an equal `Plan` (`createdAt` is kept to
    /// whole seconds, as the plan file stores it; stages are put in stage order).
    ///
    /// `reference`: what the plan records of the target, when the caller digested `target.current`
    /// already (while waiting on the database); otherwise it is digested here, beside the diff.
    ///
    /// `emit`: the changes go to it as they are made, from two threads at once, and not into the plan
    /// returned (`Differ.changes`): apply's replan compares them as they come.
    public static func plan(
        desired: DesiredState, target: TargetState, selection: Plan.Selection, createdAt: Date = Date(),
        reference: Plan.TargetReference? = nil, emit: (([EntityChange]) throws -> Void)? = nil
    ) throws -> Plan {
        var selection = selection
        selection.stages = Stage.allCases.filter(selection.stages.contains)
        try OrganizationChoice.check(desired.snapshot.organization, current: target.current, facts: target.facts)
        let wave = try selection.wave.map { try desired.wave(named: $0) }
        if selection.stages.contains(.rules), !desired.snapshot.rules.isEmpty,
            let reason = target.facts.alertRulesRefusal
        {
            throw AlertStageRefused(reason: reason, otherStages: selection.stages.filter { $0 != .rules })
        }
        if selection.stages.contains(.metricAlerts), !desired.snapshot.metricAlerts.isEmpty,
            let reason = target.facts.metricAlertsRefusal
        {
            throw AlertStageRefused(
                reason: reason, otherStages: selection.stages.filter { $0 != .metricAlerts }, stage: .metricAlerts)
        }
        let diff = {
            try Differ.changes(
                desired: desired.snapshot, current: target.current, facts: target.facts, selection: selection,
                wave: wave, emit: emit)
        }
        let changes: [EntityChange]
        let recorded: Plan.TargetReference
        if let reference {
            (changes, recorded) = (try diff(), reference)
        } else {
            // The target's digests depend on the target alone: hashed while the diff runs.
            (changes, recorded) = try concurrently(
                diff,
                {
                    try Plan.TargetReference(
                        location: target.location, profile: target.profile, current: target.current)
                })
        }
        return Plan(
            createdAt: Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down)),
            organization: desired.snapshot.organization.slug,
            snapshot: Plan.SnapshotReference(path: desired.path, manifestSHA256: desired.manifestSHA256),
            target: recorded, selection: selection, changes: changes)
    }
}
