import Planning
import SentryModel

extension TargetDatabase {
    /// Everything the planner needs from the target for `desired`: the organization as it is, the
    /// facts about users, ids and keys, the schema profile and where the database is (no password).
    public func readState(for desired: Snapshot) throws -> TargetState {
        TargetState(
            location: connection.target.description, profile: profile.summary,
            current: try readOrganization(for: desired.organization), facts: try readFacts(for: desired))
    }
}
