import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// A scratch database with one schema fixture (and the user `link` expects), for apply tests.
enum ApplyScratch {
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
        let plan = try TestPlanner.plan(desired: desired, database: database, stages: stages, prune: prune)
        return try database.apply(
            ApplyRequest(plan: plan, planDigest: UUID().uuidString, planPath: "plan.json", desired: desired, only: only)
        )
    }

    static func read(_ database: TargetDatabase, slug: String = "acme-io") throws -> Snapshot {
        try #require(try database.readOrganization(slug: slug))
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
