import SentryModel

/// How a new member reaches a self-hosted user: the mapping's policy when it chose one, otherwise
/// `link` when a user has the e-mail and `invite` when none has. A hosted pending invite stays an invite.
enum IdentityOutcomes {
    static func outcome(for member: Member, facts: TargetFacts) -> (IdentityOutcome, notes: [String]) {
        let userId = facts.usersByEmail[member.email.lowercased()]
        if member.pending {
            let notes =
                member.identity.map { $0 == .invite ? [] : ["a pending invite on sentry.io stays an invite here"] }
                ?? []
            return (IdentityOutcome(policy: .invite), notes)
        }
        switch member.identity {
        case nil:
            return userId.map { (IdentityOutcome(policy: .link, existingUserId: $0), []) }
                ?? (IdentityOutcome(policy: .invite), [])
        case .link:
            guard let userId else {
                return (
                    IdentityOutcome(policy: .link),
                    [
                        "no self-hosted user has this e-mail, so apply cannot link one: create the user first,"
                            + " or set the mapping's identity policy to invite or create"
                    ]
                )
            }
            return (IdentityOutcome(policy: .link, existingUserId: userId), [])
        case .invite:
            return (IdentityOutcome(policy: .invite), [])
        case .create:
            guard let userId else { return (IdentityOutcome(policy: .create), []) }
            return (
                IdentityOutcome(policy: .link, existingUserId: userId),
                ["a self-hosted user already has this e-mail, so it is linked rather than created"]
            )
        }
    }
}
