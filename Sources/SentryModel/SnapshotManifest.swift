import Foundation

/// `manifest.json`: what a snapshot holds, where it came from, and a checksum per file.
public struct SnapshotManifest: Codable, Sendable, Hashable {
    public static let currentFormat = "sentry-migrate/snapshot@1"
    static let formatPrefix = "sentry-migrate/snapshot@"

    public var format: String
    public var source: SnapshotSource
    /// The organization's slug, as in `organization.json`.
    public var organization: String
    /// Whole seconds, written as ISO 8601 UTC (`2025-01-31T12:00:00Z`).
    public var exportedAt: Date
    public var toolVersion: String
    public var counts: SnapshotCounts
    /// Path inside the snapshot (`teams.json`, `secrets/keys.json`) → lowercase hex SHA-256.
    public var files: [String: String]
    /// What exists on sentry.io that the tool does not carry, by kind (`integrations`,
    /// `alertRules`, …) → how many; absent when nobody counted (snapshots read from a database).
    public var notCarried: [String: Int]?
    /// Records of the hosted organization the snapshot leaves out, and why.
    public var leftOut: [LeftOutRecord]?

    public init(
        format: String = SnapshotManifest.currentFormat, source: SnapshotSource, organization: String,
        exportedAt: Date, toolVersion: String = ToolVersion.current, counts: SnapshotCounts, files: [String: String]
    ) {
        self.format = format
        self.source = source
        self.organization = organization
        self.exportedAt = Date(timeIntervalSince1970: exportedAt.timeIntervalSince1970.rounded(.down))
        self.toolVersion = toolVersion
        self.counts = counts
        self.files = files
    }

    private enum CodingKeys: String, CodingKey {
        case format, source, organization, exportedAt, toolVersion, counts, files, notCarried, leftOut
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        source = try container.decode(SnapshotSource.self, forKey: .source)
        organization = try container.decode(String.self, forKey: .organization)
        exportedAt = try container.decodeTime(forKey: .exportedAt)
        toolVersion = try container.decode(String.self, forKey: .toolVersion)
        counts = try container.decode(SnapshotCounts.self, forKey: .counts)
        files = try container.decode([String: String].self, forKey: .files)
        notCarried = try container.decodeIfPresent([String: Int].self, forKey: .notCarried)
        leftOut = try container.decodeIfPresent([LeftOutRecord].self, forKey: .leftOut)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(source, forKey: .source)
        try container.encode(organization, forKey: .organization)
        try container.encode(Self.formatTime(exportedAt), forKey: .exportedAt)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(counts, forKey: .counts)
        try container.encode(files, forKey: .files)
        try container.encodeIfPresent(notCarried, forKey: .notCarried)
        try container.encodeIfPresent(leftOut, forKey: .leftOut)
    }

    package static func formatTime(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    /// Only the exact form `formatTime` writes.
    package static func parseTime(_ text: String) -> Date? {
        guard let date = try? Date.ISO8601FormatStyle().parse(text), formatTime(date) == text else { return nil }
        return date
    }
}

extension KeyedDecodingContainer {
    /// A time written by `SnapshotManifest.formatTime` (manifests and plan files alike), else a decoding
    /// error at that key.
    package func decodeTime(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = SnapshotManifest.parseTime(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an ISO 8601 UTC time in whole seconds, like 2025-01-31T12:00:00Z")
        }
        return date
    }
}

/// Where a snapshot came from. The location never holds credentials: they are stripped here.
public struct SnapshotSource: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Exported from sentry.io's API.
        case hosted
        /// Read from a self-hosted Sentry's database.
        case selfHosted = "self-hosted"
        /// Produced by applying a mapping file to another snapshot.
        case transform
    }

    public var kind: Kind
    /// The API URL, database URL or input path, without passwords or tokens.
    public var location: String

    public init(kind: Kind, location: String) {
        self.kind = kind
        self.location = Redaction.stripCredentials(from: location)
    }
}

/// How many entities each file holds; `members` includes the pending invites.
public struct SnapshotCounts: Codable, Sendable, Hashable {
    public var teams: Int
    public var members: Int
    public var pendingInvites: Int
    public var projects: Int
    public var keys: Int
    public var filters: Int
    public var ownership: Int
    /// Issue alert rules; absent when there are none (and in manifests written before they were carried).
    public var rules: Int?
    /// Metric alert rules; absent when there are none.
    public var metricAlerts: Int?

    public init(
        teams: Int, members: Int, pendingInvites: Int, projects: Int, keys: Int, filters: Int, ownership: Int,
        rules: Int? = nil, metricAlerts: Int? = nil
    ) {
        self.rules = rules
        self.metricAlerts = metricAlerts
        self.teams = teams
        self.members = members
        self.pendingInvites = pendingInvites
        self.projects = projects
        self.keys = keys
        self.filters = filters
        self.ownership = ownership
    }

    public init(of snapshot: Snapshot) {
        self.init(
            teams: snapshot.teams.count, members: snapshot.members.count,
            pendingInvites: snapshot.members.count { $0.pending }, projects: snapshot.projects.count,
            keys: snapshot.keys.count, filters: snapshot.filters.count, ownership: snapshot.ownership.count,
            rules: snapshot.rules.isEmpty ? nil : snapshot.rules.count,
            metricAlerts: snapshot.metricAlerts.isEmpty ? nil : snapshot.metricAlerts.count)
    }
}

extension SnapshotCounts {
    /// `3 teams, 12 members (2 pending), 5 projects, 9 keys, 5 filters, 4 ownership files`.
    public var summary: String {
        "\(teams) teams, \(members) members (\(pendingInvites) pending), \(projects) projects, \(keys) keys,"
            + " \(filters) filter sets, \(ownership) ownership files"
            + (rules.map { ", \($0) alert rules" } ?? "")
            + (metricAlerts.map { ", \($0) metric alerts" } ?? "")
    }
}

/// A hosted record a snapshot does not carry: its kind (`member`), hosted id and why.
public struct LeftOutRecord: Codable, Sendable, Hashable {
    public var kind: String
    public var hostedId: String
    public var reason: String

    public init(kind: String, hostedId: String, reason: String) {
        self.kind = kind
        self.hostedId = hostedId
        self.reason = reason
    }
}

/// What a manifest says beyond the snapshot's files: what sentry.io holds that is not carried.
public struct ManifestNotes: Sendable, Hashable {
    public var notCarried: [String: Int]?
    public var leftOut: [LeftOutRecord]?

    public init(notCarried: [String: Int]? = nil, leftOut: [LeftOutRecord]? = nil) {
        self.notCarried = notCarried
        self.leftOut = leftOut
    }
}
