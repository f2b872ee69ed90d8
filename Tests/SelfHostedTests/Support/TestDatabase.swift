import Foundation
import Testing

@testable import SelfHosted

/// Scratch databases on the PostgreSQL that `scripts/with-postgres.sh` starts (or any server named by
/// `SENTRY_MIGRATE_TEST_DATABASE_URL`): each test gets a fresh, uniquely named database, dropped afterwards.
enum TestDatabase {
    static let urlVariable = "SENTRY_MIGRATE_TEST_DATABASE_URL"

    static var url: String? {
        guard let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty else { return nil }
        return url
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Locally, database tests are skipped without a URL; in CI they run anyway, so that a missing
    /// database fails them instead of hiding them.
    static var shouldRun: Bool { url != nil || isCI }

    /// A database that exists for one test.
    struct Scratch {
        let name: String
        let target: ConnectionTarget

        func connect() throws -> PostgresConnection {
            try PostgresConnection(target)
        }
    }

    /// Creates a fresh database (a copy of `template` when given), runs `body`, then drops the database
    /// even if `body` throws, ending any connection the test left open.
    static func withScratchDatabase<Value>(
        template: String? = nil, _ body: (Scratch) throws -> Value
    ) throws -> Value {
        let url = try #require(url, "\(urlVariable) is not set; run the tests through scripts/with-postgres.sh")
        let admin = try PostgresConnection(ConnectionTarget(url))
        let name = "sm_test_" + UUID().uuidString.lowercased().replacing("-", with: "")
        var create: SQL = "CREATE DATABASE \(identifier: name)"
        if let template { create = "\(create) TEMPLATE \(identifier: template)" }
        try admin.execute(create, activity: "creating scratch database")
        defer {
            do {
                try admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
            } catch {
                Issue.record("could not drop scratch database \(name): \(error)")
            }
        }
        return try body(Scratch(name: name, target: ConnectionTarget(url).overriding(database: name)))
    }

    /// Connects to a fresh scratch database and runs `body` with that connection.
    static func withConnection<Value>(
        template: String? = nil, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        try withScratchDatabase(template: template) { scratch in try body(try scratch.connect()) }
    }
}

extension Trait where Self == ConditionTrait {
    /// For tests that need PostgreSQL: skipped locally without `SENTRY_MIGRATE_TEST_DATABASE_URL`, failing
    /// in CI (`CI=true`) without it.
    static var requiresDatabase: Self {
        .enabled(
            if: TestDatabase.shouldRun,
            "needs \(TestDatabase.urlVariable); run through scripts/with-postgres.sh")
    }
}
