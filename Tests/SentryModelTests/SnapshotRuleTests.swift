import Foundation
import Testing

@testable import SentryModel

/// rules.json: written only when there are rules, read strictly, keys unique, references inside.
@Suite struct SnapshotRuleTests {
    @Test func aSnapshotWithoutRulesHasNoRulesFileAndReadsAsNone() throws {
        try withTemporaryDirectory { parent in
            var snapshot = SampleSnapshot.make()
            snapshot.rules = []
            let directory = try writeSample(snapshot, in: parent)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("rules.json").path))
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.snapshot.rules.isEmpty)
            #expect(loaded.manifest.counts.rules == nil)
            #expect(loaded.manifest.files["rules.json"] == nil)
        }
    }

    @Test func rulesRoundTripInKeyOrder() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(SampleSnapshot.shuffled(), in: parent)
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.snapshot.rules == SampleSnapshot.rules)
            #expect(loaded.snapshot.rules.map(\.key) == ["api/New issue ☃#1", "api/New issue ☃#2", "web/Quiet#1"])
            #expect(loaded.snapshot.rules[1].hasMadeUpHostedId && !loaded.snapshot.rules[0].hasMadeUpHostedId)
            let text = try fileText(directory, "rules.json")
            #expect(text.contains(#""targetTeam": "backend""#))
            #expect(!text.contains("targetIdentifier"), "no ids in a snapshot: \(text)")
        }
    }

    @Test func duplicateKeysAndDanglingTargetsAreRefusedWithTheirPath() throws {
        var snapshot = SampleSnapshot.make()
        snapshot.rules[1].ordinal = 1
        snapshot.rules[2].actions = [
            .object(["id": .string(AlertNodes.emailAction), "targetMember": .string("nobody@example.com")])
        ]
        let problems = SnapshotValidator.problems(in: SnapshotParts(snapshot.canonicalized()), requireSecrets: false)
        let shown = problems.map { "\($0.file) \($0.jsonPath ?? "") \($0.message)" }
        #expect(shown.contains { $0.contains("rules.json $[1]") && $0.contains("duplicate rule") })
        #expect(
            shown.contains {
                $0.contains("rules.json $[2].actions[0].targetMember") && $0.contains("nobody@example.com")
            })
    }

    @Test func ordinalsFollowIdsNotArrivalOrder() {
        let rule = IssueAlertRule(project: "api", name: "Same")
        let numbered = IssueAlertRule.numbered([(rule, 30), (rule, 10_000_000_001), (rule, 20)])
        #expect(numbered.map(\.ordinal) == [1, 2, 3])
        #expect(numbered.map(\.key).last == "api/Same#3")
    }
}
