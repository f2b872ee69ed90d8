import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// The rows beside the configuration that Sentry's own code would have left, per profile
/// (reference/schema/ORM-WRITES-23.7.1.md and selfhosted-schema.md §2, §4–§6).
@Suite(.requiresDatabase) struct ApplyRowShapeTests {
    @Test(arguments: SchemaFixture.allCases)
    func writesTheRowsSentrysOwnCodeWouldHaveWritten(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            let db = try scratch.connect()
            let orgId = try db.query("SELECT id FROM sentry_organization WHERE slug = 'acme-io'")[0].int64("id")
            func count(_ sql: SQL) throws -> Int { try ApplyScratch.count(db, sql) }

            // Organization: flags, mapping (with its flag columns where they exist), reservations.
            let org = try db.query("SELECT flags, status, is_test FROM sentry_organization WHERE id = \(orgId)")[0]
            #expect(try org.int64("flags") == 2 | 4 | 8)
            #expect(
                try count(
                    "SELECT count(*) FROM sentry_organizationmapping WHERE organization_id = \(orgId) AND slug = 'acme-io' AND region_name = '--monolith--' AND idempotency_key = '' AND NOT verified"
                ) == 1)
            if fixture != .v23 {
                #expect(
                    try count(
                        "SELECT count(*) FROM sentry_organizationmapping WHERE organization_id = \(orgId) AND enhanced_privacy AND disable_shared_issues AND early_adopter AND NOT allow_joinleave"
                    ) == 1)
                #expect(
                    try count(
                        "SELECT count(*) FROM sentry_organizationslugreservation WHERE organization_id = \(orgId) AND slug = 'acme-io' AND reservation_type = 0 AND region_name = '--monolith--'"
                    ) == 1)
            }
            let replica = database.profile.hasSlugReservationReplica
            #expect(replica == (fixture == .v24 || fixture == .v25))
            if replica {
                #expect(
                    try count(
                        "SELECT count(*) FROM hybridcloud_organizationslugreservationreplica r JOIN sentry_organizationslugreservation s ON s.id = r.organization_slug_reservation_id WHERE r.organization_id = \(orgId) AND r.slug = s.slug"
                    ) == 1)
            }

            // Teams: actors on 23.x, replicas from 23.10.
            if fixture == .v23 {
                #expect(
                    try count(
                        "SELECT count(*) FROM sentry_team t JOIN sentry_actor a ON a.id = t.actor_id AND a.team_id = t.id AND a.type = 0 WHERE t.organization_id = \(orgId)"
                    ) == 3)
            } else {
                #expect(
                    try count(
                        "SELECT count(*) FROM sentry_teamreplica r JOIN sentry_team t ON t.id = r.team_id AND t.slug = r.slug AND t.name = r.name WHERE r.organization_id = \(orgId)"
                    ) == 3)
                #expect(
                    try count(
                        "SELECT count(*) FROM sentry_organizationmember_teamsreplica r JOIN sentry_organizationmember_teams mt ON mt.id = r.organizationmemberteam_id AND r.role IS NOT DISTINCT FROM mt.role WHERE r.organization_id = \(orgId)"
                    ) == 5)
            }

            // Members: a mapping per member; created users unclaimed with a useremail (and sentry_email).
            #expect(
                try count(
                    "SELECT count(*) FROM sentry_organizationmembermapping mm JOIN sentry_organizationmember m ON m.id = mm.organizationmember_id AND mm.role = m.role AND mm.user_id IS NOT DISTINCT FROM m.user_id AND mm.email IS NOT DISTINCT FROM m.email WHERE mm.organization_id = \(orgId)"
                ) == 5)
            let invite = try db.query(
                "SELECT token, token_expires_at, user_id FROM sentry_organizationmember WHERE email = 'bob@example.com'"
            )[0]
            #expect(try invite.optionalInt64("user_id") == nil)
            #expect(try invite.string("token").count == 64)
            #expect(
                try count(
                    "SELECT count(*) FROM auth_user WHERE email LIKE '%example.com' AND password LIKE '!%' AND username = email"
                ) == 3)
            #expect(
                try count(
                    "SELECT count(*) FROM sentry_useremail e JOIN auth_user u ON u.id = e.user_id AND u.email = e.email WHERE length(e.validation_hash) = 32 AND NOT e.is_verified"
                ) == 3)
            if database.profile.hasEmailTable {
                #expect(try count("SELECT count(*) FROM sentry_email") == 3)
            }
            if database.catalog.column("auth_user", "is_unclaimed") != nil {
                #expect(try count("SELECT count(*) FROM auth_user WHERE is_unclaimed") == 3)
            }
            // `link` reused the existing user rather than creating another.
            #expect(try count("SELECT count(*) FROM auth_user WHERE lower(email) = 'erin@example.com'") == 1)

            // Projects: hosted ids kept, sequence ahead of them, epoch and relay revision written.
            #expect(try count("SELECT count(*) FROM sentry_project WHERE id IN (4501234, 4501235) AND flags = 10") == 2)
            let next = try db.query("SELECT nextval(pg_get_serial_sequence('sentry_project', 'id')) AS id")[0].int64(
                "id")
            #expect(next > 4_501_235)
            let epoch = ProjectWriter.optionEpoch(for: database.profile.family)
            #expect(
                try count(
                    "SELECT count(*) FROM sentry_projectoptions WHERE key = 'sentry:option-epoch' AND value::text = \(String(epoch))"
                ) == 3)
            #expect(try count("SELECT count(*) FROM sentry_projectoptions WHERE key = 'sentry:relay-rev'") == 3)
            #expect(
                try count(
                    "SELECT count(*) FROM sentry_projectkey WHERE label = 'Default' AND public_key NOT IN ('0123456789abcdef0123456789abcdef', '3123456789abcdef0123456789abcdef')"
                ) == 0, "no automatic Default key")

            // Canonical option values.
            let options = Dictionary(
                uniqueKeysWithValues: try db.query(
                    "SELECT o.key, o.value::text AS value FROM sentry_projectoptions o WHERE o.project_id = 4501235"
                ).map {
                    (try $0.string("key"), try $0.string("value"))
                })
            #expect(options["filters:localhost"] == "\"1\"")
            #expect(options["filters:filtered-transaction"] == "\"0\"")
            // 23.7 reads react-hydration-errors by truthiness (a JSON boolean); 23.10 and later write "0".
            #expect(options["filters:react-hydration-errors"] == (fixture == .v23 ? "false" : "\"0\""))
            #expect(options["filters:chunk-load-error"] == "\"0\"")
            #expect(
                JSONValue.parse(options["filters:legacy-browsers"] ?? "")?.stringArray == [
                    "ie9", "ie_pre_9", "safari_pre_6",
                ])

            // Keys: data JSON, keymapping on 26.x.
            let data = try db.query(
                "SELECT data::text AS data FROM sentry_projectkey WHERE public_key = '1123456789abcdef0123456789abcdef'"
            )[0].string("data")
            let parsed = try #require(JSONValue.parse(data))
            #expect(parsed["browserSdkVersion"]?.stringValue == "7.x")
            #expect(parsed["dynamicSdkLoaderOptions"]?["hasDebug"]?.boolValue == true)
            if database.profile.hasProjectKeyMapping {
                #expect(
                    try count(
                        "SELECT count(*) FROM sentry_projectkeymapping m JOIN sentry_projectkey k ON k.id = m.project_key_id AND k.public_key = m.public_key WHERE m.cell_name = '--monolith--'"
                    ) == 4)
            }

            // Ownership schema with resolved ids.
            let schemaText = try db.query(
                "SELECT schema::text AS schema FROM sentry_projectownership WHERE project_id = 4501234")[0].string(
                    "schema")
            let schema = try #require(JSONValue.parse(schemaText))
            let backendId = try db.query(
                "SELECT id FROM sentry_team WHERE slug = 'backend' AND organization_id = \(orgId)")[0].int64("id")
            let aliceId = try db.query("SELECT id FROM auth_user WHERE email = 'alice@example.com'")[0].int64("id")
            guard case .array(let rules)? = schema["rules"] else { Issue.record("no rules in \(schemaText)"); return }
            #expect(rules.count == 2)
            #expect(rules.first?["matcher"]?["pattern"]?.stringValue == "src/*")
            #expect(rules.last?["matcher"]?["pattern"]?.stringValue == "https://x.io/a b")
            guard case .array(let owners)? = rules.first?["owners"] else { Issue.record("no owners"); return }
            #expect(owners.count == 2)
            #expect(owners.first?["id"] == .number(Double(backendId)))
            #expect(owners.last?["id"] == .number(Double(aliceId)))
            #expect(owners.last?["identifier"]?.stringValue == "alice@example.com")

            // Nothing left for Celery: the outboxes stay empty.
            #expect(try count("SELECT count(*) FROM sentry_regionoutbox") == 0)
            #expect(try count("SELECT count(*) FROM sentry_controloutbox") == 0)

            // The journal: one applied row per stage, in order.
            let journal = try database.journal(organization: "acme-io")
            #expect(journal.map(\.stage) == Stage.allCases.map(\.rawValue))
            #expect(journal.allSatisfy { $0.status == "applied" && $0.profile == database.profile.summary })
            #expect(journal.first { $0.stage == "members" }?.creates == 5)
        }
    }

    /// The insert check that proves every NOT NULL column without a default is filled: a record that
    /// leaves one out is refused before anything is sent, naming the table and column.
    @Test(arguments: SchemaFixture.allCases)
    func refusesAnInsertThatLeavesARequiredColumnEmpty(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { _, database in
            let session = WriteSession(
                connection: database.connection, profile: database.profile, stage: .teams, now: Date(), killSwitch: nil)
            let error = #expect(throws: UnfilledColumnError.self) {
                // `date_added` is NOT NULL without a default in every version.
                try session.insert(
                    "sentry_project",
                    [["organization_id": 1, "slug": "x", "name": "x", "status": 0, "public": false, "flags": 10]])
            }
            #expect(error?.description.contains("sentry_project has NOT NULL column(s) date_added") == true)
            #expect(error?.exitStatus == .dataError)
            #expect(session.statementCount == 0)
        }
    }
}

extension TargetDatabase {
    fileprivate var catalog: SchemaCatalog { profile.catalog }
}

/// For each profile: every table apply inserts into gets every NOT NULL column that has no default,
/// and the tables are exactly the ones that profile needs.
@Suite(.requiresDatabase) struct ApplyColumnCoverageTests {
    @Test(arguments: SchemaFixture.allCases)
    func everyRequiredColumnOfEveryTableWrittenIsFilled(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { _, database in
            let report = try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            let catalog = database.profile.catalog
            for (table, written) in report.insertedColumns {
                let required = (catalog.tables[table] ?? [])
                    .filter { !$0.isNullable && $0.defaultExpression == nil }.map(\.name)
                #expect(Set(required).isSubset(of: written), "\(table) misses \(Set(required).subtracting(written))")
            }
            var expected: Set<String> = [
                "sentry_organization", "sentry_organizationmapping", "sentry_team", "auth_user", "sentry_useremail",
                "sentry_organizationmember", "sentry_organizationmembermapping", "sentry_organizationmember_teams",
                "sentry_project", "sentry_projectteam", "sentry_projectoptions", "sentry_projectkey",
                "sentry_projectownership",
            ]
            switch fixture {
            case .v23: expected.formUnion(["sentry_actor", "sentry_email"])
            case .v24, .v25:
                expected.formUnion([
                    "sentry_email", "sentry_organizationslugreservation",
                    "hybridcloud_organizationslugreservationreplica",
                    "sentry_teamreplica", "sentry_organizationmember_teamsreplica",
                ])
            case .v26:
                expected.formUnion([
                    "sentry_organizationslugreservation", "sentry_teamreplica",
                    "sentry_organizationmember_teamsreplica",
                    "sentry_projectkeymapping",
                ])
            }
            #expect(Set(report.insertedColumns.keys) == expected)
        }
    }
}
