import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// A scratch target with one schema fixture, a temporary folder, and the binary pointed at both: the
/// stage for hostile cases (docs/apply.md, "What apply guarantees").
struct HostileTarget {
    let scratch: TestDatabase.Scratch
    let database: TargetDatabase
    let folder: URL
    let url: String

    static func with(_ fixture: SchemaFixture, _ body: (HostileTarget) throws -> Void) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                let base = try #require(TestDatabase.url)
                let url = base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
                try body(HostileTarget(scratch: scratch, database: database, folder: folder, url: url))
            }
        }
    }

    /// Writes `snapshot` as a snapshot folder (secrets included) and returns its path.
    func write(_ snapshot: Snapshot, as name: String = "desired") throws -> String {
        let path = folder.appendingPathComponent(name)
        _ = try SnapshotWriter.write(
            snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"), exportedAt: Date(), to: path
        )
        return path.path
    }

    var planPath: String { folder.appendingPathComponent("plan.json").path }

    func plan(_ snapshot: String, _ extra: [String] = []) throws -> CommandResult {
        try SentryMigrateBinary.run(
            ["plan", "--snapshot", snapshot, "--database", url] + extra, environment: ["NO_COLOR": "1"], timeout: 120)
    }

    func apply(_ extra: [String] = []) throws -> CommandResult {
        try SentryMigrateBinary.run(["apply", planPath, "--database", url] + extra, timeout: 120)
    }

    func connect() throws -> PostgresConnection { try scratch.connect() }

    /// Journal rows of every organization (none before the first apply created the table).
    func journalCount() throws -> Int { try database.journal().count }

    func organizationExists(_ slug: String = "acme-io") throws -> Bool {
        try database.readOrganization(slug: slug) != nil
    }

    /// Loads the saved plan, lets `edit` change it, and saves it back (a hand-edited plan file).
    func editPlan(_ edit: (inout Plan) -> Void) throws {
        var plan = try SavedPlan.load(path: planPath).plan
        edit(&plan)
        try Data(try CanonicalJSON.bytes(of: plan)).write(to: URL(fileURLWithPath: planPath))
    }

    /// Refused before the first write: a non-zero exit with `fragments` on stderr, nothing of the
    /// organization on the target (unless it was there before) and the journal as it was.
    func expectRefusedBeforeAnyWrite(
        _ result: CommandResult, status: SentryModel.ExitStatus, mentioning fragments: [String], journalBefore: Int,
        organizationBefore: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(result.status == status.rawValue, "\(result.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(
                result.stderr.contains(fragment), "stderr lacks '\(fragment)':\n\(result.stderr)",
                sourceLocation: sourceLocation)
        }
        #expect(try organizationExists() == organizationBefore, sourceLocation: sourceLocation)
        #expect(try journalCount() == journalBefore, "the journal changed", sourceLocation: sourceLocation)
        for secret in DesiredOrganization.snapshot.secrets where secret.secretKey != nil {
            #expect(!result.stderr.contains(secret.secretKey!), "a secret was printed", sourceLocation: sourceLocation)
        }
    }
}
