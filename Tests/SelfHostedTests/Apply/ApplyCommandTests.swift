import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

#if canImport(Glibc)
import Glibc
#endif

/// `sentry-migrate apply` and `status` run as processes: output, exit codes, no secrets, and a
/// process killed in the middle of a stage.
@Suite(.requiresDatabase) struct ApplyCommandTests {
    @Test func appliesASavedPlanAndStatusShowsIt() throws {
        try withSavedPlan(.v24) { scratch, database, planPath in
            let url = try url(of: scratch)
            let result = try SentryMigrateBinary.run(["apply", planPath, "--database", url])
            #expect(result.status == 0, "\(result.stderr)")
            // Every stage, the rules stage too (with nothing to write, it is journaled as applied).
            #expect(result.stdout.contains("Applied \(Stage.allCases.count) stage(s)"))
            #expect(result.stderr.contains("members: 5 created, 0 updated, 0 deleted"))
            expectSameConfiguration(try ApplyScratch.read(database), DesiredOrganization.snapshot)

            let status = try SentryMigrateBinary.run(["status", "--database", url, "--target-org", "acme-io"])
            #expect(status.status == 0, "\(status.stderr)")
            let rows = status.stdout.split(separator: "\n").dropFirst()
            #expect(rows.count == Stage.allCases.count)
            #expect(rows.allSatisfy { $0.contains("applied") && $0.contains(planPath) })

            let again = try SentryMigrateBinary.run(["apply", planPath, "--database", url])
            #expect(again.status == 0)
            #expect(again.stderr.contains("ownership: already applied by this plan, skipped"))
            for output in [result.stdout, result.stderr, status.stdout, status.stderr, again.stdout, again.stderr] {
                expectNoSecret(in: output)
            }
        }
    }

    @Test func statusOfAnUntouchedDatabase() throws {
        try ApplyScratch.withTarget(.v23) { scratch, _ in
            let status = try SentryMigrateBinary.run(["status", "--database", try url(of: scratch)])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout == "Nothing applied yet.\n")
        }
    }

    @Test func aStalePlanExitsWith65AndNamesWhatChanged() throws {
        try withSavedPlan(.v26, firstApplyOrganization: true) { scratch, _, planPath in
            try scratch.connect().execute("UPDATE sentry_organization SET name = 'Edited' WHERE slug = 'acme-io'")
            let result = try SentryMigrateBinary.run(["apply", planPath, "--database", try url(of: scratch)])
            #expect(result.status == ExitStatus.dataError.rawValue)
            #expect(result.stderr.contains("the plan is stale"))
            #expect(result.stderr.contains("organization/acme-io (changed)"))
            expectNoSecret(in: result.stderr)
        }
    }

    @Test func aChangedSnapshotIsRefused() throws {
        try withSavedPlan(.v25) { scratch, _, planPath in
            let manifest = URL(fileURLWithPath: planPath).deletingLastPathComponent()
                .appendingPathComponent("desired/manifest.json")
            var text = try String(contentsOf: manifest, encoding: .utf8)
            text += " "
            try text.write(to: manifest, atomically: true, encoding: .utf8)
            let result = try SentryMigrateBinary.run(["apply", planPath, "--database", try url(of: scratch)])
            #expect(result.status == ExitStatus.dataError.rawValue)
            #expect(result.stderr.contains("was made from a different snapshot"))
        }
    }

    @Test func exits75WhenAnotherApplyHoldsTheLockPastTheLockTimeout() throws {
        try withSavedPlan(.v23) { scratch, _, planPath in
            let other = try scratch.connect()
            try other.execute("SELECT pg_advisory_lock(\(Applier.lockKey))")
            let result = try SentryMigrateBinary.run(
                ["apply", planPath, "--database", try url(of: scratch), "--lock-timeout", "1s"])
            #expect(result.status == ExitStatus.temporaryFailure.rawValue)
            #expect(result.stderr.contains("another sentry-migrate run"))
            #expect(try ApplyScratch.count(other, "SELECT count(*) FROM sentry_organization") == 0)
        }
    }

    /// SIGKILL in the middle of any stage leaves the whole run unapplied (apply writes its stages in one
    /// transaction: no stage before the killed one, no journal row), and running apply again converges.
    @Test(arguments: [
        (SchemaFixture.v23, Stage.teams), (.v24, .members), (.v25, .projects), (.v26, .keys), (.v24, .ownership),
    ])
    func aKillInTheMiddleOfAStageLeavesTheRunWhollyUnapplied(_ fixture: SchemaFixture, stage: Stage) throws {
        try withSavedPlan(fixture) { scratch, database, planPath in
            let url = try url(of: scratch)
            let killed = try SentryMigrateBinary.run(
                ["apply", planPath, "--database", url],
                environment: ["SENTRY_MIGRATE_TEST_KILL_AFTER": "\(stage.rawValue):2"])
            #expect(killed.status == SIGKILL, "\(killed.stderr)")
            #expect(try database.journal(organization: "acme-io").isEmpty)
            #expect(try database.readOrganization(slug: "acme-io") == nil, "not even the organization stage")
            let db = try scratch.connect()
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_team") == 0)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_project") == 0)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_projectkey") == 0)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_projectoptions") == 0)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_organizationmember") == 0)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM auth_user") == 1, "only the pre-existing user")
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_useremail") == 0)

            let resumed = try SentryMigrateBinary.run(["apply", planPath, "--database", url])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            expectSameConfiguration(try ApplyScratch.read(database), DesiredOrganization.snapshot)
            #expect(try database.journal(organization: "acme-io").map(\.stage) == Stage.allCases.map(\.rawValue))
        }
    }

    // MARK: - Support

    /// A target with the desired snapshot and a plan for it saved by `plan --out` (the real planner:
    /// apply refuses a plan a fresh plan disagrees with) in a temporary folder.
    private func withSavedPlan(
        _ fixture: SchemaFixture, firstApplyOrganization: Bool = false,
        _ body: (TestDatabase.Scratch, TargetDatabase, String) throws -> Void
    ) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                let desired = DesiredOrganization.snapshot
                let snapshotFolder = folder.appendingPathComponent("desired")
                _ = try SnapshotWriter.write(
                    desired, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"), exportedAt: Date(),
                    to: snapshotFolder)
                if firstApplyOrganization {
                    try ApplyScratch.planAndApply(desired, on: database, stages: [.organization])
                }
                let planPath = folder.appendingPathComponent("plan.json").path
                let plan = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", snapshotFolder.path, "--database", try url(of: scratch), "--out", planPath])
                try #require(plan.status == 0, "\(plan.stderr)")
                try body(scratch, database, planPath)
            }
        }
    }

    private func expectNoSecret(in output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in DesiredOrganization.snapshot.secrets where secret.secretKey != nil {
            #expect(!output.contains(secret.secretKey!), "a secret key was printed", sourceLocation: sourceLocation)
        }
    }

    private func url(of scratch: TestDatabase.Scratch) throws -> String {
        let base = try #require(TestDatabase.url)
        return base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
    }
}

/// The whole loop through the binary with the real diff engine: plan, apply, plan again is empty.
@Suite(.requiresDatabase) struct PlanApplyLoopTests {
    @Test(arguments: SchemaFixture.allCases)
    func planAfterApplyShowsNoChanges(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                let base = try #require(TestDatabase.url)
                let url = base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
                let desired = folder.appendingPathComponent("desired").path
                _ = try SnapshotWriter.write(
                    DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                    exportedAt: Date(), to: URL(fileURLWithPath: desired))
                let planPath = folder.appendingPathComponent("plan.json").path
                let plan = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired, "--database", url, "--out", planPath])
                #expect(plan.status == 0, "\(plan.stderr)")
                let apply = try SentryMigrateBinary.run(["apply", planPath, "--database", url])
                #expect(apply.status == 0, "\(apply.stderr)")
                let again = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired, "--database", url, "--detailed-exitcode"])
                #expect(again.status == 0, "plan after apply is not empty:\n\(again.stdout)\(again.stderr)")
                expectSameConfiguration(try ApplyScratch.read(database), DesiredOrganization.snapshot)
                for output in [plan.stdout, plan.stderr, apply.stdout, apply.stderr, again.stdout, again.stderr] {
                    for secret in DesiredOrganization.snapshot.secrets where secret.secretKey != nil {
                        #expect(!output.contains(secret.secretKey!))
                    }
                }
            }
        }
    }
}

/// Waves through the binary with the real diff engine: `plan --wave` then apply, wave after wave
/// (links to teams of later waves wait for their wave), then a full plan for what no wave covers,
/// ends where one full plan and apply ends, and a last plan is empty.
@Suite(.requiresDatabase) struct WaveApplyLoopTests {
    @Test(arguments: [SchemaFixture.v23, .v25])
    func waveByWaveEndsWhereAFullApplyEnds(_ fixture: SchemaFixture) throws {
        let full = try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            return try ApplyScratch.sideRows(try scratch.connect())
        }
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                let base = try #require(TestDatabase.url)
                let url = base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
                let desired = folder.appendingPathComponent("desired")
                let waves = WaveFile(waves: [
                    Wave(name: "core", teams: ["backend"]),
                    Wave(name: "rest", teams: ["frontend", DesiredOrganization.longSlug]),
                ])
                // As transform writes it: part of the snapshot, listed in its manifest.
                _ = try SnapshotWriter.write(
                    DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                    exportedAt: Date(), extraFiles: [WaveFile.fileName: [UInt8](try waves.encoded())], to: desired)
                for (index, wave) in ["core", "rest"].enumerated() {
                    let planPath = folder.appendingPathComponent("wave-\(index).json").path
                    let plan = try SentryMigrateBinary.run(
                        ["plan", "--snapshot", desired.path, "--database", url, "--wave", wave, "--out", planPath])
                    #expect(plan.status == 0, "\(plan.stderr)")
                    let apply = try SentryMigrateBinary.run(["apply", planPath, "--database", url])
                    #expect(apply.status == 0, "wave \(wave): \(apply.stderr)")
                }
                // Members on no team (erin) belong to no wave: a last full plan brings them.
                let finalPath = folder.appendingPathComponent("final.json").path
                let final = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired.path, "--database", url, "--out", finalPath])
                #expect(final.stdout.contains("+ erin@example.com"), "\(final.stdout)")
                #expect(!final.stdout.contains("carol"), "wave members are complete: \(final.stdout)")
                let applyFinal = try SentryMigrateBinary.run(["apply", finalPath, "--database", url])
                #expect(applyFinal.status == 0, "\(applyFinal.stderr)")
                let last = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired.path, "--database", url, "--detailed-exitcode"])
                #expect(last.status == 0, "after every wave the plan is not empty:\n\(last.stdout)")
                expectSameConfiguration(try ApplyScratch.read(database), DesiredOrganization.snapshot)
                var rows = try ApplyScratch.sideRows(try scratch.connect())
                var expected = full
                // Ownership owner ids are resolved when the rules are written: the same rows either way.
                rows["sentry_projectownership"] = nil
                expected["sentry_projectownership"] = nil
                #expect(rows == expected)
            }
        }
    }
}
