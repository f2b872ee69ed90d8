import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Issue alert rules through the built binaries: sentry-sim serves a hosted organization with rules
/// (a renamed team and a mapped e-mail as targets, an environment, a Slack action whose integration
/// the target lacks); export → transform → plan → apply → verify → plan again.
@Suite(.requiresDatabase, .timeLimit(.minutes(3))) struct RulePipelineTests {
    static var hosted: Snapshot {
        var snapshot = DesiredOrganization.snapshot
        snapshot.members = snapshot.members.map {
            var member = $0
            member.identity = nil
            return member
        }
        var rules = ApplyRuleTests.rules
        rules[1].enabled = true
        // Disabled on sentry.io: it arrives disabled (`sentry_rule.status` 1), not dropped.
        rules.append(IssueAlertRule(project: "web", name: "Off", enabled: false, hostedId: "7002"))
        snapshot.rules = rules + [ApplyRuleTests.slackRule(nil)]
        return snapshot.canonicalized()
    }

    static let mapping = """
        version: 1
        teams:
          rename:
            backend: core
        members:
          email:
            alice@example.com: alice@corp.example
          identity:
            default: create
            members:
              erin@example.com: link
        alerts:
          missingIntegration: drop
        """

    @Test(arguments: [SchemaFixture.v23, .v24])
    func rulesCarryThroughTheCommands(_ fixture: SchemaFixture) throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection)
            try connection.execute(DesiredOrganization.linkedUserSQL)
            let database = try #require(TestDatabase.url).replacingOccurrences(
                of: "///postgres?", with: "///\(scratch.name)?")
            try withTemporaryFolder { folder in
                func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
                try SnapshotWriter.write(
                    Self.hosted, source: SnapshotSource(kind: .hosted, location: "test"), exportedAt: Date(),
                    to: URL(fileURLWithPath: path("served")))
                try String(Self.mapping).write(toFile: path("mapping.yaml"), atomically: true, encoding: .utf8)
                let simulator = try Simulator.start(snapshot: URL(fileURLWithPath: path("served")))
                defer { simulator.stop() }
                func run(_ arguments: [String], expect status: Int32 = 0) throws -> CommandResult {
                    let result = try SentryMigrateBinary.run(
                        arguments, environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
                    #expect(result.status == status, "\(arguments.first ?? ""): \(result.stderr)")
                    return result
                }
                let export = try run(["export", "--url", simulator.url, "--org", "acme-io", "--out", path("hosted")])
                #expect(export.stderr.contains("10000000042"), "the made-up id is named: \(export.stderr)")
                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", path("mapping.yaml"), "--out",
                    path("desired"),
                ])
                let desired = try SnapshotReader.read(from: URL(fileURLWithPath: path("desired"))).snapshot
                #expect(
                    desired.rules.map(\.key) == [
                        "api/Notify backend#1", "api/Notify backend#2", "web/Off#1", "web/Page #ops on Slack#1",
                    ])
                #expect(desired.rules.first { $0.key == "web/Off#1" }?.enabled == false)
                let first = try #require(desired.rules.first { $0.key == "api/Notify backend#1" })
                #expect(first.ownerTeam == "core")
                #expect(first.actions.compactMap(AlertNodes.targetTeam(of:)) == ["core"])
                #expect(first.actions.compactMap(AlertNodes.targetMember(of:)) == ["alice@corp.example"])

                let plan = try run(
                    [
                        "plan", "--snapshot", path("desired"), "--database", database, "--out", path("plan.json"),
                        "--detailed-exitcode",
                    ], expect: 2)
                #expect(plan.stdout.contains("Issue alert rules"))
                #expect(plan.stdout.contains("SlackNotifyServiceAction"), "the plan says which action will not fire")
                _ = try run(["apply", path("plan.json"), "--database", database])
                // Verify reads the same facts as plan: the Slack action dropped by the mapping's policy is
                // what the target should hold.
                let verify = try run(["verify", "--snapshot", path("desired"), "--database", database])
                #expect(verify.stdout.contains("Verified:"), "\(verify.stdout)")
                let again = try run(["plan", "--snapshot", path("desired"), "--database", database])
                #expect(again.stdout.contains("No changes."), "\(again.stdout)")

                let target = try #require(try TargetDatabase(target: scratch.target).readOrganization(slug: "acme-io"))
                #expect(target.rules.map(\.key) == desired.rules.map(\.key))
                #expect(target.rules.first { $0.key == first.key }?.actions == first.actions)
                #expect(target.rules.first { $0.key == "web/Off#1" }?.enabled == false)
                let status = try connection.query(
                    "SELECT status FROM sentry_rule WHERE label = 'Off'", activity: "test")
                #expect(try status.map { try $0.int("status") } == [1], "ObjectStatus.DISABLED")
            }
        }
    }
}
