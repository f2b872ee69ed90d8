#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where to connect: a `postgres://`/`postgresql://` URL, a libpq conninfo string (`host=… dbname=…`)
/// or a bare database name; empty means libpq's environment (`PGHOST`, `PGDATABASE`…) alone.
///
/// Printing a target never shows its password: `description`, `debugDescription` and the mirror
/// all use ``redacted(_:)``.
public struct ConnectionTarget: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The string exactly as the user gave it; may hold a password, so never print it.
    let rawValue: String
    /// libpq keywords that override the string's own (tests use `dbname` to reach a scratch database).
    private(set) var overrides: [(keyword: String, value: String)] = []

    public init(_ string: String) {
        rawValue = string
    }

    /// The same target with another database name, set as a libpq keyword rather than spliced into the text.
    func overriding(database: String) -> ConnectionTarget {
        var copy = self
        copy.overrides.removeAll { $0.keyword == "dbname" }
        copy.overrides.append((keyword: "dbname", value: database))
        return copy
    }

    public var description: String {
        let shown = Self.redacted(rawValue)
        let base = shown.isEmpty ? "(libpq environment defaults)" : shown
        guard let database = overrides.last(where: { $0.keyword == "dbname" })?.value else { return base }
        return "\(base) (database \(database))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["redacted": description]) }

    /// `string` with every password replaced by `***`: URL userinfo, a `password` URL query parameter
    /// and a `password=` conninfo value. A conninfo string that does not parse is not shown at all,
    /// since we cannot tell where its password ends.
    public static func redacted(_ string: String) -> String {
        ConnectionStringScanner.scan(string).redacted
    }

    /// Texts that must never be printed for this target: its password as written and as decoded,
    /// and `PGPASSWORD`, which libpq may use instead.
    func secrets(parsedPassword: String?) -> [String] {
        var secrets = ConnectionStringScanner.scan(rawValue).passwords
        if let parsedPassword { secrets.append(parsedPassword) }
        if let environment = getenv("PGPASSWORD") { secrets.append(String(cString: environment)) }
        return secrets.filter { !$0.isEmpty }
    }
}
