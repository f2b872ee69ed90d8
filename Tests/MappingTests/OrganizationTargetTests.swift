import Foundation
import SentryModel
import Testing

@testable import Mapping

/// `organization.into` and `organization.alongside`: which self-hosted organization the hosted one
/// becomes, carried to `plan` in the desired snapshot.
@Suite struct OrganizationTargetTests {
    @Test func intoIsCarriedWithTheMappedSlugAndName() throws {
        let output = try transformed("version: 1\norganization: {slug: acme, name: Acme, into: sentry}\n")
        #expect(output.snapshot.organization.slug == "acme")
        #expect(output.snapshot.organization.name == "Acme")
        #expect(output.snapshot.organization.into == "sentry")
        #expect(output.snapshot.organization.alongside == nil)
        #expect(
            output.explanations.contains {
                $0.rule == "organization.into"
                    && $0.change
                        == "migrates into the self-hosted organization 'sentry' (keeps its id, teams and projects)"
            })
    }

    @Test func alongsideIsCarriedOnlyWhenTrue() throws {
        #expect(
            try transformed("version: 1\norganization: {alongside: true}\n").snapshot.organization.alongside == true)
        #expect(
            try transformed("version: 1\norganization: {alongside: false}\n").snapshot.organization.alongside == nil)
        #expect(try transformed("version: 1\n").snapshot.organization.into == nil)
    }

    @Test func contradictionsAndBadSlugsAreErrors() {
        #expect(
            messages("version: 1\norganization: {into: sentry, alongside: true}\n") == [
                "m.yaml:2:41: error: organization.into and organization.alongside: true contradict each other"
            ])
        #expect(
            messages("version: 1\norganization: {into: Sentry_Org}\n") == [
                "m.yaml:2:22: error: organization.into 'Sentry_Org' contains 'S'; slugs use lowercase letters, digits, '-' and '_'"
            ])
        #expect(
            messages("version: 1\norganization: {alongside: yes}\n") == [
                "m.yaml:2:27: error: organization.alongside must be true or false, found 'yes'"
            ])
    }
}
