/// The data files of a snapshot directory, in the order they are written and checked.
public enum SnapshotFile: String, CaseIterable, Sendable {
    case organization = "organization.json"
    case teams = "teams.json"
    case members = "members.json"
    case projects = "projects.json"
    case keys = "keys.json"
    case filters = "filters.json"
    case ownership = "ownership.json"
    /// The only file that must never be committed; mode 0600 inside a 0700 folder.
    case secrets = "secrets/keys.json"
    /// Project security tokens; written (and listed in the manifest) only when the snapshot has one.
    case settingSecrets = "secrets/settings.json"
    /// Issue alert rules; written (and listed in the manifest) only when the snapshot has some, so
    /// snapshots written before rules were carried read as having none.
    case rules = "rules.json"
    /// Metric alert rules; like `rules.json`, only in snapshots that hold some.
    case metricAlerts = "metric-alerts.json"

    /// The manifest is not a data file: it lists them, with their checksums.
    public static let manifest = "manifest.json"
    public static let secretsFolder = "secrets"
    /// Files a snapshot may also hold, written by `transform`: listed in the manifest with their
    /// checksum when present, checked on read like the data files (`waves.json`, `origins.json`).
    public static let optionalFiles: Set<String> = ["waves.json", "origins.json"]

    /// The path inside the snapshot directory.
    public var path: String { rawValue }

    /// Mode 0600, names of unknown fields never shown, left out of git.
    public var isSecret: Bool { self == .secrets || self == .settingSecrets }

    /// A file only snapshots that hold its kind have (snapshots written before it existed do not).
    public var isOptional: Bool { self == .settingSecrets || self == .rules || self == .metricAlerts }
}
