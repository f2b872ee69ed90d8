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

            // Unless autovacuum has analyzed it again since (then it took its own sample), the statistics
            // come from the small sample (default_statistics_target 10: at most 11 histogram bounds)...
            let sample = try db.query(
                """
                SELECT coalesce(array_length(s.histogram_bounds, 1), 0) AS bounds,
                    t.last_autoanalyze IS NOT NULL AS reanalyzed
                FROM pg_stats s JOIN pg_stat_user_tables t ON t.relname = s.tablename
                WHERE s.schemaname = 'public' AND s.tablename = 'sentry_team' AND s.attname = 'slug'
                """)[0]
            #expect(try sample.bool("reanalyzed") || (1...11).contains(sample.int64("bounds")))
            // ...and the apply's rows still count as changes since the last analyze, so autovacuum samples
            // the table again at its configured size. A backend reports its row counts after its
            // transaction, at most 10 s later when idle: wait for them.
            var pending = false
            for _ in 0..<100 {
                _ = try db.query("SELECT pg_stat_clear_snapshot()")
                let row = try db.query(
                    """
                    SELECT n_mod_since_analyze AS changed, last_autoanalyze IS NOT NULL AS reanalyzed
                    FROM pg_stat_user_tables WHERE relname = 'sentry_team'
                    """)[0]
                pending = try row.bool("reanalyzed") || row.int64("changed") >= Int64(WriteSession.analyzeThreshold)
                if pending { break }
                Thread.sleep(forTimeInterval: 0.25)
            }
            #expect(pending)
        }
    }
}
