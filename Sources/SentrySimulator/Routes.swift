import SentryModel

/// The endpoints the simulator serves, parsed from `/api/0/…` paths.
enum Route {
    /// `GET /api/0/`: the caller's token scopes and user (`src/sentry/api/endpoints/index.py`).
    case index
    case organization(org: String)
    case teams(org: String)
    case members(org: String)
    case member(org: String, id: String)
    case projects(org: String)
    case teamMembers(org: String, team: String)
    case project(org: String, project: String)
    case keys(org: String, project: String)
    case filters(org: String, project: String)
    case ownership(org: String, project: String)
    /// `GET /api/0/projects/{org}/{project}/environments/` (`api/endpoints/project_environments.py`).
    case environments(org: String, project: String)
    /// `GET /api/0/projects/{org}/{project}/rules/` (`api/endpoints/project_rules.py`).
    case rules(org: String, project: String)
    /// `GET /api/0/organizations/{org}/alert-rules/` and `…/alert-rules/{id}/` (metric alerts,
    /// `incidents/endpoints/organization_alert_rule_index.py`, `…_details.py`).
    case metricAlerts(org: String)
    case metricAlert(org: String, id: String)
    /// An organization-level list of something sentry-migrate does not carry (integrations,
    /// combined-rules, dashboards, monitors, code-mappings, searches); only its length matters.
    case notCarried(org: String, list: String)
    /// `GET /api/0/organizations/{org}/combined-rules/` (`OrganizationCombinedRuleIndexEndpoint`,
    /// `incidents/endpoints/organization_alert_rule_index.py`): every alert kind, disabled issue
    /// rules included (CombinedRules.swift).
    case combinedRules(org: String)

    static let notCarriedLists: Set<String> = [
        "integrations", "dashboards", "monitors", "code-mappings", "searches",
    ]

    init?(_ components: [String]) {
        if components == ["api", "0"] {
            self = .index
            return
        }
        guard components.count >= 4, components[0] == "api", components[1] == "0" else { return nil }
        let rest = Array(components.dropFirst(2))
        switch (rest[0], rest.count) {
        case ("organizations", 2): self = .organization(org: rest[1])
        case ("organizations", 3) where rest[2] == "teams": self = .teams(org: rest[1])
        case ("organizations", 3) where rest[2] == "members": self = .members(org: rest[1])
        case ("organizations", 3) where rest[2] == "projects": self = .projects(org: rest[1])
        case ("organizations", 3) where rest[2] == "combined-rules": self = .combinedRules(org: rest[1])
        case ("organizations", 3) where Route.notCarriedLists.contains(rest[2]):
            self = .notCarried(org: rest[1], list: rest[2])
        case ("organizations", 4) where rest[2] == "members": self = .member(org: rest[1], id: rest[3])
        case ("organizations", 3) where rest[2] == "alert-rules": self = .metricAlerts(org: rest[1])
        case ("organizations", 4) where rest[2] == "alert-rules": self = .metricAlert(org: rest[1], id: rest[3])
        case ("teams", 4) where rest[3] == "members": self = .teamMembers(org: rest[1], team: rest[2])
        case ("projects", 3): self = .project(org: rest[1], project: rest[2])
        case ("projects", 4) where rest[3] == "keys": self = .keys(org: rest[1], project: rest[2])
        case ("projects", 4) where rest[3] == "filters": self = .filters(org: rest[1], project: rest[2])
        case ("projects", 4) where rest[3] == "ownership": self = .ownership(org: rest[1], project: rest[2])
        case ("projects", 4) where rest[3] == "environments": self = .environments(org: rest[1], project: rest[2])
        case ("projects", 4) where rest[3] == "rules": self = .rules(org: rest[1], project: rest[2])
        default: return nil
        }
    }

    /// The rate-limit bucket and metrics name.
    var endpoint: String {
        switch self {
        case .index: "index"
        case .organization: "organization"
        case .teams: "teams"
        case .members: "members"
        case .member: "member"
        case .projects: "projects"
        case .teamMembers: "team-members"
        case .project: "project"
        case .keys: "keys"
        case .filters: "filters"
        case .ownership: "ownership"
        case .environments: "environments"
        case .rules: "rules"
        case .metricAlerts: "alert-rules"
        case .metricAlert: "alert-rule"
        case .notCarried(_, let list): list
        case .combinedRules: "combined-rules"
        }
    }

    /// Any one of these scopes grants the GET (Sentry's scope maps).
    var scopes: Set<String> {
        let area: String
        switch self {
        case .index: return []
        // `ProjectAlertRulePermission`: the project scopes, or the alert scopes.
        case .rules: return ["project:read", "project:write", "project:admin", "alerts:read", "alerts:write"]
        // `OrganizationAlertRulePermission` as sentry.io has it (`alerts:read` where 23.7.1 had
        // `alert_rule:read`; api/bases/organization.py; reference/alerts.md §1.1).
        case .metricAlerts, .metricAlert: return ["org:read", "org:write", "org:admin", "alerts:read"]
        // `OrganizationPermission` for combined-rules: `alerts:read` alone is not enough.
        case .organization, .teams, .projects, .notCarried, .combinedRules: area = "org"
        case .members, .member: area = "member"
        case .teamMembers: area = "team"
        case .project, .keys, .filters, .ownership, .environments: area = "project"
        }
        return [area + ":read", area + ":write", area + ":admin"]
    }

    var org: String {
        switch self {
        case .index: ""
        case .organization(let org), .teams(let org), .members(let org), .member(let org, _), .projects(let org),
            .teamMembers(let org, _), .project(let org, _), .keys(let org, _), .filters(let org, _),
            .ownership(let org, _), .environments(let org, _), .rules(let org, _), .notCarried(let org, _),
            .metricAlerts(let org), .metricAlert(let org, _), .combinedRules(let org):
            org
        }
    }
}

/// The option keys `?options=` may ask for on the projects list, as raw stored values (a subset of
/// `OPTION_KEYS`, `models/options/project_option.py`: those the simulator stores).
let listableOptions: Set<String> = Set(
    [
        "sentry:blacklisted_ips", "sentry:releases", "sentry:error_messages", "filters:react-hydration-errors",
        "filters:chunk-load-error", SettingsCatalog.securityTokenKey,
    ] + SettingsCatalog.projectOptionKeys.values)

/// Setting name by option key.
let settingByOptionKey = Dictionary(uniqueKeysWithValues: SettingsCatalog.projectOptionKeys.map { ($1, $0) })

extension Simulator {
    func handle(_ route: Route, call: Call, caller: Caller, org: SimulatedOrg) -> Reply {
        if case .index = route { return Reply(body: IndexBody(caller: caller, baseURL: call.baseURL)) }
        // `ScopedPermission.has_permission`: the token's scopes, before any lookup.
        guard caller.tokenAllows(route.scopes) else { return .forbidden() }
        guard org.matches(route.org) else { return .notFound() }
        // `OrganizationPermission.has_object_permission`: the caller's scopes in the organization.
        guard !caller.scopes.isDisjoint(with: route.scopes) else { return .forbidden() }
        let perPage: Int
        if let text = call.value("per_page") {
            guard let value = Int(text), value > 0 else { return .badRequest("Invalid per_page parameter.") }
            guard value <= 100 else { return .badRequest("Invalid per_page value. Cannot exceed 100.") }
            perPage = value
        } else {
            perPage = 100
        }
        var cursor: Cursor?
        if let text = call.value("cursor") {
            guard let parsed = Cursor(text) else { return .badRequest("Invalid cursor parameter.") }
            cursor = parsed
        }
        let endless = configuration.endlessEndpoints.contains(route.endpoint)
        func paged<Element, Body: Encodable>(_ page: Page<Element>, _ body: (Element) -> Body) -> Reply {
            var page = page
            if endless, let cursor {
                // A broken server: no more rows, yet always another page.
                page = Page(
                    items: [], previous: Cursor(value: perPage, offset: cursor.offset - 1, isPrev: true),
                    previousHasResults: true, next: Cursor(value: perPage, offset: cursor.offset + 1, isPrev: false),
                    nextHasResults: true)
            } else if endless {
                page.nextHasResults = true
            }
            let link = Paginate.linkHeader(
                base: call.baseURL + call.path, query: call.query, previous: page.previous,
                previousHasResults: page.previousHasResults, next: page.next, nextHasResults: page.nextHasResults)
            return Reply(body: page.items.map(body), headers: [("Link", link)])
        }
        let withoutEmail = configuration.membersWithoutEmail
        func memberBody(_ record: SimulatedOrg.MemberRecord) -> MemberBody {
            MemberBody(record, hasEmail: !withoutEmail.contains(record.member.email))
        }

        switch route {
        case .organization:
            return Reply(body: OrganizationBody(org, baseURL: call.baseURL))
        case .teams:
            let counts = Dictionary(
                org.members.flatMap { $0.member.teams.map { ($0.slug, 1) } }, uniquingKeysWith: +)
            return paged(Paginate.offset(org.teams, perPage: perPage, cursor: cursor)) {
                var body = TeamBody($0, memberCount: counts[$0.team.slug] ?? 0)
                body.hasAccess = caller.hasAccess(toTeam: $0.team.slug)
                body.isMember = caller.isMember(ofTeam: $0.team.slug)
                return body
            }
        case .members:
            return paged(Paginate.offset(org.members, perPage: perPage, cursor: cursor), memberBody)
        case .member(_, let id):
            // `me` is the caller's own membership; an integration's proxy user has none.
            let found = id == "me" ? caller.member : org.member(id)
            guard let record = found else { return .notFound() }
            var body = memberBody(record)
            body.teams = record.member.teams.map(\.slug)
            body.teamRoles = record.member.teams.map { MemberBody.TeamRoleBody(teamSlug: $0.slug, role: $0.role) }
            body.invite_link = .some(nil)
            body.isOnlyOwner =
                record.member.role == "owner" && org.members.filter { $0.member.role == "owner" }.count == 1
            return Reply(body: body)
        case .teamMembers(_, let team):
            guard let record = org.team(team) else { return .notFound() }
            // `TeamPermission`: the team must be one the caller can reach.
            guard caller.hasAccess(toTeam: record.team.slug) else { return .forbidden() }
            let members = org.members(of: record.team.slug)
            return paged(Paginate.offset(members, perPage: perPage, cursor: cursor)) { member, membership in
                var body = memberBody(member)
                body.teamRole = .some(membership.role)
                body.teamSlug = membership.slug
                return body
            }
        case .projects:
            let asked = call.values("options").filter(listableOptions.contains)
            let all = call.value("all_projects") == "1"
            let page =
                all
                ? Page(
                    items: org.projects, previous: Cursor(value: 0, offset: 0, isPrev: true), previousHasResults: false,
                    next: Cursor(value: 0, offset: 0, isPrev: false), nextHasResults: false)
                : Paginate.offset(org.projects, perPage: perPage, cursor: cursor)
            // `ProjectSummarySerializer` sends options only to callers with access to the project.
            let body: (SimulatedOrg.ProjectRecord) -> ProjectBody = { record in
                let access = caller.hasAccess(toProject: record)
                return ProjectBody(
                    record: record, teams: Self.teamRefs(record.project.teams, org: org),
                    options: asked.isEmpty || !access ? nil : self.storedOptions(record, asked: asked),
                    hasAccess: access, isMember: record.project.teams.contains(where: caller.isMember(ofTeam:)))
            }
            if all { return Reply(body: page.items.map(body)) }
            return paged(page, body)
        case .project(_, let slug):
            guard let record = org.project(slug) else { return .notFound() }
            guard caller.hasAccess(toProject: record) else { return .forbidden() }
            return Reply(
                body: ProjectDetailsBody(
                    summary: ProjectBody(
                        record: record, teams: Self.teamRefs(record.project.teams, org: org), options: nil,
                        hasAccess: true, isMember: record.project.teams.contains(where: caller.isMember(ofTeam:))),
                    organization: OrganizationBody(org, baseURL: call.baseURL)))
        case .keys(_, let slug):
            guard let record = org.project(slug) else { return .notFound() }
            guard caller.hasAccess(toProject: record) else { return .forbidden() }
            var keys = record.keys
            switch call.value("status") {
            case nil, "": break
            case "active": keys = keys.filter(\.key.active)
            case "inactive": keys = keys.filter { !$0.key.active }
            default: keys = []
            }
            let host = call.baseURL.replacingOccurrences(of: "http://", with: "")
            let withoutSecret = configuration.keysWithoutSecret
            return paged(Paginate.descendingId(keys, id: \.id, perPage: perPage, cursor: cursor)) {
                ClientKeyBody(
                    record: $0, projectId: record.id, host: host,
                    hasSecret: !withoutSecret.contains($0.key.publicKey))
            }
        case .filters(_, let slug):
            guard let record = org.project(slug) else { return .notFound() }
            guard caller.hasAccess(toProject: record) else { return .forbidden() }
            let filters = record.filters
            return Reply(body: [
                FilterBody(id: "browser-extensions", active: .all(filters.browserExtensions)),
                FilterBody(id: "filtered-transaction", active: .all(filters.filteredTransaction)),
                FilterBody(id: "legacy-browsers", active: filters.legacyBrowsers),
                FilterBody(id: "localhost", active: .all(filters.localhost)),
                FilterBody(id: "web-crawlers", active: .all(filters.webCrawlers)),
            ])
        case .ownership(_, let slug):
            guard let record = org.project(slug) else { return .notFound() }
            guard caller.hasAccess(toProject: record) else { return .forbidden() }
            return Reply(body: OwnershipBody(ownership: record.ownership))
        case .environments(_, let slug):
            guard let record = org.project(slug) else { return .notFound() }
            guard caller.hasAccess(toProject: record) else { return .forbidden() }
            let visibility = call.value("visibility") ?? "visible"
            guard ["all", "hidden", "visible"].contains(visibility) else {
                return .badRequest("Invalid value for 'visibility', valid values are: ['all', 'hidden', 'visible']")
            }
            // Not paginated; ordered by name; "" (no environment) never listed.
            let environments = (record.project.environments ?? [:]).filter { name, hidden in
                !name.isEmpty && (visibility == "all" || (visibility == "hidden") == hidden)
            }
            return Reply(
                body: environments.keys.sorted().map {
                    EnvironmentBody(
                        id: String(record.environmentIds[$0] ?? 0), name: $0, isHidden: environments[$0] == true)
                })
        case .index:
            return Reply(body: IndexBody(caller: caller, baseURL: call.baseURL))
        case .rules(_, let slug):
            guard let record = org.project(slug) else { return .notFound() }
            guard caller.hasAccess(toProject: record) else { return .forbidden() }
            // `status=ACTIVE` only, `order_by="-id"`, the default `Paginator` (project_rules.py `get`).
            let rules = org.rules.filter { $0.rule.project == record.project.slug && $0.rule.enabled }
                .sorted { $0.id > $1.id }
            return paged(Paginate.descendingId(rules, id: \.id, perPage: perPage, cursor: cursor)) {
                RuleBody(record: $0, org: org)
            }
        case .metricAlerts:
            // `get_projects`: `?project=-1` is every project the caller can access; no `project` is
            // only those it is a member of (api/bases/organization.py `_get_projects_by_id`); other
            // ids must all be accessible, else 403. The list is `-date_added` (ids here) with the
            // `OffsetPaginator`, 25 a page by default.
            let asked = call.values("project")
            var visible: Set<String>
            if asked.isEmpty {
                visible = Set(org.projects.filter { caller.isMember(ofProject: $0) }.map(\.project.slug))
            } else if asked == ["-1"] {
                visible = Set(org.projects.filter { caller.hasAccess(toProject: $0) }.map(\.project.slug))
            } else {
                guard asked.allSatisfy({ Int($0) != nil }) else {
                    return .badRequest("Invalid project parameter. Values must be numbers.")
                }
                let records = asked.compactMap { id in org.projects.first { String($0.id) == id } }
                guard records.count == Set(asked).count, records.allSatisfy(caller.hasAccess(toProject:)) else {
                    return .forbidden()
                }
                visible = Set(records.map(\.project.slug))
            }
            let alerts = org.metricAlerts.filter { !visible.isDisjoint(with: $0.alert.projects) }
                .sorted { $0.id > $1.id }
            let size = call.value("per_page") == nil ? 25 : perPage
            return paged(Paginate.offset(alerts, perPage: size, cursor: cursor)) {
                MetricAlertBody(record: $0, org: org, detailed: false)
            }
        case .combinedRules:
            return combinedRules(call: call, caller: caller, org: org, perPage: perPage, cursor: cursor)
        case .metricAlert(_, let id):
            // `OrganizationAlertRuleEndpoint.convert_args`: any alert of the organization, by id.
            guard let record = org.metricAlerts.first(where: { String($0.id) == id }) else { return .notFound() }
            return Reply(body: MetricAlertBody(record: record, org: org, detailed: true))
        case .notCarried(_, let list):
            let rows = (0..<(configuration.notCarried[list] ?? 0)).map {
                NotCarriedRow(id: String($0 + 1), name: "\(list) \($0 + 1)")
            }
            if list == "integrations" {
                // The integrations rules name come first, as real rows (`IntegrationSerializer`).
                let installed = org.integrations.map { IntegrationBody($0) }
                let others = rows.map { IntegrationBody(id: String(80_000 + (Int($0.id) ?? 0)), name: $0.name) }
                return paged(Paginate.offset(installed + others, perPage: perPage, cursor: cursor)) { $0 }
            }
            return paged(Paginate.offset(rows, perPage: perPage, cursor: cursor)) { $0 }
        }
    }

    static func teamRefs(_ slugs: [String], org: SimulatedOrg) -> [TeamRef] {
        slugs.compactMap { org.team($0) }.sorted { $0.team.name < $1.team.name }.map {
            TeamRef(id: String($0.id), name: $0.team.name, slug: $0.team.slug)
        }
    }

    /// Only options that were ever stored appear; defaults are the reader's business.
    func storedOptions(_ record: SimulatedOrg.ProjectRecord, asked: [String]) -> [String: StoredOption] {
        let filters = record.filters
        var options: [String: StoredOption] = [:]
        for key in asked {
            if let name = settingByOptionKey[key] {
                if let value = record.project.settings?[name] { options[key] = .value(value) }
                continue
            }
            switch key {
            case SettingsCatalog.securityTokenKey:
                if let token = record.securityToken { options[key] = .flag(token) }
            case "sentry:blacklisted_ips" where !filters.blacklistedIps.isEmpty:
                options[key] = .list(filters.blacklistedIps)
            case "sentry:releases" where !filters.releases.isEmpty: options[key] = .list(filters.releases)
            case "sentry:error_messages" where !filters.errorMessages.isEmpty:
                options[key] = .list(filters.errorMessages)
            case "filters:react-hydration-errors" where !filters.reactHydrationErrors: options[key] = .flag("0")
            case "filters:chunk-load-error" where !filters.chunkLoadError: options[key] = .flag("0")
            default: break
            }
        }
        return options
    }
}
