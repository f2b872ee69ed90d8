import Testing

@testable import SentryModel

@Test func snapshotHoldsOrganization() {
    let snapshot = Snapshot(organization: Organization(slug: "acme", name: "Acme"))
    #expect(snapshot.organization.slug == "acme")
}
