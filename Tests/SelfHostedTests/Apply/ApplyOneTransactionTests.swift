import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// apply writes every stage of a run in one transaction and commits only when all of them wrote
/// cleanly: what a late stage finds undoes the early ones, down to the project-id sequence.
@Suite(.requiresDatabase) struct ApplyOneTransactionTests {
    /// The project-id sequence's last value (0 before its first use).
    private func projectSequence(_ connection: PostgresConnection) throws -> Int64 {
        try connection.query(
            """
            SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('sentry_project', 'id')::regclass), 0) AS n
            """)[0].int64("n")
    }

    /// A key label longer than the target's varchar(64) is found in the keys stage, after the
    /// organization, teams, members and projects (with their kept hosted ids) were written: nothing of
    /// the run remains, the sequence was not moved past the kept ids, and the error names the value.
    @Test(arguments: [SchemaFixture.v23, .v26])
    func aValueALateStageCannotHoldKeepsNothingOfTheRun(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            var desired = DesiredOrganization.snapshot
            desired.keys[0].label = String(repeating: "k", count: 65)
            let plan = try ApplyScratch.plan(desired, on: database)
            let db = try scratch.connect()
            var progress: [String] = []
            let error = try #require(throws: TargetCannotHoldError.self) {
                try database.apply(
                    ApplyRequest(plan: plan, planDigest: "p", planPath: "plan.json", desired: desired)
                ) { progress.append($0) }
            }
            #expect(progress.contains { $0.hasPrefix("projects: ") }, "the projects stage was written first")
            #expect(error.problems.map(\.table) == ["sentry_projectkey"])
            #expect(error.problems.map(\.column) == ["label"])
            #expect(try database.readOrganization(slug: "acme-io") == nil)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_project") == 0)
            #expect(try projectSequence(db) < 4_501_234, "not moved past the kept ids")
            #expect(try database.journal(organization: "acme-io").isEmpty)
            #expect(!progress.contains("committed"))

            // The same organization with a label that fits applies, and then the sequence is past them.
            desired.keys[0].label = "fits"
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(try projectSequence(db) >= 4_501_235)
            #expect(try database.journal(organization: "acme-io").allSatisfy { $0.status == "applied" })
        }
    }
}
