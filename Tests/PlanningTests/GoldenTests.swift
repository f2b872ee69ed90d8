import Foundation
import SentryModel
import Testing

@testable import Planning

/// The three renderings of the fixture plan, byte for byte.
@Suite struct GoldenTests {
    @Test func text() throws {
        try Golden.check(PlanText.render(try PlanFixture.plan()), against: "plan.txt")
    }

    @Test func textWithColour() throws {
        let coloured = PlanText.render(try PlanFixture.plan(), colour: true)
        #expect(coloured.contains("\u{1B}[32m+ api"))
        #expect(coloured.contains("\u{1B}[33m~ docs"))
        let plain = coloured.replacing(/\x{1B}\[[0-9]+m/, with: "")
        #expect(plain == PlanText.render(try PlanFixture.plan()))
    }

    @Test func markdown() throws {
        let parts = PlanMarkdown.render(try PlanFixture.plan())
        try #require(parts.count == 1)
        try Golden.check(parts[0], against: "plan.md")
    }

    @Test func json() throws {
        try Golden.check(try PlanJSON.render(try PlanFixture.plan()), against: "plan.json")
    }

    @Test func noChanges() throws {
        let plan = try PlanFixture.plan(desired: PlanFixture.current)
        try Golden.check(PlanText.render(plan), against: "no-changes.txt")
    }

    @Test func newOrganization() throws {
        let plan = try PlanFixture.plan(current: nil, facts: TargetFacts())
        try Golden.check(PlanText.render(plan), against: "new-organization.txt")
    }

    @Test func jsonRoundTripsAsAPlan() throws {
        let plan = try PlanFixture.plan()
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(try PlanJSON.render(plan).utf8))
        #expect(decoded == plan)
    }
}
