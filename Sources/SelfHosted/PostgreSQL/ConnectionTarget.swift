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

    /// `string` as libpq parses it (``ConnectionOptions/shown``): `keyword=value` pairs in libpq's
    /// order with every secret-bearing value (`password`, `sslpassword`) `***`. A bare database name is
    /// shown as it is; a string libpq cannot parse is never shown raw.
    public static func redacted(_ string: String) -> String {
        ConnectionOptions.shown(string)
    }

    /// Texts that must never be printed for this target: each secret libpq parses from it, decoded and
    /// percent-encoded (as a URL may write it), the whole string when it holds a secret or cannot be
    /// parsed, and `PGPASSWORD`, which libpq may use instead.
    func secrets() -> [String] {
        var secrets: [String] = []
        var strings = [rawValue]
        while let string = strings.popLast() {
            guard ConnectionOptions.isConnectionString(string) else { continue }
            guard case .success(let options) = ConnectionOptions.parse(string) else {
                secrets.append(string)
                continue
            }
            if !options.secrets.isEmpty { secrets.append(string) }
            for value in options.secrets {
                secrets += [value, Self.percentEncoded(value, upper: true), Self.percentEncoded(value, upper: false)]
            }
            // A dbname that is itself a connection string is expanded by libpq when connecting.
            strings += options.options.filter { $0.keyword == "dbname" }.map(\.value)
        }
        if let environment = getenv("PGPASSWORD") { secrets.append(String(cString: environment)) }
        return secrets.filter { !$0.isEmpty }
    }

    /// Every byte outside RFC 3986's unreserved set as `%XX`.
    private static func percentEncoded(_ value: String, upper: Bool) -> String {
        var result = ""
        for byte in value.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: upper)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
