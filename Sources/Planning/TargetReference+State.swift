import SentryModel

extension Plan.TargetReference {
    /// What a plan records about the target it was made against, each entity digested once.
    public init(location: String, profile: String, current: Snapshot?) throws {
        self.init(location: location, profile: profile, entityDigests: try current?.entityDigests())
    }

    /// The same from the target's entity digests (`Snapshot.entityDigests`) already computed; nil
    /// when the organization does not exist there yet.
    public init(location: String, profile: String, entityDigests digests: [String: String]?) {
        self.init(
            location: location, profile: profile, fingerprint: Self.fingerprint(of: digests, context: profile),
            entityDigests: digests ?? [:])
    }

    /// For a plan that is only shown as text or Markdown, never saved nor printed as JSON: the
    /// target's location and profile without its digests, which only apply's stale check reads.
    /// Digesting every entity of a large organization was a quarter of `plan`'s work. Its empty
    /// fingerprint matches no target, and `PlanJSON` refuses to write it.
    public static func shownOnly(location: String, profile: String) -> Self {
        Self(location: location, profile: profile, fingerprint: "", entityDigests: [:])
    }

    /// False for `shownOnly`: the plan cannot be saved.
    public var isRecorded: Bool { !fingerprint.isEmpty }

    /// The fingerprint of a target state from its entity digests (`Snapshot.entityDigests`); nil
    /// digests mean the organization does not exist yet, which has a fingerprint of its own (the
    /// context and the line `organization absent`), so that a plan made before the organization
    /// existed goes stale once it does.
    public static func fingerprint(of entityDigests: [String: String]?, context: String) -> String {
        guard let entityDigests else {
            return SHA256Digest.hex(of: Array("\(context)\norganization absent".utf8))
        }
        return Snapshot.fingerprint(of: entityDigests, context: context)
    }
}
