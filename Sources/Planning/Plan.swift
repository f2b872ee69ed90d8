import Foundation
import SentryModel

/// Apply stages, in dependency order: each stage's rows may point at rows of earlier stages.
public enum Stage: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    case organization, teams, members, projects, keys, filters, ownership
    /// Issue alert rules (`sentry_rule`), with the environments they name.
    case rules
    /// Metric alert rules (`sentry_alertrule`, its Snuba query, subscriptions, triggers, actions).
    case metricAlerts = "metric-alerts"

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum ChangeAction: String, Codable, Sendable, Hashable {
    case create, update, delete
    /// Exists only in the target; left alone (deleted only with `--prune`).
    case keep
}

/// One field of one entity that differs. Secret values are never stored: a sensitive change keeps
/// only digests (`CanonicalJSON.digest`) so reviewers see *that* it changed, not to what.
public struct FieldChange: Codable, Sendable, Hashable {
    public var field: String
    public var before: JSONValue?
    public var after: JSONValue?
    /// `sensitive` and the digests, kept together and only when set: nearly every field is shown by
    /// value, and a whole plan holds 676,000 of them at xlarge (72 bytes each instead of 96).
    private var secret: Secret?

    public var sensitive: Bool {
        get { secret?.sensitive ?? false }
        set { secret = Secret(sensitive: newValue, beforeDigest: beforeDigest, afterDigest: afterDigest) }
    }

    public var beforeDigest: String? {
        get { secret?.beforeDigest }
        set { secret = Secret(sensitive: sensitive, beforeDigest: newValue, afterDigest: afterDigest) }
    }

    public var afterDigest: String? {
        get { secret?.afterDigest }
        set { secret = Secret(sensitive: sensitive, beforeDigest: beforeDigest, afterDigest: newValue) }
    }

    public init(field: String, before: JSONValue?, after: JSONValue?) {
        self.field = field
        self.before = before
        self.after = after
    }

    public init(sensitiveField field: String, beforeDigest: String?, afterDigest: String?) {
        self.field = field
        secret = Secret(sensitive: true, beforeDigest: beforeDigest, afterDigest: afterDigest)
    }

    private enum CodingKeys: String, CodingKey {
        case field, before, after, sensitive, beforeDigest, afterDigest
    }

    /// `before`/`after` keep the difference between absent (nil: not shown) and JSON `null` (a field
    /// the entity lacks on one side of an update), which the synthesized decoder would fold into nil:
    /// a saved plan must read back equal to the one apply computes again.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys) throws -> JSONValue? {
            container.contains(key) ? try container.decode(JSONValue.self, forKey: key) : nil
        }
        field = try container.decode(String.self, forKey: .field)
        before = try value(.before)
        after = try value(.after)
        secret = Secret(
            sensitive: try container.decode(Bool.self, forKey: .sensitive),
            beforeDigest: try container.decodeIfPresent(String.self, forKey: .beforeDigest),
            afterDigest: try container.decodeIfPresent(String.self, forKey: .afterDigest))
    }

    /// What the synthesized encoder wrote when the three were stored apart: the same keys, absent when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encodeIfPresent(before, forKey: .before)
        try container.encodeIfPresent(after, forKey: .after)
        try container.encode(sensitive, forKey: .sensitive)
        try container.encodeIfPresent(beforeDigest, forKey: .beforeDigest)
        try container.encodeIfPresent(afterDigest, forKey: .afterDigest)
    }

    /// The sensitive flag and digests of a field, compared and hashed by value; none at all is nil.
    private final class Secret: Sendable, Hashable {
        let sensitive: Bool
        let beforeDigest: String?
        let afterDigest: String?

        /// Nil when nothing is set, so that a field without them holds no object and equals any other.
        init?(sensitive: Bool, beforeDigest: String?, afterDigest: String?) {
            guard sensitive || beforeDigest != nil || afterDigest != nil else { return nil }
            self.sensitive = sensitive
            self.beforeDigest = beforeDigest
            self.afterDigest = afterDigest
        }

        static func == (left: Secret, right: Secret) -> Bool {
            left.sensitive == right.sensitive && left.beforeDigest == right.beforeDigest
                && left.afterDigest == right.afterDigest
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(sensitive)
            hasher.combine(beforeDigest)
            hasher.combine(afterDigest)
        }
    }
}

/// How a member reaches a self-hosted user when the plan is applied.
public struct IdentityOutcome: Codable, Sendable, Hashable {
    public var policy: IdentityPolicy
    /// For `link`: the self-hosted user that has the e-mail.
    public var existingUserId: Int64?

    public init(policy: IdentityPolicy, existingUserId: Int64? = nil) {
        self.policy = policy
        self.existingUserId = existingUserId
    }
}

/// Whether a project's or key's DSNs keep working after the move (only the host changes).
public struct DSNOutcome: Codable, Sendable, Hashable {
    /// True when the public key(s) and the project id are kept.
    public var preserved: Bool
    /// The project id the project gets (the hosted one when free).
    public var projectId: Int64?
    /// Why not preserved: which id or key collides with what.
    public var reason: String?

    public init(preserved: Bool, projectId: Int64? = nil, reason: String? = nil) {
        self.preserved = preserved
        self.projectId = projectId
        self.reason = reason
    }
}

/// One entity to create, update, delete or keep. `key` is its natural key (slug, e-mail, public
/// key; the project slug for filters and ownership). The applier takes the desired values from the
/// snapshot the plan names, and only for the fields listed here.
public struct EntityChange: Codable, Sendable, Hashable {
    public var stage: Stage
    public var key: String
    public var action: ChangeAction
    public var fields: [FieldChange]
    /// Plain-language remarks for reviewers (what a rule changed, a cache to refresh).
    public var notes: [String]
    public var identity: IdentityOutcome?
    public var dsn: DSNOutcome?

    public init(
        stage: Stage, key: String, action: ChangeAction, fields: [FieldChange] = [], notes: [String] = [],
        identity: IdentityOutcome? = nil, dsn: DSNOutcome? = nil
    ) {
        self.stage = stage
        self.key = key
        self.action = action
        self.fields = fields
        self.notes = notes
        self.identity = identity
        self.dsn = dsn
    }
}

/// A saved plan (`plan --out plan.json`, format `sentry-migrate/plan@1`): what reviewers approve and
/// exactly what `apply` does. It holds no secret; `apply` reads secret keys from the snapshot it
/// names, after checking that snapshot's manifest digest.
public struct Plan: Codable, Sendable, Hashable {
    public static let currentFormat = "sentry-migrate/plan@1"

    public struct SnapshotReference: Codable, Sendable, Hashable {
        /// Path of the desired snapshot folder as given to `plan`.
        public var path: String
        /// SHA-256 of its manifest.json: apply refuses a snapshot that changed since.
        public var manifestSHA256: String

        public init(path: String, manifestSHA256: String) {
            self.path = path
            self.manifestSHA256 = manifestSHA256
        }
    }

    public struct TargetReference: Codable, Sendable, Hashable {
        /// The database, password removed.
        public var location: String
        /// `TargetProfile.summary`, e.g. `26.x (migration 1118_…, 64-bit ids)`.
        public var profile: String
        /// Digest of everything the plan was computed from on the target: apply recomputes it and
        /// refuses a stale plan.
        public var fingerprint: String
        /// Digest per entity as read (`"teams/backend"` → digest), to name what changed when stale.
        public var entityDigests: [String: String]

        public init(location: String, profile: String, fingerprint: String, entityDigests: [String: String]) {
            self.location = location
            self.profile = profile
            self.fingerprint = fingerprint
            self.entityDigests = entityDigests
        }
    }

    public struct Selection: Codable, Sendable, Hashable {
        public var stages: [Stage]
        public var wave: String?
        public var prune: Bool

        public init(stages: [Stage] = Stage.allCases, wave: String? = nil, prune: Bool = false) {
            self.stages = stages
            self.wave = wave
            self.prune = prune
        }
    }

    public var format: String
    public var toolVersion: String
    public var createdAt: Date
    public var organization: String
    public var snapshot: SnapshotReference
    public var target: TargetReference
    public var selection: Selection
    /// In stage order, then by key.
    public var changes: [EntityChange]

    public init(
        createdAt: Date, organization: String, snapshot: SnapshotReference, target: TargetReference,
        selection: Selection, changes: [EntityChange]
    ) {
        self.format = Self.currentFormat
        self.toolVersion = ToolVersion.current
        self.createdAt = createdAt
        self.organization = organization
        self.snapshot = snapshot
        self.target = target
        self.selection = selection
        self.changes = changes
    }

    private enum CodingKeys: String, CodingKey {
        case format, toolVersion, createdAt, organization, snapshot, target, selection, changes
    }

    /// `createdAt` is ISO 8601 (whole seconds, UTC), like the snapshot manifest's time, so people can read it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        toolVersion = try container.decode(String.self, forKey: .toolVersion)
        createdAt = try container.decodeTime(forKey: .createdAt)
        organization = try container.decode(String.self, forKey: .organization)
        snapshot = try container.decode(SnapshotReference.self, forKey: .snapshot)
        target = try container.decode(TargetReference.self, forKey: .target)
        selection = try container.decode(Selection.self, forKey: .selection)
        changes = try container.decode([EntityChange].self, forKey: .changes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(SnapshotManifest.formatTime(createdAt), forKey: .createdAt)
        try container.encode(organization, forKey: .organization)
        try container.encode(snapshot, forKey: .snapshot)
        try container.encode(target, forKey: .target)
        try container.encode(selection, forKey: .selection)
        try container.encode(changes, forKey: .changes)
    }
}
