import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// A stage that fills a table with many rows refreshes the planner's statistics of it in its own
/// transaction. Without that, an autovacuum that sampled the table while the rows were uncommitted (or
/// after a rehearsal rolled them back) leaves it looking empty, and the next stage's reads of it turn
/// into nested loops over every row (docs/performance.md, "Statistics after a stage").
@Suite(.requiresDatabase) struct ApplyStatisticsTests {
    @Test func aStageThatFillsATableAnalyzesItAndOnlyThatTable() throws {
        try ApplyScratch.withTarget(.v26) { scratch, database in
            var desired = DesiredOrganization.snapshot
            desired.teams += (0..<WriteSession.analyzeThreshold).map { Team(slug: "bulk-\($0)", name: "Bulk \($0)") }
            try ApplyScratch.planAndApply(desired, on: database)

            // A new connection: the statistics view of a backend is a snapshot taken at its first read.
            let db = try scratch.connect()
            func analyzed(_ table: String) throws -> Bool {
                try db.query(
                    "SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = \(table)"
                )[0].bool("analyzed")
            }
            // `last_analyze` is set by ANALYZE only (autovacuum sets `last_autoanalyze`).
            #expect(try analyzed("sentry_team"))
            #expect(try !analyzed("sentry_project"))
            let estimate = try db.query("SELECT reltuples::bigint AS rows FROM pg_class WHERE relname = 'sentry_team'")[
                0
            ].int64("rows")
            #expect(estimate >= Int64(WriteSession.analyzeThreshold))
        }
    }
}
