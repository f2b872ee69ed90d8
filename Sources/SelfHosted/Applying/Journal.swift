import Foundation
import Planning
import SentryModel

/// `sentry_migrate.journal`: one row per stage applied (written in the run's own transaction, so the
/// journal is exactly what was committed). A failed run leaves no row.
public struct JournalEntry: Sendable, Hashable {
    public var id: Int64
    public var planDigest: String
    public var planPath: String
    public var organization: String
    public var stage: String
    /// `applied`; `failed` only in journals written before apply became one transaction per run.
    public var status: String
    public var creates: Int
    public var updates: Int
    public var deletes: Int
    public var startedAt: Date
    public var finishedAt: Date
    public var toolVersion: String
    public var profile: String
    public var message: String?
}

enum Journal {
    static let schema = "sentry_migrate"
    static let table = "journal"

    static func ensure(_ connection: PostgresConnection) throws {
        // CREATE SCHEMA IF NOT EXISTS checks CREATE on the database before it looks for the schema, so a
        // least-privilege role (docs/sql/least-privilege.sql: the schema is made for it) must not run it.
        let schemaExists = try connection.query(
            "SELECT to_regnamespace('sentry_migrate') IS NOT NULL AS present",
            activity: "looking for the journal schema"
        )[0].bool("present")
        if !schemaExists {
            try connection.execute("CREATE SCHEMA sentry_migrate", activity: "creating the journal schema")
        }
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS sentry_migrate.journal (
                id bigserial PRIMARY KEY,
                plan_digest text NOT NULL,
                plan_path text NOT NULL,
                organization text NOT NULL,
                stage text NOT NULL,
                status text NOT NULL CHECK (status IN ('applied', 'failed')),
                creates integer NOT NULL,
                updates integer NOT NULL,
                deletes integer NOT NULL,
                started_at timestamptz NOT NULL,
                finished_at timestamptz NOT NULL,
                tool_version text NOT NULL,
                profile text NOT NULL,
                message text
            )
            """, activity: "creating the journal table")
    }

    static func exists(_ connection: PostgresConnection) throws -> Bool {
        try connection.query(
            "SELECT to_regclass('sentry_migrate.journal') IS NOT NULL AS present", activity: "looking for the journal"
        )[0].bool("present")
    }

    /// Stages this plan has applied to this organization.
    static func appliedStages(
        _ connection: PostgresConnection, planDigest: String, organization: String
    ) throws -> Set<Stage> {
        Set(
            try connection.query(
                """
                SELECT stage FROM sentry_migrate.journal
                WHERE plan_digest = \(planDigest) AND organization = \(organization) AND status = 'applied'
                """, activity: "reading the journal"
            ).compactMap { Stage(rawValue: try $0.string("stage")) })
    }

    static func record(_ connection: PostgresConnection, _ entry: JournalEntry) throws {
        try connection.execute(
            """
            INSERT INTO sentry_migrate.journal (plan_digest, plan_path, organization, stage, status, creates, updates,
                deletes, started_at, finished_at, tool_version, profile, message)
            VALUES (\(entry.planDigest), \(entry.planPath), \(entry.organization), \(entry.stage), \(entry.status),
                \(entry.creates), \(entry.updates), \(entry.deletes), \(entry.startedAt), \(entry.finishedAt),
                \(entry.toolVersion), \(entry.profile), \(entry.message))
            """, activity: "writing the journal")
    }

    static func entries(_ connection: PostgresConnection, organization: String?) throws -> [JournalEntry] {
        guard try exists(connection) else { return [] }
        let filter: SQL = organization.map { "WHERE organization = \($0)" } ?? ""
        return try connection.query(
            "SELECT * FROM sentry_migrate.journal \(filter) ORDER BY id", activity: "reading the journal"
        ).map { row in
            JournalEntry(
                id: try row.int64("id"), planDigest: try row.string("plan_digest"),
                planPath: try row.string("plan_path"),
                organization: try row.string("organization"), stage: try row.string("stage"),
                status: try row.string("status"), creates: try row.int("creates"), updates: try row.int("updates"),
                deletes: try row.int("deletes"), startedAt: try row.date("started_at"),
                finishedAt: try row.date("finished_at"), toolVersion: try row.string("tool_version"),
                profile: try row.string("profile"), message: try row.optionalString("message"))
        }
    }
}

extension TargetDatabase {
    /// What sentry-migrate applied to this database (all organizations, or one), oldest first.
    public func journal(organization: String? = nil) throws -> [JournalEntry] {
        try Journal.entries(connection, organization: organization)
    }
}
