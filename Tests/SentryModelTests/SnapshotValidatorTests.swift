import Testing

@testable import SentryModel

/// Natural keys repeated inside the small lists (a member's or project's teams) and e-mails that
/// differ only in case, non-ASCII capitals included.
@Suite struct SnapshotValidatorTests {
    private func duplicateMessages(_ snapshot: Snapshot) -> [String] {
        SnapshotValidator.problems(in: SnapshotParts(snapshot), requireSecrets: false)
            .filter { $0.kind == .duplicateKey }.map { "\($0.file) \($0.jsonPath ?? "") \($0.message)" }
    }

    @Test func aTeamListedTwiceForOneMemberOrProjectIsReported() throws {
        var snapshot = SampleSnapshot.make()
        let team = try #require(snapshot.teams.first?.slug)
        let other = try #require(snapshot.teams.last?.slug)
        snapshot.members[0].teams = [
            TeamMembership(slug: team), TeamMembership(slug: other), TeamMembership(slug: team),
        ]
        snapshot.projects[0].teams = [other, other]
        #expect(
            duplicateMessages(snapshot) == [
                "members.json $[0].teams[2].slug duplicate team for this member '\(team)' (first at $[0].teams[0])",
                "projects.json $[0].teams[1] duplicate team for this project '\(other)' (first at $[0].teams[0])",
            ])
    }

    @Test func eMailsThatDifferOnlyInCaseAreOneMember() {
        var snapshot = SampleSnapshot.make()
        snapshot.members[0].email = "élodie@example.com"
        snapshot.members[1].email = "Élodie@Example.com"
        #expect(
            duplicateMessages(snapshot) == [
                "members.json $[1].email duplicate member e-mail 'élodie@example.com' (first at $[0]; e-mails compare without case)"
            ])
        #expect("Élodie@X.io".caseFolded == "élodie@x.io" && "plain@x.io".caseFolded == "plain@x.io")
    }

    /// Long lists in the writer's order are checked by comparing neighbours; a repeat in them, next to its
    /// twin or after a list in another order, or in case only, is still found.
    @Test(arguments: [
        (["a", "b", "c", "d", "e", "f", "g", "h", "h", "i"], "h", 7),
        (["b", "c", "d", "e", "f", "g", "h", "i", "j", "a", "c"], "c", 1),
        (["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "A"], "a", 0),
        (["A", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], "a", 0),
    ])
    func aRepeatInALongListIsFoundInAnyOrder(slugs: [String], repeated: String, first: Int) {
        let emails = slugs.map { "\($0)@example.com" }
        let members = emails.map { Member(email: $0, name: $0, role: "member", pending: true, teams: []) }
        var parts = SnapshotParts()
        parts.members = members
        parts.teams = slugs.map { Team(slug: $0, name: $0) }
        let found = SnapshotValidator.problems(in: parts, requireSecrets: false).filter { $0.kind == .duplicateKey }
        let caseOnly = slugs.contains("A")
        #expect(
            found.map(\.message)
                == (caseOnly ? [] : ["duplicate team slug '\(repeated)' (first at $[\(first)])"]) + [
                    "duplicate member e-mail '\(repeated)@example.com' (first at $[\(first)]; e-mails compare without case)"
                ])
    }

    @Test func aLongListInTheWritersOrderHasNoRepeat() {
        var parts = SnapshotParts()
        parts.teams = (0..<1000).map { Team(slug: "team-\($0)", name: "Team \($0)") }.sorted {
            $0.slug.utf8Precedes($1.slug)
        }
        #expect(SnapshotValidator.problems(in: parts, requireSecrets: false).isEmpty)
    }
}
