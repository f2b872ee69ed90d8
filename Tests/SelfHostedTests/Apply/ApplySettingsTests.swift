import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Organization and project settings, security tokens and environments (issue 14 items 1–3, 5):
/// written in the encoding Sentry's own readers expect, on every schema profile, read back equal,
/// re-planned empty, and converging after changes and deletes.
@Suite(.requiresDatabase) struct ApplySettingsTests {
    static let fixture = SchemaFixture.directory.appendingPathComponent("snapshots/settings-hosted")

    /// The settings fixture with security tokens (its secrets stay out of git, so they are added here).
    static var desired: Snapshot {
        get throws {
            var snapshot = try SnapshotReader.read(from: fixture, requireSecrets: false).snapshot
            snapshot.projectSecrets = [
                ProjectSecret(project: "api", securityToken: "0f3c4e0ad1e611eebe560242ac120002"),
                ProjectSecret(project: "web", securityToken: "9a8b7c6d5e4f40312e1d0c0b0a090807"),
            ]
            return snapshot.canonicalized()
        }
    }

    /// What the target's Sentry has of `desired`: settings it lacks are not carried.
    static func held(_ snapshot: Snapshot, on profile: TargetProfile) -> Snapshot {
        var copy = snapshot
        for name in profile.organizationSettingsNotHeld.keys { copy.organization.settings?[name] = nil }
        for index in copy.projects.indices {
            for name in profile.projectSettingsNotHeld.keys { copy.projects[index].settings?[name] = nil }
        }
        return copy.canonicalized()
    }

    @Test(arguments: SchemaFixture.allCases)
    func settingsAreStoredAsSentrysReadersExpectAndReadBackEqual(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let desired = try Self.desired
            try ApplyScratch.planAndApply(desired, on: database)
            let db = try scratch.connect()
            let profile = database.profile

            func organizationOption(_ key: String) throws -> JSONValue? {
                let rows = try db.query(
                    """
                    SELECT o.value::text AS value FROM sentry_organizationoptions o
                    JOIN sentry_organization g ON g.id = o.organization_id WHERE g.slug = 'initech' AND o.key = \(key)
                    """)
                return try rows.first.flatMap { JSONValue.parse(try $0.string("value")) }
            }
            func projectOption(_ project: String, _ key: String) throws -> JSONValue? {
                let rows = try db.query(
                    """
                    SELECT o.value::text AS value FROM sentry_projectoptions o
                    JOIN sentry_project p ON p.id = o.project_id WHERE p.slug = \(project) AND o.key = \(key)
                    """)
                return try rows.first.flatMap { JSONValue.parse(try $0.string("value")) }
            }
            // `is False` and truthiness readers: JSON booleans, never "0".
            #expect(try organizationOption("sentry:join_requests") == .bool(false))
            #expect(try organizationOption("sentry:scrape_javascript") == .bool(false))
            #expect(try organizationOption("sentry:events_member_admin") == .bool(false))
            #expect(try organizationOption("sentry:require_scrub_ip_address") == .bool(true))
            #expect(try organizationOption("sentry:store_crash_reports") == .number(5))
            #expect(try organizationOption("sentry:attachments_role") == .string("admin"))
            // A JSON string whose content is JSON text, as `json.loads` in get_pii_config needs.
            let pii = try #require(try organizationOption("sentry:relay_pii_config")?.stringValue)
            #expect(JSONValue.parse(pii)?["rules"]?["remove-ssn"] != nil)
            // Trusted relays as Sentry stores them: snake_case keys.
            let relay = try #require(try organizationOption("sentry:trusted-relays"))
            guard case .array(let relays) = relay, case .object(let stored) = relays.first else {
                Issue.record("trusted relays are not a list of objects: \(relay)")
                return
            }
            #expect(stored["public_key"]?.stringValue == "SMSesqan65THCV6M4qs4kBzPai60LzuDn-xNsvYpuP8")
            #expect(stored["last_modified"] != nil && stored["publicKey"] == nil)

            // Flag bits of allowMemberInvite/allowMemberProjectCreation only where the target has them.
            let org = try db.query("SELECT id, flags FROM sentry_organization WHERE slug = 'initech'")[0]
            let flags = try org.int64("flags")
            if database.profile.organizationSettingsNotHeld.isEmpty {
                #expect(flags & 1024 != 0 && flags & 256 != 0, "disable_member_invite, disable_member_project_creation")
                let mapping = try db.query(
                    """
                    SELECT disable_member_invite, disable_member_project_creation FROM sentry_organizationmapping
                    WHERE organization_id = \(try org.int64("id"))
                    """)[0]
                #expect(try mapping.bool("disable_member_invite") && mapping.bool("disable_member_project_creation"))
            } else {
                #expect(flags & (1024 | 256) == 0, "23.x has no such bits: none is set")
            }

            #expect(try projectOption("web", "sentry:scrape_javascript") == .bool(false))
            #expect(
                try projectOption("web", "sentry:origins")
                    == .array([.string("https://initech.com"), .string("https://*.initech.com")]))
            #expect(try projectOption("web", "sentry:store_crash_reports") == .number(-1))
            #expect(try projectOption("api", "mail:subject_prefix") == .string(""))
            #expect(try projectOption("api", "sentry:resolve_age") == .number(48))
            #expect(try projectOption("web", "sentry:token") == .string("9a8b7c6d5e4f40312e1d0c0b0a090807"))
            #expect(try projectOption("batch", "sentry:origins") == nil, "no setting stored: Sentry's default applies")
            let highlight = try projectOption("web", "sentry:highlight_tags")
            #expect((highlight == nil) == (profile.family == .v23))

            let environments = try db.query(
                """
                SELECT p.slug, e.name, ep.is_hidden FROM sentry_environmentproject ep
                JOIN sentry_environment e ON e.id = ep.environment_id JOIN sentry_project p ON p.id = ep.project_id
                ORDER BY p.slug, e.name
                """
            ).map { "\(try $0.string("slug"))/\(try $0.string("name"))=\(try $0.optionalBool("is_hidden") ?? false)" }
            #expect(
                environments == ["api/production=false", "web/production=false", "web/qa=false", "web/staging=true"])
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_environment") == 3, "one row per name")

            let read = try ApplyScratch.read(database, slug: "initech")
            let expected = Self.held(desired, on: profile)
            #expect(read.withoutProvenance.organization == expected.withoutProvenance.organization)
            #expect(read.withoutProvenance.projects == expected.withoutProvenance.projects)
            #expect(read.projectSecrets == expected.projectSecrets)
            // The fixture names no inbound filters; the target's defaults for them are kept ("keep").
            let replan = try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }
            #expect(replan.isEmpty, "re-plan after apply is empty: \(replan)")
        }
    }

    /// Changing, removing and adding settings and environments converges; environments only the
    /// target has (Sentry made them for events) are kept; a removed setting's row is deleted.
    @Test(arguments: [SchemaFixture.v23, .v26])
    func changesAndDeletesConverge(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture, jsonbProjectOptions: fixture == .v26) { scratch, database in
            var desired = try Self.desired
            try ApplyScratch.planAndApply(desired, on: database)
            let db = try scratch.connect()
            // An environment Sentry created when an event named it.
            try db.execute(
                """
                WITH env AS (
                    INSERT INTO sentry_environment (organization_id, name, date_added)
                    SELECT organization_id, 'canary', now() FROM sentry_project WHERE slug = 'web' RETURNING id)
                INSERT INTO sentry_environmentproject (project_id, environment_id, is_hidden)
                SELECT p.id, env.id, NULL FROM sentry_project p, env WHERE p.slug = 'web'
                """)

            let web = try #require(desired.projects.firstIndex { $0.slug == "web" })
            desired.projects[web].settings?["scrapeJavaScript"] = nil
            desired.projects[web].settings?["resolveAge"] = .number(12)
            desired.projects[web].environments?["staging"] = false
            desired.projects[web].environments?["perf"] = true
            desired.organization.settings?["allowJoinRequests"] = .bool(true)
            desired.organization.settings?["trustedRelays"] = nil
            desired.projectSecrets[1].securityToken = "aaaabbbbccccddddeeeeffff00001111"
            desired = desired.canonicalized()

            let plan = try ApplyScratch.plan(desired, on: database)
            let change = try #require(plan.changes.first { $0.stage == .projects && $0.key == "web" })
            let fields = Dictionary(uniqueKeysWithValues: change.fields.map { ($0.field, $0) })
            #expect(fields["settings.scrapeJavaScript"]?.after == .null)
            #expect(fields["settings.resolveAge"]?.after == .number(12))
            #expect(fields["environments.perf"]?.after == .bool(true))
            #expect(fields["environments.canary"] == nil, "a target-only environment is kept, not deleted")
            let token = try #require(fields["securityToken"])
            #expect(token.sensitive && token.after == nil && token.afterDigest != nil, "shown by digest only")
            let planJSON = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
            #expect(!planJSON.contains("aaaabbbbccccddddeeeeffff00001111") && !planJSON.contains("9a8b7c6d5e4f"))
            #expect(change.notes.contains { $0.contains("docker compose restart memcached") }, "names the cache")

            try database.apply(
                ApplyRequest(plan: plan, planDigest: UUID().uuidString, planPath: "plan.json", desired: desired))
            let read = try ApplyScratch.read(database, slug: "initech")
            let readWeb = try #require(read.projects.first { $0.slug == "web" })
            #expect(readWeb.settings?["scrapeJavaScript"] == nil)
            #expect(readWeb.settings?["resolveAge"] == .number(12))
            #expect(
                readWeb.environments == [
                    "canary": false, "perf": true, "production": false, "qa": false, "staging": false,
                ])
            #expect(read.organization.settings?["trustedRelays"] == nil)
            #expect(read.organization.settings?["allowJoinRequests"] == .bool(true))
            #expect(
                read.projectSecrets.first { $0.project == "web" }?.securityToken == "aaaabbbbccccddddeeeeffff00001111")
            // The fixture names no inbound filters; the target's defaults for them are kept ("keep").
            let replan = try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }
            #expect(replan.isEmpty, "re-plan after apply is empty: \(replan)")
        }
    }
}
