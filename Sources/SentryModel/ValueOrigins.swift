import Foundation

/// Which mapping rule set a value of a desired snapshot: a rename to a 250-character name, a rate
/// limit of 2^31. `transform` writes them to `origins.json` (listed in the manifest), so that a value
/// the target cannot hold is reported by `plan` and `apply` at the mapping position that produced it.
public struct ValueOrigin: Codable, Sendable, Hashable {
    /// The entity as apply names it (`project api`, `member ana@example.com`, `key 0123abcd…`): see
    /// `entity(_:_:)`.
    public var entity: String
    /// The value's field: `slug`, `name`, `email`, `platform`, `rateLimit`.
    public var field: String
    /// The rule's dotted path, like `projects.rename`.
    public var rule: String
    /// `mappings/acme.yaml:12:5`.
    public var location: String

    public init(entity: String, field: String, rule: String, location: String) {
        self.entity = entity
        self.field = field
        self.rule = rule
        self.location = location
    }

    /// How an entity of the desired snapshot is named, by kind and natural key. Keys are named by
    /// the first 8 characters of their public key (never a secret).
    public static func entity(_ kind: Kind, _ key: String) -> String {
        switch kind {
        case .key: "key \(key.prefix(8))…"
        default: "\(kind.rawValue) \(key)"
        }
    }

    public enum Kind: String, Sendable {
        case organization, team, member, project, key
    }
}

/// `origins.json` (format `sentry-migrate/origins@1`): the value origins of a transformed snapshot.
public struct ValueOriginFile: Codable, Sendable, Hashable, SnapshotSideFile {
    public static let fileName = "origins.json"
    public static let currentFormat = "sentry-migrate/origins@1"

    public var format: String
    /// One per entity and field (the last rule that set it), sorted by entity, then field.
    public var origins: [ValueOrigin]

    public init(origins: [ValueOrigin]) {
        self.format = Self.currentFormat
        var last: [String: ValueOrigin] = [:]
        for origin in origins { last[origin.entity + "\u{0}" + origin.field] = origin }
        self.origins = last.values.sorted { ($0.entity, $0.field) < ($1.entity, $1.field) }
    }

    /// The rule that set `field` of `entity`, if one did.
    public func origin(of entity: String, field: String) -> ValueOrigin? {
        origins.first { $0.entity == entity && $0.field == field }
    }
}
