import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// A full apply on every profile leaves exactly the desired configuration, and a second plan is empty.
@Suite(.requiresDatabase) struct ApplyRoundTripTests {
    @Test(arguments: SchemaFixture.allCases)
    func appliesEverythingAndReadsItBack(_ fixture: SchemaFixture) throws {
        try roundTrip(fixture)
    }

    @Test func appliesOnThirtyTwoBitIds() throws {
        try roundTrip(.v24, smallInts: true)
    }

    @Test func appliesWhereProjectOptionsAreJSONB() throws {
        try roundTrip(.v25, jsonbProjectOptions: true)
    }

    private func roundTrip(_ fixture: SchemaFixture, smallInts: Bool = false, jsonbProjectOptions: Bool = false) throws
    {
        let desired = DesiredOrganization.snapshot
        // The fixture really reaches the oldest profile's limits.
        #expect(desired.organization.name.count == 64)
        #expect(desired.projects.map(\.name.count).max() == 200)
        #expect(desired.members.map(\.email.count).max() == 75)
        #expect(desired.keys.map(\.label.count).max() == 64)
        try ApplyScratch.withTarget(fixture, smallInts: smallInts, jsonbProjectOptions: jsonbProjectOptions) {
            _, database in
            let report = try ApplyScratch.planAndApply(desired, on: database)
            #expect(report.stages.map(\.stage) == Stage.allCases)
            #expect(report.staleCaches.isEmpty, "only new rows: no cache is stale")
            #expect(
                report.notes == [
                    "ownership web: #ghost-team: no such team or member user on the target; the rule keeps the owner without an id"
                ])

            let read = try ApplyScratch.read(database)
            expectSameConfiguration(read, desired)
            // Byte for byte, not just Unicode-equal.
            #expect(Array(read.organization.name.utf8) == Array(desired.organization.name.utf8))
            #expect(read.projects.map { Array($0.name.utf8) } == desired.projects.map { Array($0.name.utf8) })

            let again = try ApplyScratch.plan(desired, on: database).changes.filter { $0.action != .keep }
            #expect(again.isEmpty, "a second plan after apply has changes: \(again)")
            // The desired rules name a team that exists nowhere on purpose: it was already unresolved in the
            // desired snapshot (as on sentry.io), so verify's owner-resolves check exempts it: no violation.
            let violations = try database.checkInvariants(organization: "acme-io", desired: desired)
            #expect(violations == [])
        }
    }
}
