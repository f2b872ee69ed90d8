/// A fact about the target that must hold after cutover, found broken. Never carries a secret.
public struct InvariantViolation: Sendable, Hashable, Codable {
    /// Short machine name, e.g. `key-resolves`, `org-mapping`, `member-mapping`.
    public var check: String
    /// The entity concerned, by natural key (`keys/<public key>`, `teams/backend`).
    public var entity: String
    public var message: String

    public init(check: String, entity: String, message: String) {
        self.check = check
        self.entity = entity
        self.message = message
    }
}
