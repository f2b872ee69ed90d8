import Foundation
import SentryModel
import Testing

@testable import Planning

/// A self-hosted target already holds organization `sentry`, which single-organization mode serves:
/// the plan migrates into it when the mapping says so, and creates a second organization only when
/// the mapping chooses that.
@Suite struct OrganizationChoiceTests {
    static let served = TargetFacts.OrganizationRow(slug: "sentry", id: 1)
    static let installed = Snapshot(
        organization: Organization(slug: "sentry", name: "Sentry", hostedId: "1"),
        teams: [Team(slug: "sentry", name: "Sentry", hostedId: "1")],
        projects: [Project(slug: "internal", name: "Internal", teams: ["sentry"], hostedId: "1")])

    static func plan(_ organization: Organization, current: Snapshot?, organizations: [String] = ["sentry"]) throws
        -> Plan
    {
        try Planner.plan(
            desired: DesiredState(
                snapshot: Snapshot(
                    organization: organization, teams: [Team(slug: "backend", name: "Backend")],
                    projects: [Project(slug: "api", name: "API", teams: ["backend"])]),
                path: "desired", manifestSHA256: "m"),
            target: TargetState(
                location: "db", profile: "p", current: current,
                facts: TargetFacts(
                    organizations: organizations, defaultOrganization: organizations.isEmpty ? nil : served)),
            selection: Plan.Selection())
    }

    @Test func aNewOrganizationBesideTheDefaultOneIsRefusedUntilTheMappingChooses() throws {
        #expect {
            try Self.plan(Organization(slug: "acme", name: "Acme"), current: nil)
        } throws: { error in
            let text = "\(error)"
            return (error as? OrganizationChoiceError)?.exitStatus == .dataError
                && text.contains("organization 'acme' is not on the target, which holds 'sentry'")
                && text.contains("single-organization mode (self-hosted's default) serves 'sentry' (id 1)")
                && text.contains("'organization: {into: sentry}'")
                && text.contains("'organization: {alongside: true}'")
        }
    }

    @Test func anEmptyTargetNeedsNoChoice() throws {
        let plan = try Self.plan(Organization(slug: "acme", name: "Acme"), current: nil, organizations: [])
        let organization = try #require(plan.changes.first { $0.stage == .organization })
        #expect(organization.action == .create && organization.notes.isEmpty)
    }

    @Test func alongsideCreatesItAndWarnsInThePlan() throws {
        let plan = try Self.plan(Organization(slug: "acme", name: "Acme", alongside: true), current: nil)
        let organization = try #require(plan.changes.first { $0.stage == .organization })
        #expect(organization.action == .create)
        #expect(organization.notes.count == 1)
        #expect(organization.notes.first?.contains("a second organization") == true)
        #expect(organization.notes.first?.contains("keeps serving 'sentry' (id 1)") == true)
        #expect(!organization.fields.contains { ["into", "alongside"].contains($0.field) })
    }

    @Test func intoIsOneUpdateThatRenamesAndKeepsWhatTheOrganizationHas() throws {
        let plan = try Self.plan(Organization(slug: "acme", name: "Acme", into: "sentry"), current: Self.installed)
        let organization = try #require(plan.changes.first { $0.stage == .organization })
        #expect(organization.action == .update && organization.key == "acme")
        #expect(
            organization.fields.map(\.field) == ["name", "slug"],
            "slug and name change; into is the mapping's, not a field")
        let slug = try #require(organization.fields.first { $0.field == "slug" })
        #expect(slug.before == .string("sentry") && slug.after == .string("acme"))
        #expect(
            organization.notes == [
                "migrates into the self-hosted organization 'sentry' (id 1): it keeps its id, and its own teams, "
                    + "projects and members are kept (deleted only with --prune); it is the organization "
                    + "single-organization mode serves"
            ])
        #expect(plan.changes.contains { $0.stage == .teams && $0.key == "sentry" && $0.action == .keep })
        #expect(plan.changes.contains { $0.stage == .projects && $0.key == "internal" && $0.action == .keep })
        #expect(
            OrganizationChoice.adoptedSlug(Organization(slug: "acme", name: "Acme"), current: Self.installed)
                == "sentry")
    }

    @Test func onceAppliedTheOrganizationIsFoundByItsOwnSlugAndNothingIsLeft() throws {
        var applied = Self.installed
        applied.organization.slug = "acme"
        applied.organization.name = "Acme"
        let plan = try Self.plan(
            Organization(slug: "acme", name: "Acme", into: "sentry"), current: applied, organizations: ["acme"])
        #expect(!plan.changes.contains { $0.stage == .organization })
    }

    @Test func intoAnOrganizationTheTargetDoesNotHoldIsRefused() throws {
        #expect {
            try Self.plan(Organization(slug: "acme", name: "Acme", into: "default"), current: nil)
        } throws: { error in
            "\(error)".contains("the target holds neither 'default' nor 'acme'\n  why: it holds: sentry\n")
        }
    }

    @Test func targetSlugsLookUnderTheOwnSlugFirst() {
        #expect(Organization(slug: "acme", name: "A", into: "sentry").targetSlugs == ["acme", "sentry"])
        #expect(Organization(slug: "sentry", name: "A", into: "sentry").targetSlugs == ["sentry"])
        #expect(Organization(slug: "acme", name: "A").targetSlugs == ["acme"])
    }
}
