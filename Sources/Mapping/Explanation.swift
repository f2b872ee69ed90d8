import SentryModel

/// One change the transform made, and the mapping rule that asked for it (`transform --explain`).
public struct Explanation: Sendable, Hashable, CustomStringConvertible {
    /// The rule's dotted path, like `teams.rename` or `filters.projects.web.localhost`.
    public var rule: String
    /// Where the rule is written.
    public var location: Location
    /// What changed, like `team 'payments'`.
    public var entity: String
    /// How, like `slug → 'billing'`.
    public var change: String

    public init(rule: String, location: Location, entity: String, change: String) {
        self.rule = rule
        self.location = location
        self.entity = entity
        self.change = change
    }

    /// `mappings/acme.yaml:12:5: teams.rename: team 'payments': slug → 'billing'`.
    public var description: String { "\(location): \(rule): \(entity): \(change)" }
}
