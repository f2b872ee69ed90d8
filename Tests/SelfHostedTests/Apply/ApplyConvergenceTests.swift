import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Stage by stage, wave by wave, updates and deletes: all end where a full apply ends.
@Suite(.requiresDatabase) struct ApplyConvergenceTests {
    @Test(arguments: SchemaFixture.allCases)
    func stageByStageEqualsAFullApply(_ fixture: SchemaFixture) throws {
        let desired = DesiredOrganization.snapshot
        let full = try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database)
            return try ApplyScratch.sideRows(try scratch.connect())
        }
        try ApplyScratch.withTarget(fixture) { scratch, database in
            // One saved plan, applied one `--stage` at a time.
            let plan = try ApplyScratch.plan(desired, on: database)
            for stage in Stage.allCases {
                let report = try database.apply(
                    ApplyRequest(
                        plan: plan, planDigest: "same-plan", planPath: "plan.json", desired: desired, only: stage))
                #expect(report.stages.map(\.stage) == [stage])
            }
            expectSameConfiguration(try ApplyScratch.read(database), desired)
            #expect(try ApplyScratch.sideRows(try scratch.connect()) == full)
            // Running the whole plan again does nothing: every stage is in the journal.
            let again = try database.apply(
                ApplyRequest(plan: plan, planDigest: "same-plan", planPath: "plan.json", desired: desired))
            #expect(again.stages.allSatisfy { $0.alreadyApplied })
        }
    }

    @Test(arguments: [SchemaFixture.v23, .v26])
    func waveByWaveEqualsAFullApply(_ fixture: SchemaFixture) throws {
        let desired = DesiredOrganization.snapshot
        let full = try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(desired, on: database)
            return try ApplyScratch.sideRows(try scratch.connect())
        }
        try ApplyScratch.withTarget(fixture) { scratch, database in
            // Wave 1: team backend, its projects and members (as `plan --wave` restricts them).
            var wave = desired
            wave.teams = desired.teams.filter { $0.slug == "backend" }
            wave.projects = desired.projects.filter { $0.teams == ["backend"] }
            let projects = Set(wave.projects.map(\.slug))
            wave.members = desired.members.filter { $0.teams.map(\.slug) == ["backend"] }
            wave.keys = desired.keys.filter { projects.contains($0.project) }
            wave.filters = desired.filters.filter { projects.contains($0.project) }
            wave.ownership = desired.ownership.filter { projects.contains($0.project) }
            try ApplyScratch.planAndApply(wave, on: database)
            #expect(try ApplyScratch.read(database).teams.map(\.slug) == ["backend"])
            // Wave 2: everything else.
            try ApplyScratch.planAndApply(desired, on: database)
            expectSameConfiguration(try ApplyScratch.read(database), desired)
            #expect(try ApplyScratch.sideRows(try scratch.connect()) == full)
        }
    }

    @Test(arguments: SchemaFixture.allCases)
    func updatesAndPrunesConverge(_ fixture: SchemaFixture) throws {
        try ApplyScratch.withTarget(fixture) { scratch, database in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: database)
            var changed = DesiredOrganization.snapshot
            changed.organization.name = "Renamed ☃"
            changed.organization.openMembership = true
            changed.teams[0].name = "Backend renamed"
            changed.teams.removeAll { $0.slug == "frontend" }
            changed.members = changed.members.compactMap { member in
                var member = member
                member.teams.removeAll { $0.slug == "frontend" }
                switch member.email {
                case "bob@example.com": return nil
                case "carol@example.com":
                    member.role = "member"
                    member.teams = [
                        TeamMembership(slug: "backend", role: "admin"),
                        TeamMembership(slug: DesiredOrganization.longSlug),
                    ]
                default: break
                }
                return member
            }
            changed.projects = changed.projects.map { project in
                var project = project
                project.teams.removeAll { $0 == "frontend" }
                if project.slug == "api" {
                    project.platform = "python-django"; project.teams = ["backend", DesiredOrganization.longSlug]
                }
                return project
            }
            changed.keys[1].label = "renamed"
            changed.keys[1].rateLimit = nil
            changed.keys[2].active = true
            changed.keys.removeAll { $0.publicKey.hasPrefix("3") }
            changed.secrets.removeAll { $0.publicKey.hasPrefix("3") }
            changed.secrets[0].secretKey = "b0000000000000000000000000000001"
            changed.filters[0].localhost = true
            changed.filters[0].errorMessages = ["new"]
            changed.ownership[0].raw = "path:* #backend"
            // Prune would keep web's ownership if it were left out (web stays; see ApplyReplanTests), so
            // its owner that is no team here goes by an update.
            changed.ownership[1].raw = "tags.browser:Chrome* carol@example.com"
            changed = changed.canonicalized()

            let report = try ApplyScratch.planAndApply(changed, on: database, prune: true)
            #expect(!report.staleCaches.isEmpty, "existing rows changed: caches must be named")
            let read = try ApplyScratch.read(database)
            expectSameConfiguration(read, changed)
            let again = try ApplyScratch.plan(changed, on: database, prune: true).changes.filter { $0.action != .keep }
            #expect(again.isEmpty, "\(again)")
            let db = try scratch.connect()
            #expect(
                try ApplyScratch.count(
                    db, "SELECT count(*) FROM sentry_organizationmembermapping WHERE email = 'bob@example.com'") == 0)
            #expect(
                try ApplyScratch.count(db, "SELECT count(*) FROM sentry_organizationmapping WHERE name = 'Renamed ☃'")
                    == 1)
            if database.profile.hasTeamReplicas {
                #expect(
                    try ApplyScratch.count(db, "SELECT count(*) FROM sentry_teamreplica WHERE name = 'Backend renamed'")
                        == 1)
                #expect(
                    try ApplyScratch.count(
                        db,
                        "SELECT count(*) FROM sentry_organizationmember_teamsreplica r LEFT JOIN sentry_organizationmember_teams t ON t.id = r.organizationmemberteam_id WHERE t.id IS NULL"
                    ) == 0)
            }
            let violations = try database.checkInvariants(organization: "acme-io", desired: changed)
            #expect(violations.isEmpty, "\(violations)")
        }
    }
}
