import SentryModel

/// Whether a member an alert names will have a user on the target once apply has run: issue rules
/// and metric alerts both refuse to target a member who would only be invited (an invite has no
/// user until it is accepted, so the action would have no one to notify).
///
/// Built on first use: a snapshot without alerts (most of a large organization's plan time is its
/// members) never indexes its members for this.
struct AlertRecipients {
    private let snapshot: Snapshot
    private let current: Snapshot?
    private let facts: TargetFacts
    private var index: (withUser: Set<String>, desired: [String: Member])?

    init(snapshot: Snapshot, current: Snapshot?, facts: TargetFacts) {
        self.snapshot = snapshot
        self.current = current
        self.facts = facts
    }

    /// True when `email` (lowercased) will have no user: not a member with a user on the target now,
    /// and not a desired member apply links or creates a user for.
    mutating func lacksUser(_ email: String) -> Bool {
        let index = self.index ?? makeIndex()
        self.index = index
        guard !index.withUser.contains(email) else { return false }
        let outcome = index.desired[email].map { IdentityOutcomes.outcome(for: $0, facts: facts).0.policy }
        return outcome == nil || outcome == .invite
    }

    private func makeIndex() -> (withUser: Set<String>, desired: [String: Member]) {
        (
            Set((current?.members ?? []).filter { !$0.pending }.map { $0.email.lowercased() }),
            Dictionary(snapshot.members.map { ($0.email.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        )
    }
}
