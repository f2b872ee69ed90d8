import Planning
import SentryModel

extension TargetDatabase {
    /// Everything the planner needs from the target for `desired`: the organization as it is, the
    /// facts about users, ids and keys, the schema profile and where the database is (no password).
    public func readState(for desired: Snapshot) throws -> TargetState {
        try readState(for: desired, current: readOrganization(for: desired.organization))
    }

    /// The same, with the organization already read (`readOrganization(for:)` of
    /// `desired.organization`, while the desired snapshot was still being read).
    public func readState(for desired: Snapshot, current: Snapshot?) throws -> TargetState {
        TargetState(
            location: connection.target.description, profile: profile.summary, current: current,
            facts: try readFacts(for: desired, current: current))
    }
}
