import Foundation

/// How long a command may wait on the database before it gives up with exit 75: for the connection
/// (libpq's `connect_timeout`) and for a lock another session holds (PostgreSQL's `lock_timeout`, named
/// `--lock-timeout` as Terraform's flag). A host that accepts the connection and never answers, or a
/// row that Sentry keeps locked, then ends in a clear error instead of a silent hang.
public struct WaitLimits: Sendable, Hashable {
    /// Seconds to wait for the connection to be ready (TCP, TLS, login). nil: the connection string's
    /// `connect_timeout`, else `PGCONNECT_TIMEOUT`, else ``defaultConnectSeconds``. 0 waits forever.
    public var connectSeconds: Int?
    /// Milliseconds any statement may wait for a lock another session holds; 0 waits forever.
    public var lockMilliseconds: Int

    public static let defaultConnectSeconds = 10
    public static let defaultLockMilliseconds = 30_000
    public static let standard = WaitLimits()

    public init(connectSeconds: Int? = nil, lockMilliseconds: Int = WaitLimits.defaultLockMilliseconds) {
        self.connectSeconds = connectSeconds
        self.lockMilliseconds = lockMilliseconds
    }

    /// Seconds between "still waiting" notes, after the first one.
    static let noteInterval: Double = 5
    /// Seconds before the first "still waiting" note.
    static let firstNote: Double = 2

    /// `30s`, `2m`, `1500ms`, `0` (as Terraform's `-lock-timeout`; a bare number is seconds) → ms.
    public static func milliseconds(parsing text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, factor: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)), number >= 0, number.isFinite else { return nil }
            return Int((number * factor).rounded())
        }
        guard let number = Double(trimmed), number >= 0, number.isFinite else { return nil }
        return Int((number * 1000).rounded())
    }

    /// `30 s`, `1.5 s`, `250 ms`.
    static func describe(milliseconds: Int) -> String {
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        if milliseconds > 1000 { return String(format: "%.1f s", Double(milliseconds) / 1000) }
        return "\(milliseconds) ms"
    }
}
