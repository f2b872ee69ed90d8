import SentryModel
import Testing

@testable import Mapping

/// Problems that need the snapshot: unknown names, collisions, invalid slugs, missing roles,
/// waves naming excluded teams, unknown owners. Exact text and position for each.
@Suite struct SnapshotDiagnosticTests {
    @Test func unknownTeamSuggestsTheClosestSlug() {
        #expect(
            problems("version: 1\nteams:\n  rename:\n    paymnts: billing\n") == [
                """
                m.yaml:4:5: error: team 'paymnts' in teams.rename is not in the snapshot (did you mean 'payments'?)
                  next: teams.rename names teams by their hosted slug
                """
            ])
    }

    @Test func unknownProjectsAndMembers() {
        let yaml = """
            version: 1
            projects:
              rename: {apii: api-v2}
              platform: {andriod: kotlin}
            members:
              email: {alice@acme.com: alice@example.com}
              identity:
                members: {ivan@acme.org: create}
              domains: {acme.oi: acme.com}
            filters:
              projects:
                wbe: {localhost: true}
            keys:
              rateLimits:
                projects: {checkot: none}
                keys: {000000000000000000000000000000b1: none}
            """
        #expect(
            messages(yaml) == [
                "m.yaml:3:12: error: project 'apii' in projects.rename is not in the snapshot (did you mean 'api'?)",
                "m.yaml:4:14: error: project 'andriod' in projects.platform is not in the snapshot (did you mean 'android'?)",
                "m.yaml:6:11: error: member 'alice@acme.com' in members.email is not in the snapshot (did you mean 'alice@acme.io'?)",
                "m.yaml:8:15: error: member 'ivan@acme.org' in members.identity.members is not in the snapshot (did you mean 'ivan@acme.io'?)",
                "m.yaml:9:13: error: no member's e-mail is at domain 'acme.oi' (members.domains) (did you mean 'acme.io'?)",
                "m.yaml:12:5: error: project 'wbe' in filters.projects is not in the snapshot (did you mean 'web'?)",
                "m.yaml:15:16: error: project 'checkot' in keys.rateLimits.projects is not in the snapshot (did you mean 'checkout'?)",
                "m.yaml:16:12: error: client key '000000000000000000000000000000b1' in keys.rateLimits.keys is not in the snapshot (did you mean '000000000000000000000000000000a1'?)",
            ])
    }

    @Test func excludingANameThatIsNotThereIsAnErrorButAnEmptyPatternOnlyAWarning() throws {
        #expect(
            messages("version: 1\nteams:\n  exclude: [mobil, \"tmp-*\"]\n") == [
                "m.yaml:3:13: error: team 'mobil' in teams.exclude is not in the snapshot (did you mean 'mobile'?)",
                "m.yaml:3:20: warning: pattern 'tmp-*' in teams.exclude matches no team",
            ])
        #expect(
            try warnings("version: 1\nteams:\n  exclude: [\"tmp-*\"]\n")
                == ["m.yaml:3:13: warning: pattern 'tmp-*' in teams.exclude matches no team"])
    }

    @Test func renamingOntoAnotherTeamIsACollision() {
        #expect(
            problems("version: 1\nteams:\n  rename:\n    payments: backend\n") == [
                """
                m.yaml:4:15: error: teams 'backend' and 'payments' would both become 'backend'
                  next: merge them with 'teams.merge: {backend: {from: [backend, payments]}}', or rename or exclude all but one
                """
            ])
    }

    @Test func twoRenamesOntoOneSlugAreACollisionAtTheLaterRule() {
        #expect(
            messages("version: 1\nteams:\n  rename:\n    payments: money\n    data: {slug: money}\n")
                == ["m.yaml:5:18: error: teams 'data' and 'payments' would both become 'money'"])
    }

    @Test func mergingIntoAKeptTeamNeedsThatTeamInFrom() throws {
        #expect(
            messages("version: 1\nteams:\n  merge:\n    backend: {from: [infra, sre]}\n")
                == ["m.yaml:4:29: error: teams 'backend', 'infra' and 'sre' would all become 'backend'"])
        #expect(try warnings("version: 1\nteams:\n  merge:\n    backend: {from: [backend, infra, sre]}\n").isEmpty)
    }

    @Test func projectsCollideToo() {
        #expect(
            problems("version: 1\nprojects:\n  rename: {ios: mobile, android: mobile}\n") == [
                """
                m.yaml:3:34: error: projects 'android' and 'ios' would both become 'mobile'
                  next: give each project its own slug, or exclude all but one
                """
            ])
    }

    @Test func aTeamIsMappedOnce() {
        let yaml = """
            version: 1
            teams:
              rename: {infra: platform-infra}
              merge:
                platform: {from: [infra, sre, sre]}
              exclude: [sre]
            """
        #expect(
            messages(yaml) == [
                "m.yaml:5:23: error: team 'infra' in teams.merge.platform is already mapped by teams.rename (3:12)",
                "m.yaml:5:30: error: team 'sre' in teams.merge.platform is excluded by teams.exclude (6:13)",
                "m.yaml:5:35: error: team 'sre' is listed twice in teams.merge.platform.from",
            ])
    }

    @Test func slugsFollowSentrysRules() {
        let yaml = """
            version: 1
            organization: {slug: acme_corp}
            teams:
              rename: {payments: Billing, data: "2024", mobile: \(String(repeating: "m", count: 51))}
              merge:
                "platform team": {from: [infra]}
            projects:
              rename: {api: "api v2"}
            """
        #expect(
            messages(yaml) == [
                "m.yaml:2:22: error: organization slug 'acme_corp' contains '_'; organization slugs use lowercase letters, digits and '-'",
                "m.yaml:4:22: error: new slug 'Billing' for team 'payments' contains 'B'; slugs use lowercase letters, digits, '-' and '_'",
                "m.yaml:4:37: error: new slug '2024' for team 'data' is only digits",
                "m.yaml:4:53: error: new slug '\(String(repeating: "m", count: 51))' for team 'mobile' is 51 characters long; the portable limit is 50",
                "m.yaml:6:5: error: merge target slug 'platform team' contains ' '; slugs use lowercase letters, digits, '-' and '_'",
                "m.yaml:8:17: error: new slug 'api v2' for project 'api' contains ' '; slugs use lowercase letters, digits, '-' and '_'",
            ])
    }

    @Test func snapshotSlugsThatSelfHostedRejectsMustBeRenamed() {
        var snapshot = SampleOrganization.compatible
        let long = String(repeating: "p", count: 60)
        snapshot.projects.append(Project(slug: long, name: "Long"))
        #expect(
            problems("version: 1\nprojects:\n  exclude: [\"sandbox-*\"]\n", against: snapshot) == [
                """
                m.yaml:2:1: error: the snapshot's project slug '\(long)' is 60 characters long; the portable limit is 50
                  next: give it a new slug in projects.rename
                """
            ])
        #expect(problems("version: 1\nprojects:\n  rename: {\(long): long}\n", against: snapshot).isEmpty)
    }

    @Test func namesHaveSentrysLengths() {
        let name = String(repeating: "N", count: 65)
        #expect(
            messages("version: 1\nteams:\n  rename:\n    payments: {name: \(name)}\norganization: {name: \"  \"}\n")
                == [
                    "m.yaml:4:22: error: the new team name '\(name)' is 65 characters long; Sentry allows 64",
                    "m.yaml:5:22: error: organization.name is empty",
                ])
    }

    @Test func billingMustBeMapped() {
        #expect(
            problems("version: 1\n", against: SampleOrganization.snapshot)
                == [
                    """
                    m.yaml:1:1: error: member 'erin@acme.io' has role 'billing', which self-hosted Sentry lacks
                      next: map it in members.roles, for example 'billing: member'
                    """
                ])
        #expect(
            problems("version: 1\nmembers:\n  roles: {billing: member}\n", against: SampleOrganization.snapshot).isEmpty
        )
    }

    @Test func rolesMustExistInSelfHosted() {
        #expect(
            problems(
                "version: 1\nmembers:\n  roles: {billing: ownr}\n  teamRoles: {contributor: lead}\n",
                against: SampleOrganization.snapshot)
                == [
                    """
                    m.yaml:2:1: error: member 'erin@acme.io' has role 'billing', which self-hosted Sentry lacks
                      next: map it in members.roles, for example 'billing: member'
                    """,
                    """
                    m.yaml:3:20: error: role 'ownr' in members.roles does not exist in self-hosted Sentry (did you mean 'owner'?)
                      next: use one of member, admin, manager, owner
                    """,
                    """
                    m.yaml:4:28: error: team role 'lead' in members.teamRoles does not exist in self-hosted Sentry
                      next: use one of contributor, admin
                    """,
                ])
    }

    @Test func unmappedTeamRolesAreCountedPerRole() {
        var snapshot = SampleOrganization.compatible
        for index in snapshot.members.indices {
            snapshot.members[index].teams = snapshot.members[index].teams.map {
                TeamMembership(slug: $0.slug, role: "lead")
            }
        }
        #expect(
            messages("version: 1\n", against: snapshot)
                == [
                    "m.yaml:1:1: error: 8 members (first: 'alice@acme.io') have team role 'lead', which self-hosted Sentry lacks"
                ])
    }

    @Test func aRoleNobodyHasIsAWarning() throws {
        let found = try warnings("version: 1\nmembers:\n  roles: {biling: member}\n")
        #expect(
            found
                == ["m.yaml:3:11: warning: no member has role 'biling'; members.roles.biling changes nothing"])
    }

    @Test func wavesCannotNameExcludedOrUnknownTeams() throws {
        let yaml = """
            version: 1
            teams:
              exclude: ["legacy-*"]
              rename: {payments: billing}
            ownership:
              unknownOwners: drop
            waves:
              first:
                teams: [legacy-ops, paymants, billing]
            """
        #expect(
            problems(yaml) == [
                """
                m.yaml:9:13: error: team 'legacy-ops' in waves.first.teams is excluded by teams.exclude (3:13)
                  next: remove it from the wave or from teams.exclude
                """,
                "m.yaml:9:25: error: team 'paymants' in waves.first.teams is not in the snapshot or the mapping (did you mean 'payments'?)",
            ])
        #expect(
            try warnings(
                "version: 1\nteams:\n  rename: {payments: billing}\nwaves:\n  w: {teams: [billing, payments]}\n")
                == ["m.yaml:5:24: warning: team 'payments' is already in wave 'w'"])
    }

    @Test func excludedEntitiesCannotBeConfigured() {
        let yaml = """
            version: 1
            projects:
              exclude: ["sandbox-*"]
              platform: {sandbox-alice: python}
            filters:
              projects:
                sandbox-alice: {localhost: true}
            keys:
              rateLimits:
                keys: {000000000000000000000000000000a7: none}
            members:
              exclude: [heidi@acme.io]
              email: {heidi@acme.io: h@acme.io}
            """
        #expect(
            messages(yaml) == [
                "m.yaml:4:14: error: project 'sandbox-alice' in projects.platform is excluded by projects.exclude (3:13)",
                "m.yaml:7:5: error: project 'sandbox-alice' in filters.projects is excluded by projects.exclude (3:13)",
                "m.yaml:10:12: error: client key '000000000000000000000000000000a7' belongs to project 'sandbox-alice', excluded by projects.exclude (3:13)",
                "m.yaml:13:11: error: member 'heidi@acme.io' in members.email is excluded by members.exclude (12:13)",
            ])
    }

    @Test func twoMembersCannotShareAnEmail() {
        #expect(
            problems("version: 1\nmembers:\n  email: {alice@acme.io: Bob@Acme.io}\n") == [
                """
                m.yaml:3:26: error: members 'alice@acme.io' and 'bob@acme.io' would both become 'bob@acme.io'
                  next: Sentry has one membership per e-mail: exclude one of them in members.exclude
                """
            ])
        #expect(
            messages("version: 1\nmembers:\n  email: {alice@acme.io: alice}\n")
                == ["m.yaml:3:26: error: new e-mail 'alice' for member 'alice@acme.io' is not an e-mail address"])
    }

    @Test func pendingInvitesStayInvitesUnlessPromoted() throws {
        #expect(
            problems("version: 1\nmembers:\n  identity:\n    members: {grace@acme.io: create}\n") == [
                """
                m.yaml:4:30: error: member 'grace@acme.io' is a pending invite, so it stays an invite; 'create' cannot apply
                  next: set 'members.pendingInvites: promote' to treat pending invites as members
                """
            ])
        #expect(
            try warnings(
                "version: 1\nmembers:\n  pendingInvites: promote\n  identity:\n    members: {grace@acme.io: create}\n"
            ).isEmpty)
    }

    @Test func unknownOwnersAreErrorsByDefault() {
        #expect(
            problems("version: 1\nteams:\n  exclude: [legacy-ops]\nmembers:\n  exclude: [\"*@contractor.example\"]\n")
                == [
                    """
                    snap/ownership.json: error: project 'api', rules 5:40: owner 'frank@contractor.example' is unknown: member 'frank@contractor.example' is excluded by members.exclude (5:13)
                      next: map it (teams.rename, teams.merge, members.email), or set 'ownership.unknownOwners: drop' or 'keep'
                    """,
                    """
                    snap/ownership.json: error: project 'api', rules 5:65: owner '#legacy-ops' is unknown: team 'legacy-ops' is excluded by teams.exclude (3:13)
                      next: map it (teams.rename, teams.merge, members.email), or set 'ownership.unknownOwners: drop' or 'keep'
                    """,
                ])
        #expect(
            problems("version: 1\nteams:\n  exclude: [legacy-ops]\nownership:\n  unknownOwners: keep\n").isEmpty)
    }

    /// Sentry keeps a rule's text when a member leaves: owners sentry.io itself does not resolve are
    /// the hosted state, kept as written and reported once per owner, not per rule.
    @Test func ownersSentryDoesNotResolveAreKeptAndReportedOncePerOwner() throws {
        var snapshot = SampleOrganization.compatible
        snapshot.ownership[0].raw = "*.py #ghosts nobody@acme.io\n\turl:x #backend\n*.go Nobody@acme.io\n"
        let stale =
            "is already unresolved on sentry.io: no team or member of the export has it, so Sentry "
            + "ignores it there too; kept as written"
        #expect(
            try warnings("version: 1\n", against: snapshot).sorted() == [
                "snap/ownership.json: warning: owner '#ghosts' (1 rule in project 'api') " + stale,
                "snap/ownership.json: warning: owner 'nobody@acme.io' (2 rules in project 'api') " + stale,
                "snap/ownership.json: warning: project 'api', rules line 2: Sentry's ownership grammar rejects this line; it is left as it is",
            ])
        let output = try Transformer.transform(
            mappingText: "version: 1\n", mappingPath: "m.yaml", snapshot: snapshot, snapshotPath: "snap")
        #expect(output.snapshot.ownership.first { $0.project == "api" }?.raw == snapshot.ownership[0].raw)
        // Dropping them is still a choice: rules left without an owner become comments.
        let dropped = try Transformer.transform(
            mappingText: "version: 1\nownership:\n  unknownOwners: drop\n", mappingPath: "m.yaml", snapshot: snapshot,
            snapshotPath: "snap")
        let raw = try #require(dropped.snapshot.ownership.first { $0.project == "api" }?.raw)
        #expect(raw == "# *.py #ghosts nobody@acme.io\n\turl:x #backend\n# *.go Nobody@acme.io\n")
    }

    @Test func renamedOwnersWithoutRewriteAreUnknown() {
        #expect(
            messages("version: 1\nteams:\n  rename: {frontend: web}\nownership:\n  rewrite: false\n") == [
                "snap/ownership.json: error: project 'web', rules 1:6: owner '#frontend' is unknown: team 'frontend' becomes 'web' and ownership.rewrite is false",
                "snap/ownership.json: error: project 'web', rules 3:33: owner '#frontend' is unknown: team 'frontend' becomes 'web' and ownership.rewrite is false",
            ])
    }

    @Test func keysPreserveFalseMakesRateLimitsPointless() throws {
        #expect(
            try warnings("version: 1\nkeys:\n  preserve: false\n  rateLimits: {projects: {api: none}}\n")
                == [
                    "m.yaml:3:13: warning: keys.preserve is false, so no client key is migrated and keys.rateLimits changes nothing"
                ])
    }
}
