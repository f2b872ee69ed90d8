import Foundation
import HostedAPI
import SentryModel
import SentrySimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Metric alerts exported from the simulator over real HTTP: the org-level list with `project=-1`
/// (Sentry lists only the caller's member projects without it), each alert's detail (the only place
/// with `eventTypes`), natural keys for ids, and the stored form of Slack/PagerDuty actions.
@Suite(.timeLimit(.minutes(3))) struct ExportMetricAlertTests {
    static let slack = IntegrationReference(provider: "slack", externalId: "T0ACME")
    static let pagerDuty = IntegrationReference(provider: "pagerduty", externalId: "acme-pd")

    static let org: Snapshot = {
        var snapshot = OrgGenerator.generate(
            GeneratorSpec(teams: 3, projects: 3, members: 6, pendingEvery: 0, maxKeysPerProject: 1, seed: 5))
        let member = snapshot.members[0].email
        let team = snapshot.teams[0].slug
        let project = snapshot.projects[0].slug
        snapshot.metricAlerts = [
            MetricAlert(
                projects: [project], name: "Errors up", query: "level:error", aggregate: "count_unique(user)",
                timeWindow: 60, resolveThreshold: 5, comparisonDelta: 1440, environment: "production",
                eventTypes: ["default", "error"], detectionType: "percent",
                triggers: [
                    MetricAlertTrigger(
                        label: "critical", alertThreshold: 50,
                        actions: [
                            MetricAlertAction(
                                type: "slack", targetType: "specific", targetIdentifier: "C0123", targetDisplay: "#ops",
                                integration: slack),
                            MetricAlertAction(
                                type: "pagerduty", targetType: "specific", targetIdentifier: "42",
                                targetDisplay: "Checkout on-call", integration: pagerDuty),
                            MetricAlertAction(type: "email", targetType: "team", targetTeam: team),
                        ]),
                    MetricAlertTrigger(
                        label: "warning", alertThreshold: 20,
                        actions: [MetricAlertAction(type: "email", targetType: "user", targetMember: member)]),
                ], ownerTeam: team, createdBy: member, hostedId: "500"),
            MetricAlert(
                projects: [project], name: "Errors up", ordinal: 2, enabled: false, detectionType: "static",
                triggers: [MetricAlertTrigger(label: "critical", alertThreshold: 10)], ownerMember: member,
                hostedId: "10000000321"),
        ]
        // 110 more on another project: the list pages (100 per page asked).
        for index in 0..<110 {
            snapshot.metricAlerts.append(
                MetricAlert(
                    projects: [snapshot.projects[1].slug], name: "Bulk \(index)", dataset: "transactions",
                    queryType: 1, aggregate: "p95(transaction.duration)", eventTypes: ["transaction"],
                    detectionType: "static", triggers: [MetricAlertTrigger(label: "critical", alertThreshold: 900)],
                    hostedId: String(1000 + index)))
        }
        return snapshot.canonicalized()
    }()

    @Test func exportReadsTheListThenEachDetail() async throws {
        try await withSimulator(Self.org) { simulator, base in
            let (exported, report) = try await Exporter(client: ExportTests.client(base), organization: "acme")
                .exportWithReport()
            #expect(exported.metricAlerts == Self.org.metricAlerts)
            #expect(exported == Self.org)
            #expect(report.madeUpRuleIds == ["10000000321"])
            #expect(report.leftOutRuleNodes.isEmpty)
            let counts = simulator.metrics.current
            #expect(counts.byEndpoint["alert-rules"] == 2, "112 alerts at 100 a page")
            #expect(counts.byEndpoint["alert-rule"] == 112, "one detail per alert")
            let expected = RequestFormula.requests(
                teamMemberCounts: Self.org.teams.map { team in
                    Self.org.members.filter { $0.teams.contains { $0.slug == team.slug } }.count
                },
                members: Self.org.members.count,
                keysPerProject: Self.org.projects.map { project in
                    Self.org.keys.filter { $0.project == project.slug }.count
                },
                // The combined alert list holds the metric alerts too (its count is the list's rows).
                notCarried: [1, Self.org.metricAlerts.count + Self.org.rules.count],
                metricAlerts: Self.org.metricAlerts.count)
            #expect(counts.total == expected, "\(counts.byEndpoint)")
        }
    }

    @Test func aTeamSentryNoLongerListsIsLeftOutAndReported() async throws {
        var hosted = Self.org
        // An e-mail action to a team sentry.io no longer lists (deleted since): served as its id.
        hosted.metricAlerts[0].triggers[1].actions.append(
            MetricAlertAction(type: "email", targetType: "team", targetTeam: "gone"))
        try await withSimulator(hosted) { _, base in
            let (exported, report) = try await Exporter(client: ExportTests.client(base), organization: "acme")
                .exportWithReport()
            #expect(exported.metricAlerts == Self.org.metricAlerts, "the action is left out, the rest carried")
            #expect(report.leftOutRuleNodes.map(\.hostedId) == ["500"])
        }
    }

    /// `OrganizationEndpoint.get_projects`: no `project` lists only the caller's member projects (none
    /// for an internal integration), `-1` every project it can access; an id it cannot access is 403.
    @Test func theListIsAsStrictAsSentrys() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.tokens["dana"] = .user(Self.org.members[1].email)
        configuration.tokens["alerts"] = SimulatedToken(kind: .integration, scopes: ["alerts:read"])
        configuration.tokens["teams"] = SimulatedToken(kind: .integration, scopes: ["team:read"])
        var closed = Self.org
        closed.organization.openMembership = false
        closed.members[1].role = "member"
        closed.members[1].teams = [TeamMembership(slug: closed.teams[0].slug)]
        let org = closed.canonicalized()
        try await withSimulator(org, configuration: configuration) { _, base in
            func get(_ path: String, _ token: String) async throws -> String {
                var request = URLRequest(url: URL(string: base.absoluteString + path)!)
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: request)
                let rows = (try? JSONSerialization.jsonObject(with: data) as? [Any])?.count ?? -1
                return "\((response as? HTTPURLResponse)?.statusCode ?? 0) \(rows)"
            }
            let list = "/api/0/organizations/acme/alert-rules/"
            let answer1 = try await get(list, testToken)
            #expect(answer1 == "200 0", "an integration is a member of no project")
            let answer2 = try await get(list + "?project=-1&per_page=100", testToken)
            #expect(answer2 == "200 100")
            let answer3 = try await get(list + "?project=-1", testToken)
            #expect(answer3 == "200 25", "25 a page by default")
            let answer4 = try await get(list + "?project=-1", "alerts")
            #expect(answer4 == "200 25", "alerts:read is enough")
            let answer5 = try await get(list + "?project=-1", "teams")
            #expect(answer5.hasPrefix("403 "), "team:read is not")
            let answer6 = try await get(list + "?project=abc", testToken)
            #expect(answer6.hasPrefix("400 "))
            // dana reaches only the first project (her team's), with or without -1.
            let danaProjects = org.projects.filter { $0.teams.contains(org.teams[0].slug) }.map(\.slug)
            let danaAlerts = org.metricAlerts.filter { !Set($0.projects).isDisjoint(with: danaProjects) }.count
            let answer7 = try await get(list + "?per_page=100", "dana")
            #expect(answer7 == "200 \(min(danaAlerts, 100))")
            let answer8 = try await get(list + "?project=-1&per_page=100", "dana")
            #expect(answer8 == "200 \(min(danaAlerts, 100))")
            let answer9 = try await get(list + "500/", "dana")
            #expect(answer9.hasPrefix("200 "), "the detail checks the organization only")
            let answer10 = try await get(list + "499/", testToken)
            #expect(answer10.hasPrefix("404 "))
        }
    }
}
