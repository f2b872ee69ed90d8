import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// A scratch database with one schema fixture (and the user `link` expects), for apply tests.
enum ApplyScratch {
    @discardableResult
    static func withTarget<Value>(
        _ fixture: SchemaFixture, smallInts: Bool = false, jsonbProjectOptions: Bool = false,
        _ body: (TestDatabase.Scratch, TargetDatabase) throws -> Value
    ) throws -> Value {
        try TestDatabase.withScratchDatabase { scratch in
            let setup = try scratch.connect()
            try fixture.load(into: setup, smallInts: smallInts, jsonbProjectOptions: jsonbProjectOptions)
            try setup.execute(DesiredOrganization.linkedUserSQL)
            return try body(scratch, try TargetDatabase(target: scratch.target))
        }
    }

    /// Plans against the target as it is and applies, as `plan` then `apply` would.
    @discardableResult
    static func planAndApply(
        _ desired: Snapshot, on database: TargetDatabase, stages: [Stage] = Stage.allCases, only: Stage? = nil,
        prune: Bool = false
    ) throws -> ApplyReport {
        let plan = try self.plan(desired, on: database, stages: stages, prune: prune)
        return try database.apply(
            ApplyRequest(plan: plan, planDigest: UUID().uuidString, planPath: "plan.json", desired: desired, only: only)
        )
    }

    /// The real planner's plan for `desired` against the target as it is now.
    static func plan(
        _ desired: Snapshot, on database: TargetDatabase, stages: [Stage] = Stage.allCases, prune: Bool = false,
        snapshot: Plan.SnapshotReference = .init(path: "desired", manifestSHA256: "")
    ) throws -> Plan {
        try Planner.plan(
            desired: DesiredState(snapshot: desired, path: snapshot.path, manifestSHA256: snapshot.manifestSHA256),
            target: try database.readState(for: desired), selection: Plan.Selection(stages: stages, prune: prune))
    }

    static func read(_ database: TargetDatabase, slug: String = "acme-io") throws -> Snapshot {
        try #require(try database.readOrganization(slug: slug))
    }

    /// Row counts of every table apply writes, and the shape of the rows that are not configuration.
    static func sideRows(_ db: PostgresConnection) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "auth_user", "sentry_useremail", "sentry_email", "sentry_organization", "sentry_organizationmapping",
            "sentry_organizationslugreservation", "hybridcloud_organizationslugreservationreplica", "sentry_team",
            "sentry_actor", "sentry_teamreplica", "sentry_organizationmember", "sentry_organizationmembermapping",
            "sentry_organizationmember_teams", "sentry_organizationmember_teamsreplica", "sentry_project",
            "sentry_projectteam", "sentry_projectkey", "sentry_projectkeymapping", "sentry_projectoptions",
            "sentry_projectownership",
        ] {
            let exists = try db.query("SELECT to_regclass(\(table)) IS NOT NULL AS present")[0].bool("present")
            if exists { counts[table] = try ApplyScratch.count(db, "SELECT count(*) FROM \(identifier: table)") }
        }
        counts["projects with hosted ids"] = try ApplyScratch.count(
            db, "SELECT count(*) FROM sentry_project WHERE id IN (4501234, 4501235)")
        return counts
    }

    static func count(_ connection: PostgresConnection, _ sql: SQL) throws -> Int {
        try connection.query(sql)[0].int("count")
    }
}

/// Compares kind by kind, so a failure names what differs.
func expectSameConfiguration(
    _ actual: Snapshot, _ expected: Snapshot, sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = actual.withoutProvenance
    let expected = expected.withoutProvenance
    #expect(actual.organization == expected.organization, sourceLocation: sourceLocation)
    #expect(actual.teams == expected.teams, sourceLocation: sourceLocation)
    #expect(actual.members == expected.members, sourceLocation: sourceLocation)
    #expect(actual.projects == expected.projects, sourceLocation: sourceLocation)
    #expect(actual.keys == expected.keys, sourceLocation: sourceLocation)
    #expect(actual.filters == expected.filters, sourceLocation: sourceLocation)
    #expect(actual.ownership == expected.ownership, sourceLocation: sourceLocation)
    #expect(actual.secrets == expected.secrets, sourceLocation: sourceLocation)
}
