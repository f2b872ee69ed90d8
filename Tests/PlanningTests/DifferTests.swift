import SentryModel
import Testing

@testable import Planning

/// The diff engine on small snapshots: every kind and action, the outcomes, waves, stages and prune.
@Suite struct DifferTests {
    private let org = Organization(slug: "acme", name: "Acme")

    private func diff(
        _ desired: Snapshot, _ current: Snapshot?, facts: TargetFacts = TargetFacts(),
        selection: Plan.Selection = Plan.Selection(), wave: Wave? = nil
    ) throws -> [EntityChange] {
        try Differ.changes(desired: desired, current: current, facts: facts, selection: selection, wave: wave)
    }

    @Test func equalSnapshotsHaveNoChanges() throws {
        #expect(try diff(PlanFixture.desired, PlanFixture.desired).isEmpty)
        #expect(try diff(PlanFixture.current, PlanFixture.current).isEmpty)
    }

    @Test func provenanceIdsAreNotChanges() throws {
        var current = PlanFixture.desired
        current.organization.hostedId = "999"
        current.teams[0].hostedId = "1"
        current.members[0].hostedId = "2"
        current.members[1].identity = nil
        #expect(try diff(PlanFixture.desired, current).isEmpty)
    }

    @Test func aMissingOrganizationMakesEverythingACreation() throws {
        let changes = try diff(PlanFixture.desired, nil)
        #expect(changes.allSatisfy { $0.action == .create })
        let desired = PlanFixture.desired
        #expect(
            changes.count
                == 1 + desired.teams.count + desired.members.count + desired.projects.count + desired.keys.count
                + desired.filters.count + desired.ownership.count)
        let organization = try #require(changes.first)
        #expect(organization.stage == .organization && organization.key == "acme")
        #expect(
            organization.fields.contains(FieldChange(field: "name", before: nil, after: .string("Ācme “New” Corp"))))
        #expect(!organization.fields.contains { $0.field == "slug" || $0.field == "hostedId" })
    }

    @Test func changesComeInStageOrderThenKeyOrder() throws {
        let changes = try diff(PlanFixture.desired, PlanFixture.current)
        let order = changes.map { (Stage.allCases.firstIndex(of: $0.stage)!, Array($0.key.utf8)) }
        #expect(
            order.map(\.0) == order.map(\.0).sorted()
                && zip(order, order.dropFirst()).allSatisfy { $0.0 != $1.0 || $0.1.lexicographicallyPrecedes($1.1) })
    }

    @Test(arguments: Stage.allCases) func everyKindCreatesUpdatesKeepsAndDeletes(stage: Stage) throws {
        let (desired, current) = Self.pair(for: stage, org: org)
        let changes = try diff(desired, current, selection: Plan.Selection(stages: [stage]))
        // Rules and metric alerts are keyed `project/name#ordinal`.
        func name(_ key: String) -> String {
            stage == .rules || stage == .metricAlerts ? String(key.dropFirst(2).dropLast(2)) : key
        }
        let actions = Dictionary(uniqueKeysWithValues: changes.map { (name($0.key), $0.action) })
        if stage == .organization {
            #expect(actions == ["acme": .update])
            return
        }
        #expect(actions == ["new": .create, "same": nil, "changed": .update, "old": .keep].compactMapValues { $0 })
        let pruned = try diff(desired, current, selection: Plan.Selection(stages: [stage], prune: true))
        // Prune never deletes issue alert rules in this version: they are kept.
        #expect(pruned.first { name($0.key) == "old" }?.action == (stage == .rules ? .keep : .delete))
        #expect(pruned.filter { name($0.key) != "old" } == changes.filter { name($0.key) != "old" })
        #expect(changes.allSatisfy { $0.stage == stage })
    }

    /// Prune removes filters and ownership only with their project: apply cannot remove a kept
    /// project's filters (they have no row of their own), so a delete would be planned forever.
    @Test func pruneKeepsTheFiltersAndOwnershipOfAKeptProject() throws {
        var desired = Snapshot(organization: org)
        desired.projects = [Project(slug: "kept", name: "K")]
        var current = desired
        current.projects.append(Project(slug: "gone", name: "G"))
        current.filters = ["kept", "gone"].map { InboundFilters(project: $0) }
        current.ownership = ["kept", "gone"].map { Ownership(project: $0, raw: "path:* #t") }
        let changes = try diff(desired, current, selection: Plan.Selection(prune: true))
        let actions = Dictionary(uniqueKeysWithValues: changes.map { ("\($0.stage.rawValue)/\($0.key)", $0.action) })
        #expect(
            actions == [
                "projects/gone": .delete, "filters/gone": .delete, "ownership/gone": .delete, "filters/kept": .keep,
                "ownership/kept": .keep,
            ])
        // Also when the plan covers only these stages: the desired projects still decide.
        let only = try diff(desired, current, selection: Plan.Selection(stages: [.filters, .ownership], prune: true))
        #expect(only.filter { $0.key == "kept" }.allSatisfy { $0.action == .keep })
    }

    @Test func fieldChangesNameBeforeAndAfter() throws {
        let changes = try diff(PlanFixture.desired, PlanFixture.current)
        let filters = try #require(changes.first { $0.stage == .filters })
        #expect(
            filters.fields == [
                FieldChange(
                    field: "errorMessages", before: .array([]),
                    after: .array([.string("ResizeObserver loop*"), .string("</details> ``` injected")])),
                FieldChange(
                    field: "legacyBrowsers", before: .bool(false), after: .array([.string("ie"), .string("safari")])),
            ])
        let ada = try #require(changes.first { $0.key == "ada@acme.example" })
        #expect(ada.action == .update)
        #expect(ada.fields == [FieldChange(field: "role", before: .string("member"), after: .string("admin"))])
        #expect(ada.identity == nil)
    }

    @Test func aChangedSecretIsADigestOnly() throws {
        let changes = try diff(PlanFixture.desired, PlanFixture.current)
        let docsKey = try #require(changes.first { $0.key == PlanFixture.docsKey })
        #expect(docsKey.action == .update)
        let field = try #require(docsKey.fields.first)
        #expect(docsKey.fields.count == 1 && field.field == "secretKey" && field.sensitive)
        #expect(field.before == nil && field.after == nil)
        #expect(field.beforeDigest == (try CanonicalJSON.digest(of: PlanFixture.secrets["docsOld"]!)))
        #expect(field.afterDigest == (try CanonicalJSON.digest(of: PlanFixture.secrets["docsNew"]!)))
        #expect(field.beforeDigest != field.afterDigest)
    }

    @Test func identityOutcomesFollowThePolicyAndTheUsers() throws {
        var desired = PlanFixture.desired
        desired.members += [
            Member(email: "must-link@acme.example", name: "L", role: "member", identity: .link),
            Member(email: "exists-create@acme.example", name: "E", role: "member", identity: .create),
            Member(email: "exists-invite@acme.example", name: "I", role: "member", identity: .invite),
            Member(email: "pending-create@acme.example", name: "P", role: "member", pending: true, identity: .create),
        ]
        var facts = PlanFixture.facts
        facts.usersByEmail["exists-create@acme.example"] = 40
        facts.usersByEmail["exists-invite@acme.example"] = 41
        let changes = try diff(desired, PlanFixture.current, facts: facts)
        func outcome(_ email: String) -> IdentityOutcome? { changes.first { $0.key == email }?.identity }
        #expect(outcome("linked@acme.example") == IdentityOutcome(policy: .link, existingUserId: 12))
        #expect(outcome("invitee@acme.example") == IdentityOutcome(policy: .invite))
        #expect(outcome("created@acme.example") == IdentityOutcome(policy: .create))
        #expect(outcome("pending@partner.example") == IdentityOutcome(policy: .invite))
        #expect(outcome("must-link@acme.example") == IdentityOutcome(policy: .link))
        #expect(
            changes.first { $0.key == "must-link@acme.example" }?.notes.first?.contains("no self-hosted user") == true)
        #expect(outcome("exists-create@acme.example") == IdentityOutcome(policy: .link, existingUserId: 40))
        #expect(outcome("exists-invite@acme.example") == IdentityOutcome(policy: .invite))
        #expect(outcome("pending-create@acme.example") == IdentityOutcome(policy: .invite))
    }

    @Test func aPendingMemberWhoJoinedGetsAnIdentity() throws {
        var current = PlanFixture.current
        current.members[0].pending = true
        let changes = try diff(PlanFixture.desired, current, facts: PlanFixture.facts)
        let ada = try #require(changes.first { $0.key == "ada@acme.example" })
        #expect(ada.identity == IdentityOutcome(policy: .link, existingUserId: 9))
        #expect(ada.fields.contains(FieldChange(field: "pending", before: .bool(true), after: .bool(false))))
    }

    /// Apply can only invite someone without a user; until they accept, the invite is what was wanted.
    @Test func anAppliedInviteAwaitingAcceptanceIsNoChange() throws {
        let wanted = Member(email: "new@acme.example", name: "New Person", role: "member")
        let invited = Member(email: "new@acme.example", name: "new@acme.example", role: "member", pending: true)
        let desired = Snapshot(organization: org, members: [wanted])
        #expect(try diff(desired, Snapshot(organization: org, members: [invited])).isEmpty)

        // Once a user with the e-mail exists, linking is possible and the plan says so.
        let facts = TargetFacts(usersByEmail: ["new@acme.example": 77])
        let changes = try diff(desired, Snapshot(organization: org, members: [invited]), facts: facts)
        #expect(changes.first?.identity == IdentityOutcome(policy: .link, existingUserId: 77))

        // A role change on a waiting invite is still a change.
        var promoted = wanted
        promoted.role = "admin"
        let roleChange = try diff(
            Snapshot(organization: org, members: [promoted]), Snapshot(organization: org, members: [invited]))
        #expect(roleChange.first?.fields.map(\.field) == ["role"])
    }

    /// A linked user's name is the person's own; linking does not rename them.
    @Test func aMemberNameIsNotAChangeOnceTheMemberExists() throws {
        let wanted = Member(email: "alice@acme.example", name: "Alice", role: "owner")
        var linked = wanted
        linked.name = "alice@acme.example"
        #expect(
            try diff(Snapshot(organization: org, members: [wanted]), Snapshot(organization: org, members: [linked]))
                .isEmpty)
        let created = try diff(Snapshot(organization: org, members: [wanted]), Snapshot(organization: org))
        #expect(
            created.first?.fields.contains(FieldChange(field: "name", before: nil, after: .string("Alice"))) == true)
    }

    @Test func dsnOutcomesNameEveryCollision() throws {
        var facts = PlanFixture.facts
        facts.secretKeyHolders[PlanFixture.apiKey] = TargetFacts.Holder(
            organization: "third", project: "p", publicKey: "e0000000000000000000000000000005")
        let changes = try diff(PlanFixture.desired, PlanFixture.current, facts: facts)
        func dsn(_ key: String) -> DSNOutcome? { changes.first { $0.key == key }?.dsn }
        #expect(dsn("docs") == DSNOutcome(preserved: true, projectId: 77))
        let web = try #require(dsn("web"))
        #expect(!web.preserved && web.projectId == nil)
        #expect(web.reason?.contains("project id 9002 is taken by other-org/site") == true)
        #expect(dsn(PlanFixture.webKey)?.preserved == false)
        #expect(dsn(PlanFixture.takenKey)?.reason?.contains("is already a key of other-org/site") == true)
        #expect(dsn(PlanFixture.apiKey)?.reason == "its secret key is already used by key e0000000… of third/p")
        #expect(dsn(PlanFixture.docsKey) == DSNOutcome(preserved: true, projectId: 77))
        let api = try #require(dsn("api"))
        #expect(!api.preserved && api.projectId == 4321)
    }

    @Test func freeIdsAndKeysAreKept() throws {
        let changes = try diff(PlanFixture.desired, PlanFixture.current, facts: TargetFacts())
        for change in changes where change.stage == .projects || change.stage == .keys {
            #expect(change.dsn?.preserved == true, "\(change.key): \(change.dsn?.reason ?? "")")
        }
        #expect(changes.first { $0.key == "api" }?.dsn?.projectId == 4321)
    }

    @Test func aProjectOnTheTargetUnderAnotherIdLosesItsDSNs() throws {
        var current = PlanFixture.current
        current.projects[0].hostedId = "5"
        let changes = try diff(PlanFixture.desired, current)
        let docs = try #require(changes.first { $0.key == "docs" })
        #expect(
            docs.dsn
                == DSNOutcome(
                    preserved: false, projectId: 5, reason: "the project is already on the target with id 5, not 77"))
        #expect(changes.first { $0.key == PlanFixture.docsKey }?.dsn?.preserved == false)
    }

    @Test func aKeyMovedToAnotherProjectLosesItsDSN() throws {
        var desired = PlanFixture.desired
        desired.keys[0].hostedProjectId = "999"
        let changes = try diff(desired, PlanFixture.current, facts: TargetFacts())
        #expect(
            changes.first { $0.key == PlanFixture.apiKey }?.dsn?.reason
                == "it was a key of hosted project 999; here its project id is 4321")
    }

    @Test func stagesSelectKinds() throws {
        let changes = try diff(
            PlanFixture.desired, PlanFixture.current, selection: Plan.Selection(stages: [.teams, .ownership]))
        #expect(Set(changes.map(\.stage)) == [.teams, .ownership])
        #expect(changes.count == 4)
    }

    @Test func aWaveRestrictsEveryStageButTheOrganization() throws {
        let wave = Wave(name: "payments", teams: ["payments"])
        let changes = try diff(PlanFixture.desired, PlanFixture.current, facts: PlanFixture.facts, wave: wave)
        let keys = changes.map { "\($0.stage.rawValue)/\($0.key)" }
        #expect(
            keys == [
                "organization/acme", "teams/payments", "members/created@acme.example",
                "members/pending@partner.example", "projects/web", "keys/\(PlanFixture.webKey)",
            ])
    }

    @Test func aWaveLeavesOtherWavesTeamsForLater() throws {
        var desired = PlanFixture.desired
        desired.members[1].teams.append(TeamMembership(slug: "later"))
        desired.teams.append(Team(slug: "later", name: "Later"))
        desired.projects[2].teams.append("later")
        let changes = try diff(desired, PlanFixture.current, wave: Wave(name: "payments", teams: ["payments"]))
        let created = try #require(changes.first { $0.key == "created@acme.example" })
        #expect(created.fields.first { $0.field == "teams" }?.after == .array([.object(["slug": .string("payments")])]))
        #expect(created.notes.contains("teams outside this wave are left for their own wave: later"))
        let web = try #require(changes.first { $0.key == "web" })
        #expect(web.fields.first { $0.field == "teams" }?.after == .array([.string("payments")]))
        #expect(!changes.contains { $0.key == "later" })
    }

    @Test func aWaveIncludesTargetOnlyEntitiesOfItsTeams() throws {
        var current = PlanFixture.current
        current.members.append(
            Member(email: "old@acme.example", name: "Old", role: "member", teams: [TeamMembership(slug: "frontend")]))
        let changes = try diff(PlanFixture.desired, current, wave: Wave(name: "front", teams: ["frontend"]))
        #expect(changes.first { $0.key == "old@acme.example" }?.action == .keep)
        #expect(!changes.contains { $0.key == "gone@acme.example" || $0.key == "legacy" })
    }

    /// A desired/current pair for one kind with keys `same`, `changed`, `new` (desired only) and
    /// `old` (current only).
    static func pair(for stage: Stage, org: Organization) -> (Snapshot, Snapshot) {
        var desired = Snapshot(organization: org)
        var current = Snapshot(organization: org)
        func key(_ name: String) -> String { name }
        switch stage {
        case .organization:
            current.organization.name = "Old name"
        case .teams:
            desired.teams = [
                Team(slug: "changed", name: "B"), Team(slug: "new", name: "N"), Team(slug: "same", name: "S"),
            ]
            current.teams = [
                Team(slug: "changed", name: "A"), Team(slug: "old", name: "O"), Team(slug: "same", name: "S"),
            ]
        case .members:
            desired.members = ["changed", "new", "same"].map { Member(email: $0, name: $0, role: "admin") }
            current.members = ["changed", "old", "same"].map {
                Member(email: $0, name: $0, role: $0 == "changed" ? "member" : "admin")
            }
        case .projects:
            desired.projects = ["changed", "new", "same"].map { Project(slug: $0, name: "P") }
            current.projects = ["changed", "old", "same"].map { Project(slug: $0, name: $0 == "changed" ? "Q" : "P") }
        case .keys:
            desired.keys = ["changed", "new", "same"].map { ClientKey(project: "p", label: "L", publicKey: $0) }
            current.keys = ["changed", "old", "same"].map {
                ClientKey(project: "p", label: "L", publicKey: $0, active: $0 != "changed")
            }
        case .filters:
            desired.filters = ["changed", "new", "same"].map { InboundFilters(project: $0, localhost: true) }
            current.filters = ["changed", "old", "same"].map { InboundFilters(project: $0, localhost: $0 != "changed") }
        case .ownership:
            desired.ownership = ["changed", "new", "same"].map { Ownership(project: $0, raw: "path:* #t") }
            current.ownership = ["changed", "old", "same"].map {
                Ownership(project: $0, raw: $0 == "changed" ? nil : "path:* #t")
            }
        case .rules:
            desired.rules = ["changed", "new", "same"].map { IssueAlertRule(project: "p", name: $0, frequency: 30) }
            current.rules = ["changed", "old", "same"].map {
                IssueAlertRule(project: "p", name: $0, frequency: $0 == "changed" ? 60 : 30)
            }
        case .metricAlerts:
            func alert(_ name: String, window: Int) -> MetricAlert {
                MetricAlert(
                    projects: ["p"], name: name, timeWindow: window,
                    triggers: [MetricAlertTrigger(label: "critical", alertThreshold: 10)])
            }
            desired.metricAlerts = ["changed", "new", "same"].map { alert($0, window: 60) }
            current.metricAlerts = ["changed", "old", "same"].map { alert($0, window: $0 == "changed" ? 5 : 60) }
        }
        return (desired, current)
    }
}
