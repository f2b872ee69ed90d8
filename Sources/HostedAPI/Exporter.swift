import Foundation
import SentryModel

/// Fetches one organization's configuration from sentry.io as a `Snapshot`, in the fewest
/// requests the API allows (see `RequestFormula`).
public struct Exporter: Sendable {
    public let client: HostedClient
    public let organization: String
    public let progress: @Sendable (ExportProgress) -> Void

    /// Project options the projects list carries (`?options=`), so no project-details request is needed:
    /// the list answers stored values only, where project details fill in sentry.io's defaults
    /// (settings.md §1, §5.1). All are in Sentry's `OPTION_KEYS` (`models/options/project_option.py`).
    static let filterOptions = [
        "sentry:blacklisted_ips", "sentry:releases", "sentry:error_messages", "filters:react-hydration-errors",
        "filters:chunk-load-error",
    ]
    static let listedOptions =
        filterOptions + SettingsCatalog.projectOptionKeys.values.sorted() + [SettingsCatalog.securityTokenKey]

    public init(
        client: HostedClient, organization: String, progress: @escaping @Sendable (ExportProgress) -> Void = { _ in }
    ) {
        self.client = client
        self.organization = organization
        self.progress = progress
    }

    public func export() async throws -> Snapshot { try await exportWithReport().snapshot }

    /// The snapshot, and what it leaves out or carries oddly (for the output and the manifest).
    public func exportWithReport() async throws -> (snapshot: Snapshot, report: ExportReport) {
        let org = organization.urlPathEscaped
        let caller = try await preflight()
        let (apiOrg, _) = try await client.get(
            "/api/0/organizations/\(org)/", query: [URLQueryItem(name: "detailed", value: "0")],
            as: APIOrganization.self, scope: "org:read", what: .organization(organization))
        let role = try await callerRole(caller, org: org)
        report(.organization, 1, 1, finished: true)

        let read = try await readLists(org: org, role: role, openMembership: apiOrg.openMembership ?? true)
        let (teams, keyed, projects) = (read.teams, read.keyed, read.projects)
        let members = keyed.map { member, email -> Member in
            let pending = member.pending ?? (member.user == nil)
            return Member(
                email: email, name: member.name ?? member.user?.name ?? email,
                role: member.orgRole ?? member.role ?? "member",
                pending: pending, teams: (read.memberships[member.id] ?? []).sorted { $0.slug < $1.slug },
                hostedId: member.id)
        }
        let perProject = read.perProject
        let perProjectEnvironments = Dictionary(
            uniqueKeysWithValues: zip(projects.map(\.slug), perProject.map(\.environments)).compactMap { slug, found in
                found.map { (slug, $0) }
            })
        let (notCarried, integrationRows, ruleRows) = read.inventory
        let metricAlertRows = read.metricAlerts
        var settingsLeftOut: [String] = []
        let organizationSettings = Self.settings(
            apiOrg.settings, catalog: SettingsCatalog.organizationByName, owner: "organization",
            leftOut: &settingsLeftOut)
        var snapshot = Snapshot(
            organization: Organization(
                slug: apiOrg.slug, name: apiOrg.name, defaultRole: apiOrg.defaultRole ?? "member",
                openMembership: apiOrg.openMembership ?? true, enhancedPrivacy: apiOrg.enhancedPrivacy ?? false,
                allowSharedIssues: apiOrg.allowSharedIssues ?? true, isEarlyAdopter: apiOrg.isEarlyAdopter,
                require2FA: apiOrg.require2FA, hostedId: apiOrg.id, settings: organizationSettings),
            teams: teams.map { Team(slug: $0.slug, name: $0.name, hostedId: $0.id) },
            members: members,
            projects: projects.map { project in
                let stored = Dictionary(
                    SettingsCatalog.projectOptionKeys.compactMap { name, key in
                        project.options?[key].map { (name, $0.json) }
                    }, uniquingKeysWith: { first, _ in first })
                return Project(
                    slug: project.slug, name: project.name, platform: project.platform,
                    teams: (project.teams ?? []).map(\.slug).sorted(), hostedId: project.id,
                    settings: Self.settings(
                        stored, catalog: SettingsCatalog.projectByName, owner: "project '\(project.slug)'",
                        leftOut: &settingsLeftOut),
                    environments: perProjectEnvironments[project.slug])
            },
            projectSecrets: projects.compactMap { project in
                guard case .text(let token) = project.options?[SettingsCatalog.securityTokenKey], !token.isEmpty
                else { return nil }
                return ProjectSecret(project: project.slug, securityToken: token)
            })
        var report = ExportReport(leftOutMembers: read.leftOut, notCarried: notCarried)
        report.settingsLeftOut = settingsLeftOut
        for result in perProject {
            snapshot.keys += result.keys
            snapshot.secrets += result.secrets
            snapshot.filters.append(result.filters)
            if let ownership = result.ownership { snapshot.ownership.append(ownership) }
            report.keysWithoutSecret += result.keysWithoutSecret
        }
        report.keysWithoutSecret.sort()
        var integrations: [String: IntegrationReference] = [:]
        for row in integrationRows {
            if let id = row.id, let provider = row.provider?.key, let externalId = row.externalId {
                integrations[id] = IntegrationReference(provider: provider, externalId: externalId)
            }
        }
        let (rules, leftOutNodes) = Self.rules(
            try Self.rulesByProject(ruleRows, projects: Set(projects.map(\.slug))),
            teams: Dictionary(teams.map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first }),
            users: Dictionary(
                keyed.compactMap { member, email in member.user?.id.map { ($0, email) } },
                uniquingKeysWith: { first, _ in first }),
            integrations: integrations)
        snapshot.rules = rules
        report.leftOutRuleNodes = leftOutNodes
        report.madeUpRuleIds = rules.filter(\.hasMadeUpHostedId).compactMap(\.hostedId)
        let (metricAlerts, leftOutActions) = Self.metricAlerts(
            metricAlertRows,
            teams: Dictionary(teams.map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first }),
            users: Dictionary(
                keyed.compactMap { member, email in member.user?.id.map { ($0, email) } },
                uniquingKeysWith: { first, _ in first }),
            integrations: integrations)
        snapshot.metricAlerts = metricAlerts
        report.leftOutRuleNodes += leftOutActions
        report.madeUpRuleIds += metricAlerts.filter(\.hasMadeUpHostedId).compactMap(\.hostedId)
        return (snapshot.canonicalized(), report)
    }

    /// The areas an export reads, each guarded by its own scope (any of read, write, admin).
    static let requiredAreas = ["org", "team", "member", "project"]

    /// Asks `GET /api/0/` what the token is before anything else: an organization auth token or a
    /// token without the scopes an export needs stops here, before the long part.
    func preflight() async throws -> APIIndex {
        let (index, _) = try await client.get("/api/0/", as: APIIndex.self, scope: "", what: .index)
        let scopes = Set(index.auth?.scopes ?? [])
        // Organization auth tokens authenticate without a user and carry org:ci only.
        if index.user == nil && (client.configuration.token.hasPrefix("sntrys_") || scopes == ["org:ci"]) {
            throw HostedAPIError.organizationToken
        }
        let missing = Self.requiredAreas.filter { area in
            scopes.isDisjoint(with: ["read", "write", "admin"].map { "\(area):\($0)" })
        }.map { "\($0):read" }
        if !missing.isEmpty { throw HostedAPIError.missingScopes(missing: missing, held: scopes.sorted()) }
        return index
    }

    /// The caller's org role from its own membership; nil for callers without one (an internal
    /// integration's proxy user, Sentry staff), which Sentry gives access to every project.
    func callerRole(_ caller: APIIndex, org: String) async throws -> String? {
        guard caller.user != nil else { return nil }
        do {
            let (me, _) = try await client.get(
                "/api/0/organizations/\(org)/members/me/", as: APIMemberDetails.self, scope: "member:read",
                what: .member("me"))
            return me.orgRole ?? me.role
        } catch HostedAPIError.notFound {
            return nil
        }
    }

    /// Everything an export reads after the organization, as the requests answered.
    struct Lists: Sendable {
        var teams: [APITeam]
        /// Members with their lower-cased e-mails, and those left out for having none.
        var keyed: [(APIMember, String)]
        var leftOut: [LeftOutMember]
        var memberships: [String: [TeamMembership]]
        var projects: [APIProject]
        /// In the order of `projects`.
        var perProject: [ProjectParts]
        var inventory: (counts: [NotCarriedCount], integrations: [APIIntegrationRow], rules: [APIRule])
        var metricAlerts: [APIMetricAlert]
    }

    /// What one of `readLists`' requests (or groups of requests) brought.
    private enum Arrival: Sendable {
        case teams([APITeam])
        case members([APIMember])
        case projectPage([APIProject], link: String?)
        case project(Int, ProjectParts)
        case memberships([String: [TeamMembership]])
        case inventory(counts: [NotCarriedCount], integrations: [APIIntegrationRow], rules: [APIRule])
        case metricAlerts([APIMetricAlert])
    }

    /// Reads the lists and each project's parts, each as soon as what it needs is known, so that
    /// no rate-limit counter sits idle while another one's requests are read: sentry.io counts the
    /// keys lists (one per project, 40/s: the longest part of a large export) apart from the members
    /// list and from everything else. A project's keys, filters, ownership and environments start
    /// as soon as the page of the projects list that names it is in, while the members list, the
    /// team roles, the not-carried inventory and the metric alerts are read beside them.
    ///
    /// Nothing is asked about a project before its page shows that the caller reaches it; if some
    /// project is out of reach (or its options were withheld), no further project is started, the
    /// rest of the list is read and the export stops naming all of them. Team roles, the inventory
    /// and the metric alerts start only once the whole projects list passed that check (the
    /// combined alert list of every project would answer 403 otherwise), and after the projects'
    /// teams are checked against the teams list.
    func readLists(org: String, role: String?, openMembership: Bool) async throws -> Lists {
        let client = self.client
        let projectsPath = "/api/0/organizations/\(org)/projects/"
        let projectsQuery = Self.listedOptions.map { URLQueryItem(name: "options", value: $0) }
        let width = max(2, await client.concurrency * 2)
        return try await withThrowingTaskGroup(of: Arrival.self) { group in
            group.addTask {
                .teams(
                    try await client.getAll(
                        "/api/0/organizations/\(org)/teams/", query: [URLQueryItem(name: "detailed", value: "0")],
                        of: APITeam.self, scope: "org:read", what: .organization(organization)))
            }
            group.addTask {
                .members(
                    try await client.getAll(
                        "/api/0/organizations/\(org)/members/", of: APIMember.self, scope: "member:read",
                        what: .organization(organization)))
            }
            func addProjectPage(cursor: String?) {
                group.addTask {
                    let (rows, link) = try await client.page(
                        projectsPath, query: projectsQuery, cursor: cursor, of: APIProject.self, scope: "org:read",
                        what: .organization(organization))
                    return .projectPage(rows, link: link)
                }
            }
            addProjectPage(cursor: nil)

            var walk = ListWalk(path: projectsPath)
            var teams: [APITeam]?
            var apiMembers: [APIMember]?
            var projects: [APIProject] = []
            var projectsListed = false
            var projectOutOfReach = false
            var parts: [ProjectParts?] = []
            var started = 0
            var running = 0
            var finished = 0
            var rest: (keyed: [(APIMember, String)], leftOut: [LeftOutMember])?
            var memberships: [String: [TeamMembership]]?
            var inventory: (counts: [NotCarriedCount], integrations: [APIIntegrationRow], rules: [APIRule])?
            var metricAlerts: [APIMetricAlert]?

            while let arrival = try await group.next() {
                switch arrival {
                case .teams(let list):
                    teams = list
                    report(.teams, list.count, list.count, finished: true)
                case .members(let list):
                    apiMembers = list
                case .projectPage(let rows, let link):
                    projects += rows
                    parts += repeatElement(nil, count: rows.count)
                    if rows.contains(where: { $0.hasAccess == false || $0.options == nil }) { projectOutOfReach = true }
                    if try walk.follow(rows: rows.count, link: link) {
                        addProjectPage(cursor: walk.cursor)
                    } else {
                        projectsListed = true
                        // Names every project out of reach, now that the list is whole.
                        try Self.checkAccess(projects, role: role, openMembership: openMembership)
                        report(.projects, projects.count, projects.count, finished: true)
                    }
                case .project(let index, let result):
                    parts[index] = result
                    running -= 1
                    finished += 1
                    let total = projectsListed ? projects.count : nil
                    for kind in [ExportKind.keys, .filters, .ownership] {
                        report(kind, finished, total, finished: finished == total)
                    }
                case .memberships(let found):
                    memberships = found
                    let count = rest?.keyed.count ?? 0
                    report(.members, count, count, finished: true)
                case .inventory(let counts, let integrations, let rules):
                    inventory = (counts, integrations, rules)
                case .metricAlerts(let rows):
                    metricAlerts = rows
                }
                while !projectOutOfReach, running < width, started < projects.count {
                    let index = started
                    let project = projects[index]
                    started += 1
                    running += 1
                    group.addTask { .project(index, try await self.projectParts(of: project, org: org)) }
                }
                if projectsListed, rest == nil, let teams, let apiMembers {
                    try Self.checkTeams(of: projects, teams: teams)
                    let (keyed, leftOut) = try Self.keyedMembers(apiMembers)
                    rest = (keyed, leftOut)
                    group.addTask {
                        .memberships(try await self.teamMemberships(teams: teams, members: keyed, org: org))
                    }
                    group.addTask {
                        let (counts, integrations, rules) = try await self.notCarriedWithIntegrations(org: org)
                        return .inventory(counts: counts, integrations: integrations, rules: rules)
                    }
                    group.addTask { .metricAlerts(try await self.metricAlertDetails(org: org)) }
                }
            }
            // Each of these starts once the lists it needs are in, and the loop ends when all have ended.
            guard let teams, let rest, let memberships, let inventory, let metricAlerts else {
                preconditionFailure("readLists ended before every list was read")
            }
            return Lists(
                teams: teams, keyed: rest.keyed, leftOut: rest.leftOut, memberships: memberships, projects: projects,
                perProject: parts.compactMap { $0 }, inventory: inventory, metricAlerts: metricAlerts)
        }
    }

    /// Every team a project names must be in the teams list; one created since the list was read
    /// means the organization changed during the export.
    static func checkTeams(of projects: [APIProject], teams: [APITeam]) throws {
        let teamSlugs = Set(teams.map(\.slug))
        for project in projects {
            for team in project.teams ?? [] where !teamSlugs.contains(team.slug) {
                throw HostedAPIError.organizationChanged(
                    detail:
                        "project '\(project.slug)' belongs to team '\(team.slug)', which the teams list did not have")
            }
        }
    }

    /// Stops before the per-project requests when some projects are out of the caller's reach:
    /// their keys, filters and ownership would answer 403, and their options are missing.
    static func checkAccess(_ projects: [APIProject], role: String?, openMembership: Bool) throws {
        let unreachable = projects.filter { $0.hasAccess == false }.map(\.slug)
        if !unreachable.isEmpty {
            throw HostedAPIError.incompleteAccess(
                role: role ?? "member", openMembership: openMembership, projects: unreachable, total: projects.count)
        }
        // Never substitute defaults for data the API withheld.
        if let withheld = projects.first(where: { $0.options == nil }) {
            throw HostedAPIError.optionsWithheld(project: withheld.slug)
        }
    }

    /// Members keyed by lower-cased e-mail. A member without an e-mail cannot be keyed and is left
    /// out (named in the report); two whose e-mails differ only by case stop the export.
    static func keyedMembers(_ members: [APIMember]) throws -> ([(APIMember, String)], [LeftOutMember]) {
        var keyed: [(APIMember, String)] = []
        var leftOut: [LeftOutMember] = []
        var byEmail: [String: APIMember] = [:]
        for member in members {
            guard let raw = member.email, !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
                leftOut.append(
                    LeftOutMember(
                        hostedId: member.id, name: member.name ?? member.user?.name ?? "",
                        reason: "sentry.io gives no e-mail for its user, and members are keyed by e-mail"))
                continue
            }
            let email = raw.lowercased()
            if let earlier = byEmail[email] {
                throw HostedAPIError.duplicateMembers(
                    first: .init(id: earlier.id, email: earlier.email ?? ""), second: .init(id: member.id, email: raw))
            }
            byEmail[email] = member
            keyed.append((member, email))
        }
        return (keyed, leftOut)
    }

    /// Team roles from whichever costs fewer requests: each team's member list (paged) or each
    /// member's details (one request per member). Team lists report `memberCount`, so the
    /// choice is known before the first request.
    func teamMemberships(teams: [APITeam], members keyed: [(APIMember, String)], org: String) async throws
        -> [String: [TeamMembership]]
    {
        let members = keyed.map(\.0)
        guard !teams.isEmpty, !members.isEmpty else { return [:] }
        let listingCost = RequestFormula.teamListingCost(teamMemberCounts: teams.map { $0.memberCount ?? 0 })
        var result: [String: [TeamMembership]] = [:]
        // Team member lists need access to each team (TeamPermission); member details do not.
        let canListTeams = teams.allSatisfy { $0.hasAccess ?? true }
        if listingCost <= members.count && canListTeams {
            let lists = try await bounded(teams) { team in
                let list = try await client.getAll(
                    "/api/0/teams/\(org)/\(team.slug.urlPathEscaped)/members/", of: APITeamMember.self,
                    scope: "team:read", what: .team(team.slug))
                return (team.slug, list)
            } done: {
                report(.members, $0, teams.count, finished: false)
            }
            for (slug, list) in lists {
                for member in list {
                    result[member.id, default: []].append(TeamMembership(slug: slug, role: member.teamRole))
                }
            }
        } else {
            let details = try await bounded(members) { member in
                try await client.get(
                    "/api/0/organizations/\(org)/members/\(member.id.urlPathEscaped)/", as: APIMemberDetails.self,
                    scope: "member:read", what: .member(member.id)
                ).0
            } done: {
                report(.members, $0, members.count, finished: false)
            }
            let teamSlugs = Set(teams.map(\.slug))
            for detail in details {
                let roles = detail.teamRoles ?? (detail.teams ?? []).map { .init(teamSlug: $0, role: nil) }
                if let unknown = roles.first(where: { !teamSlugs.contains($0.teamSlug) }) {
                    throw HostedAPIError.organizationChanged(
                        detail:
                            "member \(detail.id) is on team '\(unknown.teamSlug)', which the teams list did not have")
                }
                result[detail.id] = roles.map { TeamMembership(slug: $0.teamSlug, role: $0.role) }
            }
        }
        return result
    }

    struct ProjectParts: Sendable {
        var keys: [ClientKey]
        var secrets: [KeySecret]
        var keysWithoutSecret: [String]
        var filters: InboundFilters
        var ownership: Ownership?
        /// Name → hidden; nil when the project has none.
        var environments: [String: Bool]?
        var project: String
    }

    /// The values of `catalog`'s settings in an answer. A value Sentry itself could not use (the wrong
    /// type; `relayPiiConfig` null, empty or not a JSON object, as an old writer could leave it) is
    /// left out and named; nil when none is left.
    static func settings(
        _ values: [String: JSONValue], catalog: [String: SettingDefinition], owner: String, leftOut: inout [String]
    ) -> SettingValues? {
        var kept: [String: JSONValue] = [:]
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let definition = catalog[name] else { continue }
            if name == "relayPiiConfig", value == .null || value == .string("") { continue }
            // Organization details answer defaults for unset settings: absent means the default.
            if value == definition.defaultValue { continue }
            var value = value
            if name == "trustedRelays", case .array(let relays) = value {
                // Only the fields Sentry stores; the API may add its own.
                let stored: Set<String> = ["publicKey", "name", "description", "created", "lastModified"]
                value = .array(
                    relays.map { relay in
                        guard case .object(let fields) = relay else { return relay }
                        return .object(fields.filter { stored.contains($0.key) && $0.value != .null })
                    })
            }
            if let problem = definition.problem(with: value) {
                leftOut.append("\(owner) \(name): \(problem)")
                continue
            }
            kept[name] = value
        }
        return kept.isEmpty ? nil : SettingValues(kept)
    }

    /// A project's client keys, inbound filters, ownership and environments (four requests at once).
    func projectParts(of project: APIProject, org: String) async throws -> ProjectParts {
        let base = "/api/0/projects/\(org)/\(project.slug.urlPathEscaped)/"
        async let keysRequest = client.getAll(
            base + "keys/", of: APIKey.self, scope: "project:read", what: .project(project.slug))
        async let filtersRequest = client.get(
            base + "filters/", as: [APIFilter].self, scope: "project:read", what: .project(project.slug))
        async let ownershipRequest = client.get(
            base + "ownership/", as: APIOwnership.self, scope: "project:read", what: .project(project.slug))
        // Hidden environments too; "" (no environment) is never listed (`project_environments.py`).
        async let environmentsRequest = client.get(
            base + "environments/", query: [URLQueryItem(name: "visibility", value: "all")],
            as: [APIEnvironment].self, scope: "project:read", what: .project(project.slug))
        let keys = try await keysRequest
        let filters = try await filtersRequest.0
        let ownership = try await ownershipRequest.0
        let environments = try await environmentsRequest.0.filter { !$0.name.isEmpty }
        return try ProjectParts(
            keys: keys.map { Self.clientKey($0, project: project.slug) },
            secrets: keys.map { KeySecret(publicKey: $0.public, secretKey: $0.secret) },
            keysWithoutSecret: keys.filter { $0.secret == nil }.map(\.public),
            filters: Self.filters(filters, options: project.options ?? [:], project: project.slug),
            ownership: Self.ownership(ownership, project: project.slug),
            environments: environments.isEmpty
                ? nil
                : Dictionary(environments.map { ($0.name, $0.isHidden) }, uniquingKeysWith: { first, _ in first }),
            project: project.slug)
    }

    static func clientKey(_ key: APIKey, project: String) -> ClientKey {
        let rateLimit = key.rateLimit.flatMap { limit in
            limit.count.flatMap { count in limit.window.map { RateLimit(count: count, window: $0) } }
        }
        let loader = key.dynamicSdkLoaderOptions.map {
            LoaderOptions(
                hasDebug: $0.hasDebug ?? false, hasFeedback: $0.hasFeedback ?? false,
                hasLogsAndMetrics: $0.hasLogsAndMetrics ?? false, hasPerformance: $0.hasPerformance ?? false,
                hasReplay: $0.hasReplay ?? false)
        }
        return ClientKey(
            project: project, label: key.label, publicKey: key.public, active: key.isActive, rateLimit: rateLimit,
            browserSdkVersion: key.browserSdkVersion, loaderOptions: loader, hostedProjectId: String(key.projectId))
    }

    static func filters(_ list: [APIFilter], options: [String: OptionValue], project: String) throws -> InboundFilters {
        var filters = InboundFilters(project: project)
        for filter in list {
            switch filter.id {
            case "browser-extensions": filters.browserExtensions = filter.active.flag
            case "localhost": filters.localhost = filter.active.flag
            case "web-crawlers": filters.webCrawlers = filter.active.flag
            case "filtered-transaction": filters.filteredTransaction = filter.active.flag
            case "legacy-browsers":
                switch filter.active {
                case .flag(let value): filters.legacyBrowsers = .all(value)
                case .subfilters(let names): filters.legacyBrowsers = .subfilters(names.sorted())
                }
            default: break  // Filters newer than this tool are not carried.
            }
        }
        filters.blacklistedIps = options["sentry:blacklisted_ips"]?.lines ?? []
        filters.releases = options["sentry:releases"]?.lines ?? []
        filters.errorMessages = options["sentry:error_messages"]?.lines ?? []
        filters.reactHydrationErrors = options["filters:react-hydration-errors"]?.isOn ?? true
        filters.chunkLoadError = options["filters:chunk-load-error"]?.isOn ?? true
        return filters
    }

    /// nil when the project never saved ownership (the API then answers unsaved defaults).
    static func ownership(_ body: APIOwnership, project: String) throws -> Ownership? {
        if body.raw == nil && body.dateCreated == nil { return nil }
        guard let assignment = AutoAssignment(rawValue: body.autoAssignment) else {
            throw HostedAPIError.malformed(
                url: "/ownership/ of project \(project)", path: "$.autoAssignment",
                detail: "unknown value '\(body.autoAssignment)'")
        }
        return Ownership(
            project: project, raw: body.raw, fallthrough: body.fallthrough, autoAssignment: assignment,
            codeownersAutoSync: body.codeownersAutoSync ?? true)
    }

    func report(_ kind: ExportKind, _ completed: Int, _ total: Int?, finished: Bool) {
        progress(ExportProgress(kind: kind, completed: completed, total: total, finished: finished))
    }

    /// Runs `work` over `items` with at most twice the client's concurrency outstanding (the
    /// client itself bounds what is in flight), keeping input order in the result.
    func bounded<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ work: @escaping @Sendable (Item) async throws -> Output,
        done: @escaping @Sendable (Int) -> Void
    ) async throws -> [Output] {
        let width = max(2, await client.concurrency * 2)
        return try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: items.count)
            var next = 0
            var completed = 0
            while next < min(width, items.count) {
                let index = next
                group.addTask { (index, try await work(items[index])) }
                next += 1
            }
            while let (index, output) = try await group.next() {
                results[index] = output
                completed += 1
                done(completed)
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await work(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}

extension String {
    var urlPathEscaped: String {
        addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? self
    }
}
