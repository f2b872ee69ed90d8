import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

/// Issue alert rules exported from the simulator over real HTTP: ids become natural keys, only
/// active rules are listed, the list pages, and sentry.io's made-up ids are recognised.
@Suite(.timeLimit(.minutes(3))) struct ExportRuleTests {
    static let slack = IntegrationReference(provider: "slack", externalId: "T0ACME")

    static let org: Snapshot = {
        var snapshot = OrgGenerator.generate(
            GeneratorSpec(teams: 3, projects: 3, members: 6, pendingEvery: 0, maxKeysPerProject: 1, seed: 5))
        let member = snapshot.members[0].email
        let team = snapshot.teams[0].slug
        let project = snapshot.projects[0].slug
        let email: JSONValue = .object([
            "id": .string(AlertNodes.emailAction), "targetType": .string("Team"), "targetTeam": .string(team),
            "fallthroughType": .string("ActiveMembers"),
        ])
        let slackAction: JSONValue = .object([
            "id": .string("sentry.integrations.slack.notify_action.SlackNotifyServiceAction"),
            "channel": .string("#ops"), "channel_id": .string("C1"),
            "targetIntegration": .object(["provider": .string("slack"), "externalId": .string("T0ACME")]),
        ])
        let assigned: JSONValue = .object([
            "id": .string(AlertNodes.assignedToFilter), "targetType": .string("Member"),
            "targetMember": .string(member),
        ])
        let seen: JSONValue = .object([
            "id": .string("sentry.rules.conditions.first_seen_event.FirstSeenEventCondition")
        ])
        snapshot.rules = [
            IssueAlertRule(
                project: project, name: "Page", environment: "production", conditions: [seen], filters: [assigned],
                actions: [email, slackAction], ownerTeam: team, createdBy: member, hostedId: "900"),
            IssueAlertRule(
                project: project, name: "Page", ordinal: 2, conditions: [seen], actions: [email],
                ownerMember: member, hostedId: "10000000123"),
        ]
        // 120 more on another project: the list pages (100 per page).
        for index in 0..<120 {
            snapshot.rules.append(
                IssueAlertRule(
                    project: snapshot.projects[1].slug, name: "Bulk \(index)", conditions: [seen],
                    hostedId: String(1000 + index)))
        }
        return snapshot.canonicalized()
    }()

    /// A disabled rule is on sentry.io but not in its active-only list.
    static let hosted: Snapshot = {
        var snapshot = org
        snapshot.rules.append(
            IssueAlertRule(project: snapshot.projects[2].slug, name: "Off", enabled: false, hostedId: "901"))
        return snapshot.canonicalized()
    }()

    @Test func exportCarriesActiveRulesWithNaturalKeys() async throws {
        try await withSimulator(Self.hosted) { simulator, base in
            let client = ExportTests.client(base)
            let (exported, report) = try await Exporter(client: client, organization: "acme").exportWithReport()
            #expect(exported.rules == Self.org.rules)
            #expect(exported == Self.org)
            #expect(report.madeUpRuleIds == ["10000000123"])
            #expect(report.leftOutRuleNodes.isEmpty)
            let counts = simulator.metrics.current
            #expect(counts.byEndpoint["rules"] == 3 + 1, "one page per project, two for the big one")
            let expected = RequestFormula.requests(
                teamMemberCounts: Self.org.teams.map { team in
                    Self.org.members.filter { $0.teams.contains { $0.slug == team.slug } }.count
                },
                members: Self.org.members.count,
                keysPerProject: Self.org.projects.map { project in
                    Self.org.keys.filter { $0.project == project.slug }.count
                },
                rulesPerProject: Self.org.projects.map { project in
                    Self.org.rules.filter { $0.project == project.slug }.count
                })
            #expect(counts.total == expected, "\(counts.byEndpoint)")
        }
    }

    @Test func aTargetSentryNoLongerListsIsLeftOutAndReported() async throws {
        var hosted = Self.org
        // The rule names a team id that is in no list sentry.io answers (a team deleted since).
        hosted.rules[0].actions.append(
            .object([
                "id": .string(AlertNodes.emailAction), "targetType": .string("Team"),
                "targetIdentifier": .number(999_999),
            ]))
        try await withSimulator(hosted) { _, base in
            let (exported, report) = try await Exporter(client: ExportTests.client(base), organization: "acme")
                .exportWithReport()
            #expect(exported.rules == Self.org.rules, "the node is left out, the rest carried")
            #expect(report.leftOutRuleNodes.count == 1)
            #expect(report.leftOutRuleNodes.first?.hostedId == "900")
        }
    }
}
