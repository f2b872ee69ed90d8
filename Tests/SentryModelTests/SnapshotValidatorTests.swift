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
}
