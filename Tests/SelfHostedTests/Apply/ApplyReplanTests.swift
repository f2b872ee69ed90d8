import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Changes the real diff engine plans that apply must carry out so that the next plan is empty: a key
/// moved to another project, and `--prune` next to projects that keep their filters and ownership.
@Suite(.requiresDatabase) struct ApplyReplanTests {
    @Test(arguments: [SchemaFixture.v23, .v26])
    func aKeyMovedToAnotherProjectConverges(_ fixture: SchemaFixture) throws {
        var moved = DesiredOrganization.snapshot
        let key = moved.keys[0].publicKey
        moved.keys[0].project = "web"
        try withLoop(fixture, then: moved) { loop in
            let apply = try loop.planAndApply()
            #expect(apply.stderr.contains("key \(key.prefix(8))…: moved to project 'web'"), "\(apply.stderr)")
            #expect(apply.stderr.contains("keeps its public and secret key"))
            try loop.expectEmptyReplan()
            let read = try ApplyScratch.read(loop.database)
            #expect(read.keys.first { $0.publicKey == key }?.project == "web")
            expectSameConfiguration(read, moved)
        }
    }

    @Test(arguments: [SchemaFixture.v24, .v25])
    func pruneKeepsTheFiltersAndOwnershipOfKeptProjectsAndConverges(_ fixture: SchemaFixture) throws {
        var pruned = DesiredOrganization.snapshot
        pruned.filters.removeAll { $0.project == "api" }
        pruned.ownership.removeAll { $0.project == "api" }
        // This project goes, and takes its keys, filters and ownership with it.
        let gone = "web"
        pruned.projects.removeAll { $0.slug == gone }
        pruned.keys.removeAll { $0.project == gone }
        let goneKeys = Set(DesiredOrganization.snapshot.keys.filter { $0.project == gone }.map(\.publicKey))
        pruned.secrets.removeAll { goneKeys.contains($0.publicKey) }
        pruned.filters.removeAll { $0.project == gone }
        pruned.ownership.removeAll { $0.project == gone }
        try withLoop(fixture, then: pruned, prune: true) { loop in
            let before = try ApplyScratch.read(loop.database)
            let plan = try loop.plan()
            let actions = Dictionary(
                uniqueKeysWithValues: plan.changes.filter { [.filters, .ownership].contains($0.stage) }.map {
                    ("\($0.stage.rawValue)/\($0.key)", $0.action)
                })
            #expect(
                actions == [
                    "filters/api": .keep, "ownership/api": .keep, "filters/web": .delete, "ownership/web": .delete,
                ])
            let apply = try loop.apply()
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(apply.stderr.contains("filters: 0 created, 0 updated, 0 deleted"), "\(apply.stderr)")
            let filters = try #require(
                try loop.database.journal(organization: "acme-io").last { $0.stage == Stage.filters.rawValue })
            #expect(filters.deletes == 0, "nothing written is not counted")
            try loop.expectEmptyReplan()
            let read = try ApplyScratch.read(loop.database)
            #expect(read.projects.map(\.slug).sorted() == ["api", DesiredOrganization.longSlug].sorted())
            #expect(read.filters.first { $0.project == "api" } == before.filters.first { $0.project == "api" })
            #expect(read.ownership.first { $0.project == "api" } == before.ownership.first { $0.project == "api" })
            #expect(read.ownership.first { $0.project == "api" } != nil)
            let rows = try ApplyScratch.count(
                try loop.connect(),
                "SELECT count(*) FROM sentry_projectownership o JOIN sentry_project p ON p.id = o.project_id WHERE p.slug = 'web'"
            )
            #expect(rows == 0, "the deleted project's ownership row is deleted")
        }
    }

    /// A plan from before this rule (or any edited plan) with a filters delete of a kept project: a
    /// fresh plan has no such change, so apply refuses it before writing anything.
    @Test func aFiltersDeleteOfAKeptProjectIsRefused() throws {
        try ApplyScratch.withTarget(.v26) { _, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            var plan = try ApplyScratch.plan(DesiredOrganization.snapshot, on: database, prune: true)
            plan.changes.append(EntityChange(stage: .filters, key: "api", action: .delete))
            let journal = try database.journal().count
            let error = try #require(throws: PlanMismatchError.self) {
                try database.apply(
                    ApplyRequest(
                        plan: plan, planDigest: "p", planPath: "plan.json", desired: DesiredOrganization.snapshot))
            }
            #expect(error.differences.contains { $0.hasPrefix("filters/api: the plan says delete") })
            #expect(try database.journal().count == journal)
        }
    }

    // MARK: - Support

    /// A target where the desired organization was planned and applied through the binary, and the
    /// next snapshot (`then`) saved next to it.
    private struct Loop {
        let database: TargetDatabase
        let scratch: TestDatabase.Scratch
        let url: String
        let next: String
        let planPath: String
        let prune: Bool

        func connect() throws -> PostgresConnection { try scratch.connect() }

        private var pruneFlag: [String] { prune ? ["--prune"] : [] }

        func plan() throws -> Plan {
            let result = try SentryMigrateBinary.run(
                ["plan", "--snapshot", next, "--database", url, "--out", planPath] + pruneFlag)
            #expect(result.status == 0, "\(result.stderr)")
            return try SavedPlan.load(path: planPath).plan
        }

        func apply() throws -> CommandResult {
            try SentryMigrateBinary.run(["apply", planPath, "--database", url])
        }

        func planAndApply() throws -> CommandResult {
            _ = try plan()
            let result = try apply()
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }

        func expectEmptyReplan(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let again = try SentryMigrateBinary.run(
                ["plan", "--snapshot", next, "--database", url, "--detailed-exitcode"] + pruneFlag)
            #expect(
                again.status == 0, "plan after apply is not empty:\n\(again.stdout)\(again.stderr)",
                sourceLocation: sourceLocation)
        }
    }

    private func withLoop(
        _ fixture: SchemaFixture, then next: Snapshot, prune: Bool = false, _ body: (Loop) throws -> Void
    ) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                let base = try #require(TestDatabase.url)
                let url = base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
                let source = SnapshotSource(kind: .hosted, location: "https://sentry.io")
                let first = folder.appendingPathComponent("first")
                _ = try SnapshotWriter.write(
                    DesiredOrganization.snapshot, source: source, exportedAt: Date(), to: first)
                let nextFolder = folder.appendingPathComponent("next")
                _ = try SnapshotWriter.write(next, source: source, exportedAt: Date(), to: nextFolder)
                let initial = Loop(
                    database: database, scratch: scratch, url: url, next: first.path,
                    planPath: folder.appendingPathComponent("first.json").path, prune: false)
                _ = try initial.planAndApply()
                try body(
                    Loop(
                        database: database, scratch: scratch, url: url, next: nextFolder.path,
                        planPath: folder.appendingPathComponent("next.json").path, prune: prune))
            }
        }
    }
}
