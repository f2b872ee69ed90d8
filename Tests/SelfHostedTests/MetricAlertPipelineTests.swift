import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Metric alerts through the built binaries: sentry-sim serves a hosted organization with a
/// percent-change alert on an environment (a renamed team and a mapped e-mail as targets, default and
/// error events) and one whose Slack action needs an integration the target lacks; export → transform →
/// plan → apply → verify → plan again, and the rows are what Sentry 23.7.1's `create_alert_rule` writes.
@Suite(.requiresDatabase, .timeLimit(.minutes(3))) struct MetricAlertPipelineTests {
    static let slack = IntegrationReference(provider: "slack", externalId: "T0ACME")

    static var comparisonAlert: MetricAlert {
        MetricAlert(
            projects: ["api"], name: "Users hit by errors", dataset: "events", queryType: 0, query: "level:error",
            aggregate: "count_unique(user)", timeWindow: 60, thresholdType: 0, resolveThreshold: 10,
            thresholdPeriod: 2, comparisonDelta: 10080, environment: "production", eventTypes: ["default", "error"],
            detectionType: "percent",
            triggers: [
                MetricAlertTrigger(
                    label: "critical", alertThreshold: 70,
                    actions: [MetricAlertAction(type: "email", targetType: "team", targetTeam: "backend")]),
                MetricAlertTrigger(
                    label: "warning", alertThreshold: 30,
                    actions: [MetricAlertAction(type: "email", targetType: "user", targetMember: "alice@example.com")]),
            ], ownerTeam: "backend", createdBy: "alice@example.com", hostedId: "8001")
    }

    static var slackAlert: MetricAlert {
        MetricAlert(
            projects: ["web"], name: "Throughput", dataset: "transactions", queryType: 1, aggregate: "count()",
            timeWindow: 5, thresholdType: 1, eventTypes: ["transaction"], detectionType: "static",
            triggers: [
                MetricAlertTrigger(
                    label: "critical", alertThreshold: 10,
                    actions: [
                        MetricAlertAction(
                            type: "slack", targetType: "specific", targetIdentifier: "C012AB3CD",
                            targetDisplay: "#ops", integration: slack),
                        MetricAlertAction(type: "email", targetType: "team", targetTeam: "frontend"),
                    ])
            ], hostedId: "10000000077")
    }

    static var hosted: Snapshot {
        var snapshot = DesiredOrganization.snapshot
        snapshot.members = snapshot.members.map {
            var member = $0
            member.identity = nil
            return member
        }
        snapshot.metricAlerts = [comparisonAlert, slackAlert]
        return snapshot.canonicalized()
    }

    static func mapping(_ policy: String) -> String {
        """
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
          missingIntegration: \(policy)
        """
    }

    @Test(arguments: [SchemaFixture.v23, .v24])
    func metricAlertsCarryThroughTheCommands(_ fixture: SchemaFixture) throws {
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
                let simulator = try Simulator.start(snapshot: URL(fileURLWithPath: path("served")))
                defer { simulator.stop() }
                func run(_ arguments: [String], expect status: Int32 = 0) throws -> CommandResult {
                    let result = try SentryMigrateBinary.run(
                        arguments, environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
                    #expect(result.status == status, "\(arguments.first ?? ""): \(result.stderr)")
                    return result
                }
                _ = try run(["export", "--url", simulator.url, "--org", "acme-io", "--out", path("hosted")])
                let exported = try SnapshotReader.read(from: URL(fileURLWithPath: path("hosted"))).snapshot
                // The export reads back what was served: the comparison thresholds as percentage changes,
                // the event types only the detail has, the Slack channel id and name.
                #expect(exported.metricAlerts == Self.hosted.metricAlerts)

                // `error`: the Slack action's integration is missing, so plan refuses.
                try Self.mapping("error").write(toFile: path("error.yaml"), atomically: true, encoding: .utf8)
                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", path("error.yaml"), "--out", path("strict"),
                ])
                let refused = try run(
                    ["plan", "--snapshot", path("strict"), "--database", database, "--out", path("refused.json")],
                    expect: 65)
                #expect(refused.stderr.contains("metric-alerts/web/Throughput#1"), "\(refused.stderr)")
                #expect(refused.stderr.contains("slack integration T0ACME"), "\(refused.stderr)")

                // `disable`: carried whole but disabled, its subscription DISABLED.
                try Self.mapping("disable").write(toFile: path("mapping.yaml"), atomically: true, encoding: .utf8)
                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", path("mapping.yaml"), "--out",
                    path("desired"),
                ])
                let desired = try SnapshotReader.read(from: URL(fileURLWithPath: path("desired"))).snapshot
                let alert = try #require(desired.metricAlerts.first { $0.key == "api/Users hit by errors#1" })
                #expect(alert.ownerTeam == "core")
                #expect(alert.actions.compactMap(\.targetTeam) == ["core"])
                #expect(alert.actions.compactMap(\.targetMember) == ["alice@corp.example"])

                let plan = try run(
                    [
                        "plan", "--snapshot", path("desired"), "--database", database, "--out", path("plan.json"),
                        "--detailed-exitcode",
                    ], expect: 2)
                #expect(plan.stdout.contains("Metric alert rules"))
                #expect(plan.stdout.contains("carried disabled"), "the plan says which action will not fire")
                _ = try run(["apply", path("plan.json"), "--database", database])
                let verify = try run(["verify", "--snapshot", path("desired"), "--database", database])
                #expect(verify.stdout.contains("Verified:"), "\(verify.stdout)")
                let again = try run(["plan", "--snapshot", path("desired"), "--database", database])
                #expect(again.stdout.contains("No changes."), "\(again.stdout)")

                // The rows as Sentry's own create writes them.
                let rows = try connection.query(
                    """
                    SELECT a.status, a.threshold_type, a.resolve_threshold, a.comparison_delta, a.threshold_period,
                           q.aggregate, q.time_window, q.resolution, q.type, e.name AS environment,
                           (SELECT string_agg(t.type::text, ',' ORDER BY t.type) FROM sentry_snubaqueryeventtype t
                            WHERE t.snuba_query_id = q.id) AS event_types,
                           (SELECT string_agg(t.label || '=' || t.alert_threshold, ',' ORDER BY t.label)
                            FROM sentry_alertruletrigger t WHERE t.alert_rule_id = a.id) AS triggers,
                           s.status AS subscription, s.subscription_id, s.type AS subscription_type,
                           s.date_updated < now() - interval '10 minutes' AS checker_ready
                    FROM sentry_alertrule a JOIN sentry_snubaquery q ON q.id = a.snuba_query_id
                    JOIN sentry_querysubscription s ON s.snuba_query_id = q.id
                    LEFT JOIN sentry_environment e ON e.id = q.environment_id ORDER BY a.name DESC
                    """, activity: "reading the written alerts")
                #expect(rows.count == 2)
                let users = try #require(rows.first)
                #expect(try users.int("status") == 0)
                #expect(try users.double("resolve_threshold") == 110)
                #expect(try users.int("comparison_delta") == 10080 * 60)
                #expect(try users.string("aggregate") == "count_unique(tags[sentry:user])")
                #expect(try users.int("time_window") == 3600)
                #expect(try users.int("resolution") == (fixture == .v23 ? 120 : 360))
                #expect(try users.string("environment") == "production")
                #expect(try users.string("event_types") == "0,1")
                #expect(try users.string("triggers") == "critical=170,warning=130")
                #expect(try users.int("subscription") == 1)
                #expect(try users.optionalString("subscription_id") == nil)
                #expect(try users.string("subscription_type") == "incidents")
                #expect(try users.bool("checker_ready"))
                let throughput = try #require(rows.last)
                #expect(try throughput.int("status") == 5)
                #expect(try throughput.int("subscription") == 4)

                let target = try #require(try TargetDatabase(target: scratch.target).readOrganization(slug: "acme-io"))
                #expect(target.metricAlerts.map(\.key) == desired.metricAlerts.map(\.key))
                #expect(target.metricAlerts.first { $0.key == alert.key }?.triggers == alert.triggers)
            }
        }
    }
}
