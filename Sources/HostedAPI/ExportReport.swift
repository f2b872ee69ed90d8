/// What an export leaves out or carries oddly, for the command's output and the manifest.
public struct ExportReport: Sendable, Hashable {
    /// Members that cannot be carried, each with its hosted id and why.
    public var leftOutMembers: [LeftOutMember]
    /// Public keys of client keys whose secret is null on sentry.io (carried without a secret).
    public var keysWithoutSecret: [String]
    /// What sentry.io holds that the tool does not carry, by kind.
    public var notCarried: [NotCarriedCount]
    /// Settings whose stored value Sentry could not use either (wrong type, not JSON), left out.
    public var settingsLeftOut: [String] = []
    /// Rule conditions, filters, actions or owners that name something sentry.io no longer lists.
    public var leftOutRuleNodes: [LeftOutRuleNode] = []
    /// Rules whose hosted id sentry.io made up (≥ 10^10): they exist only in its new alert model.
    public var madeUpRuleIds: [String] = []

    public init(
        leftOutMembers: [LeftOutMember] = [], keysWithoutSecret: [String] = [], notCarried: [NotCarriedCount] = []
    ) {
        self.leftOutMembers = leftOutMembers
        self.keysWithoutSecret = keysWithoutSecret
        self.notCarried = notCarried
    }
}

public struct LeftOutMember: Sendable, Hashable {
    public var hostedId: String
    public var name: String
    public var reason: String
}
