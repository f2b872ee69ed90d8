import Foundation
import Testing

@testable import SelfHosted

/// The self-hosted schema fixtures under Tests/Fixtures, loaded into scratch databases.
enum SchemaFixture: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case v23 = "23.7.1"
    case v24 = "24.x"
    case v25 = "25.10"
    case v26 = "26.x"

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    var family: TargetProfile.Family {
        switch self {
        case .v23: .v23
        case .v24: .v24
        case .v25: .v25
        case .v26: .v26
        }
    }

    /// The seed's extras file is named after the profile (23.x, not 23.7.1); 24.x and 25.10 share one.
    var seedSuffix: String {
        switch self {
        case .v23: "23.x"
        case .v24, .v25: "24.x"
        case .v26: rawValue
        }
    }

    var testDescription: String { rawValue }

    static func script(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Loads this schema (optionally shrunk to 32-bit ids) and, when `seeded`, the realistic org.
    func load(
        into connection: PostgresConnection, smallInts: Bool = false, jsonbProjectOptions: Bool = false,
        seeded: Bool = false
    ) throws {
        let alerts = self == .v23 ? "23.x" : "24.x"
        var files = [
            "schema/sentry-\(rawValue).sql", "schema/alerts/alerts-\(alerts).sql",
            "schema/alerts/metric-alerts-\(alerts).sql",
        ]
        if self == .v26 { files.append("schema/alerts/workflow-engine-26.x.sql") }
        if smallInts { files.append("schema/small-ints.sql") }
        if jsonbProjectOptions { files.append("schema/projectoptions-jsonb.sql") }
        if seeded { files += ["seed/realistic-org.sql", "seed/realistic-org-\(seedSuffix).sql"] }
        for file in files {
            try connection.executeScript(try Self.script(file), activity: "loading \(file)")
            // pg_dump files empty the search_path for the session; later statements expect public.
            try connection.executeScript("SET search_path TO public", activity: "resetting search_path")
        }
    }
}
