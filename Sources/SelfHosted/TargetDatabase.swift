import SentryModel

/// A connection to a self-hosted Sentry database whose schema profile has been detected.
public final class TargetDatabase {
    public let connection: PostgresConnection
    public let profile: TargetProfile
    /// Findings that do not stop us (a newer migration head, a legacy option value); show them.
    public private(set) var warnings: [String]

    /// Connects and detects the profile; refuses a database that is not a supported Sentry schema.
    public convenience init(url: String, limits: WaitLimits = .standard, onWait: ((String) -> Void)? = nil) throws {
        try self.init(target: ConnectionTarget(url), limits: limits, onWait: onWait)
    }

    public init(target: ConnectionTarget, limits: WaitLimits = .standard, onWait: ((String) -> Void)? = nil) throws {
        connection = try PostgresConnection(target, limits: limits, onWait: onWait)
        var warnings: [String] = []
        let catalog = try SchemaCatalog.load(from: connection)
        profile = try TargetProfile.detect(from: catalog, target: target.description, warnings: &warnings)
        self.warnings = warnings
    }

    func warn(_ message: String) { warnings.append(message) }
}
