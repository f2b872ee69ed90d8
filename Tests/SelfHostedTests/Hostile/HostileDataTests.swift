import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Data the target cannot hold passes export and transform; `plan` finds it by rehearsing (exit 65,
/// naming the entity, no plan saved), and `apply` of a plan made without the rehearsal finds it
/// before its first stage writes. Never a half-applied plan.
@Suite(.requiresDatabase) struct HostileDataTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// What stderr must say (the entity and the column or reason).
        var fragments: [String]
        var change: @Sendable (inout Snapshot) -> Void
        var targetSQL: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a rate limit of 2^31 in an integer column",
            fragments: ["key 11234567…", "rate_limit_count is 2147483648"],
            change: {
                $0.keys[$0.keys.firstIndex { $0.publicKey.hasPrefix("1123") }!].rateLimit = RateLimit(
                    count: 2_147_483_648, window: 60)
            }),
        Case(
            name: "a member name longer than the user's name column",
            fragments: ["member alice@example.com", "auth_user.first_name is 300 characters long"],
            change: {
                $0.members[$0.members.firstIndex { $0.email == "alice@example.com" }!].name = String(
                    repeating: "n", count: 300)
            }),
        Case(
            name: "a NUL in a team name",
            fragments: ["team frontend", "NUL"],
            change: { $0.teams[$0.teams.firstIndex { $0.slug == "frontend" }!].name = "Front\u{0}end" }),
        Case(
            name: "a NOT NULL column the writer does not fill",
            fragments: ["sentry_team has NOT NULL column(s) local_extra"], change: { _ in },
            targetSQL: "ALTER TABLE sentry_team ADD COLUMN local_extra integer NOT NULL"),
        Case(
            name: "a member to link with no user on the target",
            fragments: ["member 'nobody@example.com'", "there is none"],
            change: {
                $0.members.append(
                    Member(email: "nobody@example.com", name: "Nobody", role: "member", teams: [], identity: .link))
            }),
    ]

    @Test(arguments: SchemaFixture.allCases, cases)
    func planAndApplyFindItBeforeAnyWrite(_ fixture: SchemaFixture, _ hostile: Case) throws {
        try HostileTarget.with(fixture) { target in
            if let sql = hostile.targetSQL { try target.connect().executeScript(sql, activity: "altering the target") }
            var desired = DesiredOrganization.snapshot
            hostile.change(&desired)
            let folder = try target.write(desired.canonicalized())

            let plan = try target.plan(folder, ["--out", target.planPath])
            try target.expectRefusedBeforeAnyWrite(
                plan, status: .dataError, mentioning: hostile.fragments, journalBefore: 0)
            #expect(!FileManager.default.fileExists(atPath: target.planPath), "a plan that cannot apply was saved")

            let unrehearsed = try target.plan(folder, ["--out", target.planPath, "--no-rehearse"])
            #expect(unrehearsed.status == 0, "\(unrehearsed.stderr)")
            let apply = try target.apply()
            try target.expectRefusedBeforeAnyWrite(
                apply, status: .dataError, mentioning: hostile.fragments, journalBefore: 0)
        }
    }
}
