import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// A self-hosted install as `sentry upgrade` and `sentry createuser --superuser` leave it: organization
/// `sentry` with team `sentry`, project 1 `internal` with its Default key, and the superuser as owner
/// (23.7.1: `create_default_project` in src/sentry/receivers/core.py; createuser adds the superuser to
/// `Organization.get_default()` and its first team in single-organization mode). The hosted sample
/// organization is migrated into it per the mapping (`organization.into`), through the binary, on
/// every schema profile; a new organization beside it needs `organization.alongside`.
@Suite(.requiresDatabase, .timeLimit(.minutes(3))) struct DefaultOrganizationTests {
    static let internalPublicKey = "5e1f0c0ffee0ddba11ca7e5a1ad0b0e5"

    /// What the install leaves, as a snapshot sentry-migrate applies (its writers produce Sentry's row
    /// shapes on each profile, which the conformance tier checks against Sentry's own code).
    static var installed: Snapshot {
        Snapshot(
            organization: Organization(slug: "sentry", name: "Sentry"),
            teams: [Team(slug: "sentry", name: "Sentry")],
            members: [
                Member(
                    email: "admin@install.example", name: "admin@install.example", role: "owner",
                    teams: [TeamMembership(slug: "sentry")], identity: .link)
            ],
            projects: [Project(slug: "internal", name: "Internal", teams: ["sentry"], hostedId: "1")],
            keys: [
                ClientKey(project: "internal", label: "Default", publicKey: internalPublicKey, hostedProjectId: "1")
            ],
            filters: [InboundFilters(project: "internal")],
            secrets: [KeySecret(publicKey: internalPublicKey, secretKey: "0b5e55ed0b5e55ed0b5e55ed0b5e55ed")])
    }

    @Test(arguments: SchemaFixture.allCases)
    func theHostedOrganizationMovesIntoTheDefaultOne(_ fixture: SchemaFixture) throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection)
            // The superuser of `createuser --superuser`, and the people the example mapping links.
            try connection.execute(
                """
                INSERT INTO auth_user (id, password, username, first_name, email, is_staff, is_active, is_superuser,
                    is_managed, is_password_expired, flags, date_joined, last_active)
                SELECT 100 + n, '!', e, '', e, n = 1, true, n = 1, false, false, 0, now(), now()
                FROM unnest(ARRAY['admin@install.example', 'alice@acme.com', 'bob@acme.com', 'david@acme.com',
                    'erin@acme.com']) WITH ORDINALITY AS t(e, n)
                """)
            try connection.execute(
                """
                INSERT INTO sentry_useremail (user_id, email, validation_hash, date_hash_added, is_verified)
                SELECT id, email, md5(email), now(), true FROM auth_user
                """)
            let database = try #require(TestDatabase.url).replacingOccurrences(
                of: "///postgres?", with: "///\(scratch.name)?")
            let simulator = try Simulator.sample()
            defer { simulator.stop() }

            try withTemporaryFolder { folder in
                func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
                func run(_ arguments: [String], expect status: Int32 = 0) throws -> CommandResult {
                    let result = try SentryMigrateBinary.run(
                        arguments, environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
                    #expect(result.status == status, "\(arguments.first ?? ""): \(result.stderr)")
                    return result
                }
                // The install.
                try SnapshotWriter.write(
                    Self.installed, source: SnapshotSource(kind: .transform, location: "sentry upgrade"),
                    exportedAt: Date(timeIntervalSince1970: 0), to: folder.appendingPathComponent("installed"))
                _ = try run(["plan", "--snapshot", path("installed"), "--database", database, "--out", path("i.json")])
                _ = try run(["apply", path("i.json"), "--database", database])
                try connection.execute(
                    "INSERT INTO sentry_projectoptions (project_id, key, value) VALUES (1, 'sentry:origins', '[\"*\"]')"
                )
                let defaultId = try #require(
                    try connection.query("SELECT id FROM sentry_organization WHERE slug = 'sentry'").first?.int64("id"))

                _ = try run(["export", "--url", simulator.url, "--org", "acme", "--out", path("hosted"), "--quiet"])
                let example = try String(contentsOfFile: PipelineTests.exampleMapping, encoding: .utf8)
                let nameLine = "  name: \"Acme (self-hosted)\"\n"
                #expect(example.contains(nameLine))
                for (file, extra) in [("beside.yaml", "  alongside: true\n"), ("into.yaml", "  into: sentry\n")] {
                    try example.replacingOccurrences(of: nameLine, with: nameLine + extra)
                        .write(toFile: path(file), atomically: true, encoding: .utf8)
                }

                // A new organization beside the default one is refused until the mapping chooses.
                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", PipelineTests.exampleMapping,
                    "--out", path("plain"),
                ])
                let refused = try run(
                    [
                        "plan", "--snapshot", path("plain"), "--database", database, "--out",
                        path("refused.json"),
                    ], expect: 65)
                #expect(
                    refused.stderr.contains("organization 'acme-selfhosted' is not on the target, which holds 'sentry'")
                )
                #expect(
                    refused.stderr.contains(
                        "single-organization mode (self-hosted's default) serves 'sentry' (id \(defaultId))"))
                #expect(refused.stderr.contains("'organization: {into: sentry}'"))
                #expect(!FileManager.default.fileExists(atPath: path("refused.json")))

                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", path("beside.yaml"),
                    "--out", path("beside"),
                ])
                let beside = try run(
                    [
                        "plan", "--snapshot", path("beside"), "--database", database,
                        "--detailed-exitcode",
                    ], expect: 2)
                #expect(beside.stdout.contains("a second organization: in single-organization mode"))
                #expect(
                    beside.stderr.contains("serves 'sentry' (id \(defaultId)) on this target, not this organization"))

                // Migrating into it: one update of the organization, its own team and project kept.
                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", path("into.yaml"),
                    "--out", path("desired"),
                ])
                let plan = try run(
                    [
                        "plan", "--snapshot", path("desired"), "--database", database, "--out",
                        path("plan.json"), "--detailed-exitcode",
                    ], expect: 2)
                #expect(plan.stdout.contains("~ acme-selfhosted"), "\(plan.stdout)")
                #expect(plan.stdout.contains("slug: \"sentry\" → \"acme-selfhosted\""), "\(plan.stdout)")
                #expect(plan.stdout.contains("migrates into the self-hosted organization 'sentry' (id \(defaultId))"))
                #expect(plan.stdout.contains("= internal"), "\(plan.stdout)")
                #expect(plan.stdout.contains("= sentry"), "\(plan.stdout)")
                #expect(plan.stderr.contains("migrates into the target's organization 'sentry'"))
                #expect(plan.stderr.contains("serves 'sentry' (id \(defaultId)) on this target, this organization"))

                _ = try run(["apply", path("plan.json"), "--database", database])
                let verify = try run(["verify", "--snapshot", path("desired"), "--database", database])
                #expect(verify.stdout.contains("Verified: the target matches the snapshot and every invariant holds."))
                #expect(verify.stdout.contains("  = Projects: internal\n"), "\(verify.stdout)")
                #expect(verify.stdout.contains("  = Teams: sentry\n"), "\(verify.stdout)")
                let again = try run([
                    "plan", "--snapshot", path("desired"), "--database", database,
                    "--detailed-exitcode",
                ])
                #expect(again.stdout.contains("No changes."), "\(again.stdout)")

                let organizations = try connection.query(
                    "SELECT id, slug, name FROM sentry_organization WHERE status = 0")
                #expect(organizations.count == 1)
                #expect(try organizations.first?.int64("id") == defaultId)
                #expect(try organizations.first?.string("slug") == "acme-selfhosted")
                #expect(try organizations.first?.string("name") == "Acme (self-hosted)")
                let defaultProject = try connection.query(
                    "SELECT slug, organization_id FROM sentry_project WHERE id = 1 AND status = 0")
                #expect(try defaultProject.first?.string("slug") == "internal")
                #expect(try defaultProject.first?.int64("organization_id") == defaultId)
                #expect(
                    try connection.query(
                        "SELECT 1 FROM sentry_organizationmapping WHERE organization_id = \(defaultId) AND slug = 'acme-selfhosted'"
                    ).count == 1)
                if fixture != .v23 {
                    let reservations = try connection.query(
                        "SELECT slug FROM sentry_organizationslugreservation WHERE organization_id = \(defaultId)")
                    #expect(try reservations.map { try $0.string("slug") } == ["acme-selfhosted"])
                }
            }
        }
    }
}
