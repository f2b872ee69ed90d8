import Foundation
import SentryModel
import SentrySimulator
import Testing

@testable import HostedAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue alert rules exported from the simulator over real HTTP, from the organization's combined
/// alert list: ids become natural keys, disabled rules arrive disabled, ordinals follow hosted ids
/// whatever the status, the list pages, and sentry.io's made-up ids are recognised.
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

    /// Disabled rules too: one alone on its project, one between two active rules of its name (its
    /// hosted id between theirs, so it takes ordinal 2 and the made-up-id rule 3).
    static let hosted: Snapshot = {
        var snapshot = org
        let page = snapshot.rules.filter { $0.name == "Page" }
        snapshot.rules.removeAll { $0.name == "Page" }
        var between = page[1]
        between.enabled = false
        between.hostedId = "950"
        between.ownerMember = nil
        between.actions = []
        var last = page[1]
        last.ordinal = 3
        snapshot.rules += [page[0], between, last]
        snapshot.rules.append(
            IssueAlertRule(project: snapshot.projects[2].slug, name: "Off", enabled: false, hostedId: "901"))
        return snapshot.canonicalized()
    }()

    @Test func exportCarriesActiveAndDisabledRulesWithNaturalKeys() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.notCarried["combined-rules"] = 3
        try await withSimulator(Self.hosted, configuration: configuration) { simulator, base in
            let client = ExportTests.client(base)
            let (exported, report) = try await Exporter(client: client, organization: "acme").exportWithReport()
            #expect(exported.rules == Self.hosted.rules)
            #expect(exported == Self.hosted)
            #expect(
                exported.rules.filter { !$0.enabled }.map(\.key).sorted() == [
                    "\(Self.org.projects[0].slug)/Page#2", "\(Self.org.projects[2].slug)/Off#1",
                ])
            #expect(report.madeUpRuleIds == ["10000000123"])
            #expect(report.leftOutRuleNodes.isEmpty)
            #expect(
                report.notCarried.first { $0.kind.name == "uptimeMonitors" }?.count == 3,
                "only uptime rows are not carried")
            #expect(report.notCarried.allSatisfy { $0.kind.name != "alertRules" })
            let counts = simulator.metrics.current
            #expect(counts.byEndpoint["rules"] == nil, "no per-project rules list")
            #expect(counts.byEndpoint["combined-rules"] == 2, "124 rules and 3 uptime monitors at 100 a page")
            let expected = RequestFormula.requests(
                teamMemberCounts: Self.org.teams.map { team in
                    Self.org.members.filter { $0.teams.contains { $0.slug == team.slug } }.count
                },
                members: Self.org.members.count,
                keysPerProject: Self.org.projects.map { project in
                    Self.org.keys.filter { $0.project == project.slug }.count
                },
                notCarried: [1, Self.hosted.rules.count + 3])
            #expect(counts.total == expected, "\(counts.byEndpoint)")
        }
    }

    /// The combined list as `OrganizationCombinedRuleIndexEndpoint` serves it: `org:read`
    /// (`alerts:read` alone is refused), `?project=-1` is every project checked like named ids,
    /// 25 a page by default, `alertType` filters, unknown sort keys are refused, and walking the
    /// date cursor pages yields every row once, newest first.
    @Test func theCombinedListIsAsStrictAsSentrys() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.tokens["dana"] = .user(Self.org.members[1].email)
        configuration.tokens["alerts"] = SimulatedToken(kind: .integration, scopes: ["alerts:read"])
        var closed = Self.hosted
        closed.organization.openMembership = false
        closed.members[1].role = "member"
        closed.members[1].teams = [TeamMembership(slug: closed.projects[2].teams[0])]
        let org = closed.canonicalized()
        try await withSimulator(org, configuration: configuration) { _, base in
            func get(_ path: String, _ token: String = testToken) async throws -> (Int, [[String: JSONValue]], String?)
            {
                var request = URLRequest(url: URL(string: base.absoluteString + path)!)
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: request)
                let http = try #require(response as? HTTPURLResponse)
                let rows = (try? JSONDecoder().decode([[String: JSONValue]].self, from: data)) ?? []
                return (http.statusCode, rows, http.value(forHTTPHeaderField: "Link"))
            }
            let list = "/api/0/organizations/acme/combined-rules/"
            #expect(try await get(list + "?project=-1", "alerts").0 == 403, "OrganizationPermission: org scopes only")
            #expect(try await get(list + "?project=abc").0 == 400)
            #expect(try await get(list + "?project=-1&sort=label").0 == 400)
            let (status, firstPage, _) = try await get(list + "?project=-1")
            #expect(status == 200 && firstPage.count == 25, "25 a page by default")
            // dana reaches one project only: -1 names them all, so it is refused; her own list is hers.
            #expect(try await get(list + "?project=-1", "dana").0 == 403)
            let (_, mine, _) = try await get(list + "?per_page=100", "dana")
            #expect(mine.map { $0["projects"] } == [.array([.string(org.projects[2].slug)])])
            // Walk every page at 10 a page, following Link.
            var seen: [String] = []
            var path = list + "?project=-1&per_page=10"
            var pages = 0
            while true {
                let (code, rows, link) = try await get(path)
                #expect(code == 200)
                seen += rows.map { row in
                    guard case .string(let type)? = row["type"], case .string(let id)? = row["id"] else { return "?" }
                    return "\(type):\(id)"
                }
                pages += 1
                let next = try #require(link.flatMap { NextCursor(linkHeader: $0) })
                guard next.hasResults, pages < 50 else { break }
                path = list + "?project=-1&per_page=10&cursor=" + next.cursor
            }
            let rules = org.rules.compactMap(\.hostedId).map { "rule:\($0)" }
            #expect(Set(seen) == Set(rules) && seen.count == rules.count, "every rule once, disabled ones included")
            let ids = seen.compactMap { Int($0.split(separator: ":")[1]) }
            #expect(ids == ids.sorted(by: >), "newest first (dates follow ids in the simulator)")
            let (_, onlyRules, _) = try await get(list + "?project=-1&alertType=rule&per_page=100")
            #expect(onlyRules.allSatisfy { $0["type"] == .string("rule") })
            // Oldest first with `asc=1`: the disabled rules (ids 901, 950) are on the first page.
            let (_, oldest, _) = try await get(list + "?project=-1&alertType=rule&per_page=100&asc=1")
            #expect(
                oldest.prefix(3).map { $0["status"] } == [.string("active"), .string("disabled"), .string("disabled")])
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

    /// A rule muted for everyone is `active` with `snooze` and `snoozeForEveryone` true: carried
    /// active, and named, since the mute is not carried; a mute of the caller's own is not named.
    @Test func aRuleMutedForEveryoneIsCarriedActiveAndNamed() throws {
        func row(_ id: String, snooze: Bool?, everyone: Bool?) throws -> APIRule {
            var fields: [String: JSONValue] = [
                "id": .string(id), "name": .string("Muted \(id)"), "status": .string("active"),
                "projects": .array([.string("api")]),
            ]
            if let snooze { fields["snooze"] = .bool(snooze) }
            if let everyone { fields["snoozeForEveryone"] = .bool(everyone) }
            return try JSONDecoder().decode(APIRule.self, from: JSONEncoder().encode(JSONValue.object(fields)))
        }
        let rows = [
            try row("1", snooze: true, everyone: true), try row("2", snooze: true, everyone: false),
            try row("3", snooze: false, everyone: nil),
        ]
        let (rules, leftOut) = Exporter.rules(
            rows.map { (project: "api", rule: $0) }, teams: [:], users: [:], integrations: [:])
        #expect(rules.map(\.enabled) == [true, true, true])
        #expect(leftOut.map(\.hostedId) == ["1"])
        #expect(leftOut.first?.reason.contains("muted for everyone") == true)
    }
}
