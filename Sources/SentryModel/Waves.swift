import Foundation

/// A named subset of the organization, by team: `plan --wave NAME` restricts every stage to these
/// teams, their projects and their members. Team slugs are the transformed (self-hosted) ones.
public struct Wave: Codable, Sendable, Hashable {
    public var name: String
    public var description: String?
    /// Sorted.
    public var teams: [String]

    public init(name: String, description: String? = nil, teams: [String]) {
        self.name = name
        self.description = description
        self.teams = teams.sorted()
    }
}

/// `waves.json`, written by `transform` beside the snapshot it produces (format `sentry-migrate/waves@1`).
/// Waves keep the order the mapping file gives them.
public struct WaveFile: Codable, Sendable, Hashable, SnapshotSideFile {
    public static let fileName = "waves.json"
    public static let currentFormat = "sentry-migrate/waves@1"

    public var format: String
    public var waves: [Wave]

    public init(waves: [Wave]) {
        self.format = Self.currentFormat
        self.waves = waves
    }

    public func wave(named name: String) -> Wave? {
        waves.first { $0.name == name }
    }
}
