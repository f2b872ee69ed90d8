import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Hosted data never reaches the terminal raw: a newline in a name cannot forge a line of the plan,
/// an escape sequence cannot rewrite the screen, and `status` columns fit what they hold.
@Suite(.requiresDatabase) struct HostileOutputTests {
    static let forged = "Real\nPlan: 0 to create, 0 to update, 0 to delete, 0 kept.\u{1b}[2J\r"

    @Test func aNewlineInANameCannotForgeAPlanLine() throws {
        try HostileTarget.with(.v26) { target in
            var desired = DesiredOrganization.snapshot
            desired.teams[0].name = Self.forged
            let result = try target.plan(try target.write(desired))
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.filter { $0.hasPrefix("Plan: ") }.count == 1, "\(result.stdout)")
            #expect(!lines.contains { $0.hasPrefix("Plan: 0 to create") })
            for output in [result.stdout, result.stderr] {
                #expect(!output.contains("\u{1b}"))
                #expect(!output.contains("\r"))
            }
        }
    }

    @Test func statusEscapesAndSizesItsColumns() throws {
        try HostileTarget.with(.v24) { target in
            var desired = DesiredOrganization.snapshot
            desired.organization.slug = DesiredOrganization.longSlug
            desired = desired.canonicalized()
            let plan = try ApplyScratch.plan(desired, on: target.database, stages: [.organization, .teams])
            try target.database.apply(
                ApplyRequest(
                    plan: plan, planDigest: "d1", planPath: "plans/\u{1b}[31mred\nPlan: forged.json", desired: desired))
            let result = try SentryMigrateBinary.run(["status", "--database", target.url])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("\u{1b}"))
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3, "a header and two stages, one line each:\n\(result.stdout)")
            #expect(lines.allSatisfy { $0.contains("\\u{1b}[31mred\\nPlan: forged.json") || $0.hasPrefix("WHEN") })
            // Every row's STAGE column starts where the header's does, however long the slug.
            let column = try #require(lines[0].range(of: "STAGE")).lowerBound.utf16Offset(in: lines[0])
            for line in lines.dropFirst() {
                let stage = try #require(line.range(of: "organization ") ?? line.range(of: "teams "))
                #expect(stage.lowerBound.utf16Offset(in: line) == column, "\(result.stdout)")
                #expect(line.contains(DesiredOrganization.longSlug))
            }
        }
    }
}
