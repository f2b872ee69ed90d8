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

    private init(connection: PostgresConnection, profile: TargetProfile) {
        self.connection = connection
        self.profile = profile
        warnings = []
    }

    /// A second connection to the same database, its profile already known, for queries beside this
    /// connection's (verify's invariant checks beside its facts); nil when no connection can be had
    /// (too many connections), and then the caller runs them on this one.
    public func sibling() -> TargetDatabase? {
        guard let second = try? PostgresConnection(connection.target, limits: connection.limits) else { return nil }
        return TargetDatabase(connection: second, profile: profile)
    }

    func warn(_ message: String) { warnings.append(message) }
}
