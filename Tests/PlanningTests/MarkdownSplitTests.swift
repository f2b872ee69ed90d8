import Foundation
import SentryModel
import Testing

@testable import Planning

/// Long plans split into comment-sized parts without losing or mangling a line.
@Suite struct MarkdownSplitTests {
    /// 3,000 new teams with long names: far more than one comment holds.
    private func bigPlan() throws -> Plan {
        var desired = PlanFixture.desired
        desired.teams = (0..<3000).map {
            Team(slug: String(format: "team-%04d", $0), name: "Team \($0) " + String(repeating: "x", count: 40))
        }
        return try PlanFixture.plan(desired: desired, current: nil, facts: TargetFacts())
    }

    @Test func everyPartStaysUnderTheLimit() throws {
        let parts = PlanMarkdown.render(try bigPlan())
        #expect(parts.count > 1)
        for (index, part) in parts.enumerated() {
            #expect(part.utf8.count < PlanMarkdown.commentLimit)
            #expect(part.hasPrefix("<!-- sentry-migrate plan: part \(index + 1) of \(parts.count) -->\n"))
            // Every part is well formed on its own: fences and <details> balance.
            let lines = part.split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("<details>") }.count == lines.filter { $0 == "</details>" }.count)
            #expect(part.components(separatedBy: "\n```").count % 2 == 1)
        }
        #expect(parts[0].contains("| Teams | 3000 | 0 | 0 | 0 |"))
        #expect(
            parts[1].hasPrefix(
                "<!-- sentry-migrate plan: part 2 of \(parts.count) -->\n### sentry-migrate plan for `acme` (part 2"))
        #expect(parts.filter { $0.contains("<details><summary>Teams: 3000 to create</summary>") }.count == 1)
        #expect(parts.filter { $0.contains("<details><summary>Teams: 3000 to create (continued)</summary>") }.count > 1)
    }

    @Test func splittingKeepsEveryLineInOrder() throws {
        let plan = try bigPlan()
        let lines = { (parts: [String]) in
            parts.joined().split(separator: "\n").filter { $0.hasPrefix("+ ") || $0.hasPrefix("    ") }
        }
        let whole = lines(PlanMarkdown.render(plan, limit: 100_000_000))
        let split = lines(PlanMarkdown.render(plan))
        #expect(whole.count > 6000)
        #expect(split == whole)
    }

    @Test(arguments: [1_000, 4_096, 65_536]) func smallLimitsHoldToo(limit: Int) throws {
        var desired = PlanFixture.desired
        desired.ownership[0].raw = (0..<400).map { "path:src/module\($0)/** #frontend" }.joined(separator: "\n")
        let parts = PlanMarkdown.render(try PlanFixture.plan(desired: desired), limit: limit)
        for part in parts { #expect(part.utf8.count < limit) }
        #expect(parts.joined().contains("path:src/module399/** #frontend"))
    }

    @Test func aSingleHugeLineIsCutNotDropped() throws {
        var desired = PlanFixture.desired
        desired.teams[0].name = String(repeating: "é", count: 5_000)
        let parts = PlanMarkdown.render(try PlanFixture.plan(desired: desired, current: nil), limit: 2_000)
        for part in parts { #expect(part.utf8.count < 2_000) }
        #expect(parts.joined().filter { $0 == "é" }.count == 5_000)
    }
}
