import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// The roles of docs/sql/least-privilege.sql (the file the runbook tells admins to run) are enough for
/// the whole loop through the binary, on every supported schema: plan, verify and status as the read
/// role, apply as the apply role; and the read role cannot apply.
///
/// Roles are global to the PostgreSQL cluster, so this suite creates and drops them one schema at a time.
@Suite(.requiresDatabase, .serialized) struct LeastPrivilegeTests {
    static let sqlFile = SentryMigrateBinary.repositoryRoot.appendingPathComponent("docs/sql/least-privilege.sql")
    static let roles = ["sentry_migrate", "sentry_migrate_read"]

    /// The apply tests' organization without its one owner that resolves to nothing (`#ghost-team`,
    /// which verify rightly reports), so that verify can exit 0.
    static var snapshot: Snapshot {
        var snapshot = DesiredOrganization.snapshot
        snapshot.ownership = snapshot.ownership.map { ownership in
            var ownership = ownership
            ownership.raw = ownership.raw?.replacingOccurrences(of: " #ghost-team", with: "")
            return ownership
        }
        return snapshot
    }

    @Test(arguments: SchemaFixture.allCases)
    func theDocumentedRolesApplyAndVerify(_ fixture: SchemaFixture) throws {
        try Self.withRoles(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                let reader = try Self.url(of: scratch, user: "sentry_migrate_read")
                let applier = try Self.url(of: scratch, user: "sentry_migrate")
                let desired = folder.appendingPathComponent("desired").path
                _ = try SnapshotWriter.write(
                    Self.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                    exportedAt: Date(), to: URL(fileURLWithPath: desired))
                let planPath = folder.appendingPathComponent("plan.json").path

                let plan = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired, "--database", reader, "--out", planPath])
                #expect(plan.status == 0, "plan as sentry_migrate_read: \(plan.stderr)")

                // The read role may read but not write: apply stops before its first write.
                let refused = try SentryMigrateBinary.run(["apply", planPath, "--database", reader])
                #expect(refused.status == ExitStatus.unavailable.rawValue, "\(refused.stdout)\(refused.stderr)")
                #expect(refused.stderr.contains("permission denied"), "\(refused.stderr)")
                #expect(try ApplyScratch.count(try scratch.connect(), "SELECT count(*) FROM sentry_organization") == 0)

                let apply = try SentryMigrateBinary.run(["apply", planPath, "--database", applier])
                #expect(apply.status == 0, "apply as sentry_migrate: \(apply.stderr)")
                expectSameConfiguration(try ApplyScratch.read(database), Self.snapshot)

                let verify = try SentryMigrateBinary.run(["verify", "--snapshot", desired, "--database", reader])
                #expect(verify.status == 0, "verify as sentry_migrate_read: \(verify.stdout)\(verify.stderr)")
                #expect(!verify.stdout.contains("ghost"), "the snapshot still has the unresolvable owner")
                let status = try SentryMigrateBinary.run(["status", "--database", reader, "--target-org", "acme-io"])
                #expect(status.status == 0, "\(status.stderr)")
                #expect(status.stdout.split(separator: "\n").dropFirst().count == Stage.allCases.count)
                let again = try SentryMigrateBinary.run(
                    ["plan", "--snapshot", desired, "--database", reader, "--detailed-exitcode"])
                #expect(again.status == 0, "plan after apply is not empty:\n\(again.stdout)\(again.stderr)")
            }
        }
    }

    /// `--prune` as the apply role: a member (with the rows referring to it), a team and a project go,
    /// as Sentry's own deletes do it, and verify holds afterwards.
    @Test(arguments: [SchemaFixture.v23, .v26])
    func pruneAsTheApplyRole(_ fixture: SchemaFixture) throws {
        try Self.withRoles(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                try Self.pruneSteps([("full", Self.snapshot), ("pruned", Self.pruned)], scratch: scratch, in: folder)
                expectSameConfiguration(try ApplyScratch.read(database), Self.pruned)
            }
        }
    }

    /// The apply role may update metric alerts in place (query, threshold, an action, a trigger
    /// removed) and delete one under `--prune`, and the read role verifies each step.
    @Test(arguments: [SchemaFixture.v23, .v24])
    func metricAlertUpdatesAndPruneAsTheApplyRole(_ fixture: SchemaFixture) throws {
        var first = Self.snapshot
        first.metricAlerts = [MetricAlertPipelineTests.comparisonAlert]
        var changed = first
        changed.metricAlerts[0].query = "level:fatal"
        changed.metricAlerts[0].triggers[0].alertThreshold = 90
        changed.metricAlerts[0].triggers[0].actions[0].targetTeam = nil
        changed.metricAlerts[0].triggers[0].actions[0].targetType = "user"
        changed.metricAlerts[0].triggers[0].actions[0].targetMember = "carol@example.com"
        changed.metricAlerts[0].triggers.removeLast()
        var none = first
        none.metricAlerts = []
        try Self.withRoles(fixture) { scratch, database in
            try withTemporaryFolder { folder in
                try Self.pruneSteps(
                    [("first", first), ("changed", changed), ("none", none)], scratch: scratch, in: folder
                ) { name, snapshot in
                    let read = try ApplyScratch.read(database).metricAlerts
                    #expect(read.map(\.query) == snapshot.metricAlerts.map(\.query), "\(name)")
                    #expect(read.map(\.triggers.count) == snapshot.metricAlerts.map(\.triggers.count), "\(name)")
                }
            }
        }
    }

    /// For each named snapshot in turn: `plan --prune` as the read role, `apply` as the apply role and
    /// `verify` as the read role, each expected to succeed; then `after` with the step.
    static func pruneSteps(
        _ steps: [(name: String, snapshot: Snapshot)], scratch: TestDatabase.Scratch, in folder: URL,
        after: (String, Snapshot) throws -> Void = { _, _ in }
    ) throws {
        let reader = try url(of: scratch, user: "sentry_migrate_read")
        let applier = try url(of: scratch, user: "sentry_migrate")
        for (name, snapshot) in steps {
            let desired = folder.appendingPathComponent(name).path
            _ = try SnapshotWriter.write(
                snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                exportedAt: Date(), to: URL(fileURLWithPath: desired))
            let planPath = folder.appendingPathComponent("\(name).json").path
            let plan = try SentryMigrateBinary.run(
                ["plan", "--snapshot", desired, "--database", reader, "--prune", "--out", planPath])
            #expect(plan.status == 0, "\(name) plan: \(plan.stderr)")
            let apply = try SentryMigrateBinary.run(["apply", planPath, "--database", applier])
            #expect(apply.status == 0, "\(name) apply as sentry_migrate: \(apply.stderr)")
            let verify = try SentryMigrateBinary.run(["verify", "--snapshot", desired, "--database", reader])
            #expect(verify.status == 0, "\(name) verify: \(verify.stdout)\(verify.stderr)")
            try after(name, snapshot)
        }
    }

    /// `snapshot` without one member, one team and one project (and what refers to them).
    static var pruned: Snapshot {
        var snapshot = Self.snapshot
        let gone = DesiredOrganization.longSlug
        snapshot.teams.removeAll { $0.slug == gone }
        snapshot.members.removeAll { $0.email == "carol@example.com" }
        for index in snapshot.members.indices { snapshot.members[index].teams.removeAll { $0.slug == gone } }
        snapshot.projects.removeAll { $0.slug == gone }
        for index in snapshot.projects.indices { snapshot.projects[index].teams.removeAll { $0 == gone } }
        snapshot.keys.removeAll { $0.project == gone }
        snapshot.filters.removeAll { $0.project == gone }
        snapshot.ownership.removeAll { $0.project == gone }
        let kept = Set(snapshot.keys.map(\.publicKey))
        snapshot.secrets.removeAll { !kept.contains($0.publicKey) }
        return snapshot
    }

    /// Least means least: the apply role cannot write what apply never writes (migrations are read
    /// only for the version check; projects are marked deleted, never removed; users are only
    /// created; environments are never deleted), and neither role reads password hashes.
    @Test func theApplyRoleCannotWriteWhatApplyDoesNotWrite() throws {
        try Self.withRoles(.v25) { scratch, _ in
            let applier = try PostgresConnection(ConnectionTarget(try Self.url(of: scratch, user: "sentry_migrate")))
            for statement: SQL in [
                "DELETE FROM sentry_environment",
                "DELETE FROM sentry_environmentproject",
                "UPDATE django_migrations SET name = name",
                "DELETE FROM sentry_project",
                "DELETE FROM auth_user",
                "SELECT password FROM auth_user",
            ] {
                #expect(throws: PostgresError.self, "\(statement.text)") { try applier.execute(statement) }
            }
            #expect(try applier.query("SELECT count(*) FROM sentry_project")[0].int("count") == 0)
            let reader = try PostgresConnection(
                ConnectionTarget(try Self.url(of: scratch, user: "sentry_migrate_read")))
            #expect(throws: PostgresError.self) { try reader.execute("SELECT password FROM auth_user") }
            #expect(throws: PostgresError.self) { try reader.execute("UPDATE sentry_team SET name = name") }
            #expect(try reader.query("SELECT count(email) FROM auth_user")[0].int("count") == 1)
        }
    }

    /// Running the file twice (as the runbook says to after an upgrade) is harmless.
    @Test func theFileRunsTwice() throws {
        try Self.withRoles(.v23) { scratch, _ in
            let again = try Self.runSQLFile(on: scratch)
            #expect(again.status == 0, "\(again.stderr)")
        }
    }

    /// The runbook tells admins to run this file and lists its grants table by table: both must say
    /// what the file does, so neither can drift from the other.
    @Test func theRunbookShowsTheFilesGrants() throws {
        let runbook = try String(
            contentsOf: SentryMigrateBinary.repositoryRoot.appendingPathComponent("docs/runbook.md"), encoding: .utf8)
        #expect(runbook.contains("(sql/least-privilege.sql)"))
        for role in Self.roles { #expect(runbook.contains("`\(role)`")) }

        let sql = try String(contentsOf: Self.sqlFile, encoding: .utf8)
        let fileRows = sql.matches(of: /\('([a-z_]+)',\s*'([A-Z, ]*)'\)/).map {
            "\($0.output.1) \($0.output.2.isEmpty ? "(read only)" : String($0.output.2))"
        }
        let documentedRows = runbook.matches(of: /(?m)^\| `([a-z_]+)` \| ([A-Z, ]+|\(read only\)) \|$/).map {
            "\($0.output.1) \($0.output.2)"
        }
        #expect(fileRows.count > 20, "the file's VALUES list was not found")
        #expect(documentedRows == fileRows)
    }

    // MARK: - Support

    /// A scratch target with `fixture`, the roles created by the SQL file, and the roles dropped afterwards.
    static func withRoles(
        _ fixture: SchemaFixture, _ body: (TestDatabase.Scratch, TargetDatabase) throws -> Void
    ) throws {
        let admin = try PostgresConnection(ConnectionTarget(try #require(TestDatabase.url)))
        try dropRoles(admin)
        defer {
            do { try dropRoles(admin) } catch { Issue.record("could not drop the roles: \(error)") }
        }
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let created = try runSQLFile(on: scratch)
            try #require(created.status == 0, "docs/sql/least-privilege.sql failed: \(created.stderr)")
            try body(scratch, database)
        }
    }

    /// Runs the file with psql, as the runbook does (`-v ON_ERROR_STOP=1`), as the superuser.
    static func runSQLFile(on scratch: TestDatabase.Scratch) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", try url(of: scratch), "-f", sqlFile.path,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The scratch database's URL, as `user` (the throwaway cluster trusts local connections).
    static func url(of scratch: TestDatabase.Scratch, user: String = "postgres") throws -> String {
        let base = try #require(TestDatabase.url)
        return base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
            .replacingOccurrences(of: "user=postgres", with: "user=\(user)")
    }

    /// Privileges in other databases would keep a role alive; scratch databases are dropped before this.
    private static func dropRoles(_ admin: PostgresConnection) throws {
        for role in roles { try admin.execute("DROP ROLE IF EXISTS \(identifier: role)") }
    }
}
