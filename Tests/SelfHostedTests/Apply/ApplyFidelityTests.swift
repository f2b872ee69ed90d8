import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// What apply writes when it deletes, collides or stamps rows, checked against what Sentry's own code
/// does (docs/apply.md "Deletes" and "Write fidelity"), on every schema profile.
@Suite(.requiresDatabase) struct ApplyFidelityTests {
    /// `--prune` of a project and a team leaves them as Sentry's delete endpoints do (pending
    /// deletion, slug freed, a deletion scheduled now); re-creating the same slugs then converges.
    @Test(arguments: SchemaFixture.allCases)
    func pruneFreesSlugsAndSchedulesDeletion(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let desired = DesiredOrganization.snapshot
            try ApplyScratch.planAndApply(desired, on: database)
            let db = try scratch.connect()
            let projectId = try db.query("SELECT id FROM sentry_project WHERE slug = 'web'")[0].int64("id")
            let teamId = try db.query("SELECT id FROM sentry_team WHERE slug = 'frontend'")[0].int64("id")

            var pruned = desired
            pruned.projects.removeAll { $0.slug == "web" }
            pruned.keys.removeAll { $0.project == "web" }
            pruned.secrets.removeAll { $0.publicKey.hasPrefix("2") }
            pruned.filters.removeAll { $0.project == "web" }
            pruned.ownership.removeAll { $0.project == "web" }
            pruned.teams.removeAll { $0.slug == "frontend" }
            pruned.members = pruned.members.map { member in
                var member = member
                member.teams.removeAll { $0.slug == "frontend" }
                return member
            }
            pruned = pruned.canonicalized()
            let before = Date()
            try ApplyScratch.planAndApply(pruned, on: database, prune: true)

            let project = try db.query("SELECT slug, status FROM sentry_project WHERE id = \(projectId)")[0]
            #expect(try project.int("status") == 2, "ObjectStatus.PENDING_DELETION")
            let freedProjectSlug = try project.string("slug")
            #expect(freedProjectSlug.count == 32 && freedProjectSlug.allSatisfy(\.isHexDigit), "uuid4().hex")
            let team = try db.query("SELECT slug, status FROM sentry_team WHERE id = \(teamId)")[0]
            #expect(try team.int("status") == 1, "TeamStatus.PENDING_DELETION")
            #expect(try team.string("slug").hasPrefix("frontend-"))
            #expect(try team.string("slug").count == 41)
            if database.profile.hasTeamReplicas {
                #expect(
                    try ApplyScratch.count(
                        db,
                        "SELECT count(*) FROM sentry_teamreplica WHERE team_id = \(teamId) AND status = 1 AND slug LIKE 'frontend-%'"
                    ) == 1)
            }
            let option = try db.query(
                "SELECT value::text AS value FROM sentry_organizationoptions WHERE key = \("pending-delete:Project:\(projectId)")"
            )
            #expect(option.count == 1)
            let saved = JSONValue.parse(try option[0].string("value"))
            #expect(saved?["slug"]?.stringValue == "web")
            #expect(saved?["model"]?.stringValue == "Project")

            let scheduled = try db.query(
                """
                SELECT model_name, object_id, in_progress, actor_id, data::text AS data, length(guid) AS guid,
                       date_scheduled <= now() AS due, date_scheduled >= \(before.addingTimeInterval(-60)) AS recent
                FROM sentry_regionscheduleddeletion WHERE app_label = 'sentry' ORDER BY model_name
                """)
            #expect(try scheduled.map { try $0.string("model_name") } == ["Project", "Team"])
            #expect(try scheduled.map { try $0.int64("object_id") } == [projectId, teamId])
            for row in scheduled {
                #expect(try row.bool("in_progress") == false)
                #expect(try row.optionalInt64("actor_id") == nil)
                #expect(JSONValue.parse(try row.string("data")) == .object([:]))
                #expect(try row.int("guid") == 32)
                #expect(try row.bool("due"), "days=0: due at once")
                #expect(try row.bool("recent"))
            }

            // The freed slugs can be created again, and the organization converges.
            try ApplyScratch.planAndApply(desired, on: database, prune: true)
            expectSameConfiguration(try ApplyScratch.read(database), desired)
            let again = try ApplyScratch.plan(desired, on: database, prune: true).changes.filter { $0.action != .keep }
            #expect(again.isEmpty, "\(again)")
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_project WHERE slug = 'web'") == 1)
            #expect(try ApplyScratch.count(db, "SELECT count(*) FROM sentry_project WHERE status = 2") == 1)
        }
    }

    /// Deleting a member removes the rows that refer to it, as Django's CASCADE does, so the
    /// members stage commits on a database where the member asked to join a team (and, from 25.x,
    /// has an invite row).
    @Test(arguments: SchemaFixture.allCases)
    func deletingAMemberRemovesWhatDjangoCascades(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let desired = DesiredOrganization.snapshot
            try ApplyScratch.planAndApply(desired, on: database)
            let db = try scratch.connect()
            let member = try db.query(
                "SELECT m.id, m.organization_id FROM sentry_organizationmember m WHERE m.email = 'bob@example.com'")[0]
            let memberId = try member.int64("id")
            let teamId = try db.query("SELECT id FROM sentry_team WHERE slug = 'backend'")[0].int64("id")
            try db.execute(
                "INSERT INTO sentry_organizationaccessrequest (team_id, member_id) VALUES (\(teamId), \(memberId))")
            if database.profile.catalog.hasTable("sentry_organizationmemberinvite") {
                try db.execute(
                    """
                    INSERT INTO sentry_organizationmemberinvite (date_updated, date_added, invite_status, email, role,
                        organization_member_team_data, token, token_expires_at, sso_linked, sso_invalid,
                        member_limit_restricted, idp_role_restricted, partnership_restricted, organization_id,
                        organization_member_id)
                    VALUES (now(), now(), 0, 'bob@example.com', 'member', '[]', \(String(repeating: "f", count: 64)),
                        now() + interval '30 days', false, false, false, false, false,
                        \(try member.int64("organization_id")), \(memberId))
                    """)
            }

            var without = desired
            without.members.removeAll { $0.email == "bob@example.com" }
            try ApplyScratch.planAndApply(without.canonicalized(), on: database, prune: true)

            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_organizationmember WHERE id = \(memberId)") == 0
            )
            #expect(
                try ApplyScratch.count(
                    db, "SELECT count(*) FROM sentry_organizationaccessrequest WHERE member_id = \(memberId)") == 0)
            if database.profile.catalog.hasTable("sentry_organizationmemberinvite") {
                #expect(
                    try ApplyScratch.count(
                        db,
                        "SELECT count(*) FROM sentry_organizationmemberinvite WHERE organization_member_id = \(memberId)"
                    ) == 0)
            }
            expectSameConfiguration(try ApplyScratch.read(database), without.canonicalized())
        }
    }

    /// 26.x: a public key held only by a key mapping (its key gone) is a collision the plan reports,
    /// naming where it is and never a secret; apply then gives the key new halves instead of failing.
    @Test func aPublicKeyInAKeyMappingIsACollisionAtPlanTime() throws {
        try ApplyScratch.withTarget(.v26) { scratch, database in
            let desired = DesiredOrganization.snapshot
            let taken = "2123456789abcdef0123456789abcdef"
            try scratch.connect().execute(
                """
                INSERT INTO sentry_projectkeymapping (project_key_id, public_key, cell_name, date_updated)
                VALUES (987654, \(taken), 'monolith', now())
                """)
            let plan = try ApplyScratch.plan(desired, on: database)
            let change = try #require(plan.changes.first { $0.stage == .keys && $0.key == taken })
            #expect(change.dsn?.preserved == false)
            #expect(change.dsn?.reason?.contains("key mapping of project key 987654") == true, "\(change)")
            let text = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
            #expect(!text.contains("a0000000000000000000000000000003"), "no secret in the plan")

            try database.apply(
                ApplyRequest(plan: plan, planDigest: "d", planPath: "plan.json", desired: desired))
            let db = try scratch.connect()
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_projectkeymapping WHERE public_key = \(taken)")
                    == 1)
            #expect(
                try ApplyScratch.count(
                    db,
                    "SELECT count(*) FROM sentry_projectkeymapping m JOIN sentry_projectkey k ON k.id = m.project_key_id AND k.public_key = m.public_key"
                ) == desired.keys.count)
        }
    }

    /// The two generic inbound filters, in each profile's encoding, read back as written.
    @Test(arguments: SchemaFixture.allCases)
    func genericFiltersRoundTripInTheProfilesEncoding(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            var desired = DesiredOrganization.snapshot
            desired.filters = desired.filters.map { filters in
                var filters = filters
                filters.reactHydrationErrors = filters.project == "api"
                filters.chunkLoadError = filters.project != "api"
                return filters
            }
            try ApplyScratch.planAndApply(desired, on: database)
            let rows = try scratch.connect().query(
                """
                SELECT p.slug, o.key, o.value::text AS value FROM sentry_projectoptions o
                JOIN sentry_project p ON p.id = o.project_id
                WHERE p.slug = 'api' AND o.key IN ('filters:react-hydration-errors', 'filters:chunk-load-error')
                """)
            let values = Dictionary(
                uniqueKeysWithValues: try rows.map { (try $0.string("key"), try $0.string("value")) })
            #expect(values["filters:react-hydration-errors"] == (fixture == .v23 ? "true" : "\"1\""))
            #expect(values["filters:chunk-load-error"] == "\"0\"")
            #expect(try ApplyScratch.read(database).filters == desired.filters)
            #expect(database.warnings.isEmpty, "\(database.warnings)")
        }
    }

    /// 23.7 reads react-hydration-errors by truthiness: a stored "0" there means on, and the reader says so.
    @Test func theReaderReadsReactHydrationAsTheTargetDoes() throws {
        for (fixture, stored, expected) in [
            (SchemaFixture.v23, "\"0\"", true), (.v23, "false", false), (.v24, "\"0\"", false), (.v24, "false", false),
            (.v24, "true", true), (.v26, "\"1\"", true),
        ] {
            try ApplyScratch.withTarget(fixture) { scratch, database in
                try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
                try scratch.connect().execute(
                    """
                    UPDATE sentry_projectoptions SET value = \(stored) WHERE key = 'filters:react-hydration-errors'
                      AND project_id = (SELECT id FROM sentry_project WHERE slug = 'api')
                    """)
                let read = try ApplyScratch.read(database)
                #expect(
                    read.filters.first { $0.project == "api" }?.reactHydrationErrors == expected, "\(fixture) \(stored)"
                )
            }
        }
    }

    /// 26.x stamps the organization mapping's `date_updated` on every write; from 25.6 a created
    /// user holds its address in `email_unique` unless another user already does.
    @Test(arguments: SchemaFixture.allCases)
    func stampsMappingsAndUniqueEmailsAsSentryDoes(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            let db = try scratch.connect()
            let hasUnique = database.profile.catalog.column("auth_user", "email_unique") != nil
            if hasUnique {
                // Someone already holds carol's address as their unique e-mail (an old account).
                try db.execute(
                    """
                    INSERT INTO auth_user (password, username, first_name, email, email_unique, is_staff, is_active,
                        is_superuser, is_managed, is_password_expired, flags, date_joined, avatar_type)
                    VALUES ('!', 'legacy', '', 'legacy@example.com', 'carol@example.com', false, true, false, false,
                        false, 0, now(), 0)
                    """)
            }
            var desired = DesiredOrganization.snapshot
            try ApplyScratch.planAndApply(desired, on: database)
            if hasUnique {
                let unique = Dictionary(
                    uniqueKeysWithValues: try db.query(
                        "SELECT email, email_unique FROM auth_user WHERE username <> 'legacy' AND username <> 'erin'"
                    ).map { (try $0.string("email"), try $0.optionalString("email_unique")) })
                #expect(unique["alice@example.com"] == .some("alice@example.com"))
                #expect(unique["carol@example.com"] == .some(nil), "held by another user: left NULL")
                #expect(unique[DesiredOrganization.longEmail] == .some(DesiredOrganization.longEmail))
            }
            guard database.profile.catalog.column("sentry_organizationmapping", "date_updated") != nil else { return }
            try db.execute("UPDATE sentry_organizationmapping SET date_updated = '2001-01-01T00:00:00Z'")
            desired.organization.name = "Renamed"
            try ApplyScratch.planAndApply(desired, on: database)
            #expect(
                try ApplyScratch.count(
                    db, "SELECT count(*) FROM sentry_organizationmapping WHERE date_updated > now() - interval '1 hour'"
                )
                    == 1)
        }
    }
}
