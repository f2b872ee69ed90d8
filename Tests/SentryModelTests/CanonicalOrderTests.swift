import Testing

@testable import SentryModel

/// `Snapshot.canonicalized()`: every list and every list inside an entity that has a canonical order
/// comes out in it whatever order it came in, a snapshot already in order comes out unchanged, and
/// empty settings and environments are the same as none.
@Suite struct CanonicalOrderTests {
    /// The sample snapshot with every ordered list reversed, outer and inner.
    private static func scrambled(_ snapshot: Snapshot) -> Snapshot {
        var copy = snapshot
        copy.teams.reverse()
        copy.members = copy.members.map {
            var member = $0
            member.teams.reverse()
            return member
        }.reversed()
        copy.projects = copy.projects.map {
            var project = $0
            project.teams.reverse()
            return project
        }.reversed()
        copy.keys.reverse()
        copy.filters.reverse()
        copy.ownership.reverse()
        copy.secrets.reverse()
        copy.projectSecrets.reverse()
        copy.rules.reverse()
        copy.metricAlerts = copy.metricAlerts.map {
            var alert = $0
            alert.projects.reverse()
            alert.eventTypes.reverse()
            return alert
        }.reversed()
        return copy
    }

    @Test func anyOrderGivesTheCanonicalOne() {
        let canonical = SampleSnapshot.make().canonicalized()
        // The sample must have something to put in order, inside entities too.
        #expect(canonical.teams.count > 1 && canonical.members.count > 1 && canonical.keys.count > 1)
        #expect(canonical.members.contains { $0.teams.count > 1 })
        let scrambled = Self.scrambled(canonical)
        #expect(scrambled != canonical)
        #expect(scrambled.canonicalized() == canonical)
        #expect(canonical.canonicalized() == canonical)

        #expect(canonical.teams.map(\.slug).isInOrder(by: { $0.utf8Precedes($1) }))
        #expect(canonical.members.map(\.email).isInOrder(by: { $0.utf8Precedes($1) }))
        for member in canonical.members { #expect(member.teams.map(\.slug).isInOrder(by: { $0.utf8Precedes($1) })) }
        #expect(canonical.projects.map(\.slug).isInOrder(by: { $0.utf8Precedes($1) }))
        for project in canonical.projects { #expect(project.teams.isInOrder(by: { $0.utf8Precedes($1) })) }
        #expect(canonical.secrets.map(\.publicKey).isInOrder(by: { $0.utf8Precedes($1) }))
    }

    @Test func emptySettingsAndEnvironmentsAreNone() {
        var snapshot = SampleSnapshot.make().canonicalized()
        #expect(!snapshot.projects.isEmpty)
        let before = snapshot
        snapshot.organization.settings = SettingValues()
        snapshot.projects[0].settings = SettingValues()
        snapshot.projects[0].environments = [:]
        var expected = before
        expected.organization.settings = nil
        expected.projects[0].settings = nil
        expected.projects[0].environments = nil
        #expect(snapshot.canonicalized() == expected)
    }
}

extension CanonicalOrderTests {
    /// A snapshot in order is not copied: its lists keep their storage (a copy of 50,000 members was
    /// 40 ms of a large plan's one-thread tail). The copy that prompted this came from the optimizer
    /// (a list made unique ahead of a loop that might write it), so this debug-build test guards the
    /// code's shape; the release profile in docs/performance.md is the evidence that it holds there.
    @Test func aSnapshotInOrderKeepsItsStorage() {
        let canonical = SampleSnapshot.make().canonicalized()
        let again = canonical.canonicalized()
        func same<Element>(_ first: [Element], _ second: [Element]) -> Bool {
            first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
            }
        }
        #expect(same(canonical.members, again.members))
        #expect(same(canonical.teams, again.teams))
        #expect(same(canonical.projects, again.projects))
        #expect(same(canonical.keys, again.keys))
        #expect(same(canonical.filters, again.filters))
        #expect(same(canonical.secrets, again.secrets))
    }
}
