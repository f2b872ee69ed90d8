import Foundation
import SentryModel
import Synchronization

/// Fetches one organization's configuration from sentry.io as a `Snapshot`, in the fewest
/// requests the API allows (see `RequestFormula`).
public struct Exporter: Sendable {
    public let client: HostedClient
    public let organization: String
    public let progress: @Sendable (ExportProgress) -> Void

    /// Project options the projects list carries (`?options=`), so no project-details request is needed.
    static let filterOptions = [
        "sentry:blacklisted_ips", "sentry:releases", "sentry:error_messages", "filters:react-hydration-errors",
        "filters:chunk-load-error",
    ]

    public init(
        client: HostedClient, organization: String, progress: @escaping @Sendable (ExportProgress) -> Void = { _ in }
    ) {
        self.client = client
        self.organization = organization
        self.progress = progress
    }

    public func export() async throws -> Snapshot {
        let org = organization.urlPathEscaped
        let (apiOrg, _) = try await client.get(
            "/api/0/organizations/\(org)/", query: [URLQueryItem(name: "detailed", value: "0")],
            as: APIOrganization.self, scope: "org:read", what: .organization(organization))
        report(.organization, 1, 1, finished: true)

        async let teamsRequest = client.getAll(
            "/api/0/organizations/\(org)/teams/", query: [URLQueryItem(name: "detailed", value: "0")], of: APITeam.self,
            scope: "org:read", what: .organization(organization))
        async let membersRequest = client.getAll(
            "/api/0/organizations/\(org)/members/", of: APIMember.self, scope: "member:read",
            what: .organization(organization))
        async let projectsRequest = client.getAll(
            "/api/0/organizations/\(org)/projects/",
            query: Self.filterOptions.map { URLQueryItem(name: "options", value: $0) }, of: APIProject.self,
            scope: "org:read", what: .organization(organization))
        let teams = try await teamsRequest
        report(.teams, teams.count, teams.count, finished: true)
        let apiMembers = try await membersRequest
        let projects = try await projectsRequest
        report(.projects, projects.count, projects.count, finished: true)

        let memberships = try await teamMemberships(teams: teams, members: apiMembers, org: org)
        let members = apiMembers.map { member -> Member in
            let pending = member.pending ?? (member.user == nil)
            let email = member.email.lowercased()
            return Member(
                email: email, name: member.name ?? member.user?.name ?? email,
                role: member.orgRole ?? member.role ?? "member",
                pending: pending, teams: (memberships[member.id] ?? []).sorted { $0.slug < $1.slug },
                hostedId: member.id)
        }
        report(.members, members.count, members.count, finished: true)

        let perProject = try await projectDetails(projects, org: org)
        var snapshot = Snapshot(
            organization: Organization(
                slug: apiOrg.slug, name: apiOrg.name, defaultRole: apiOrg.defaultRole ?? "member",
                openMembership: apiOrg.openMembership ?? true, enhancedPrivacy: apiOrg.enhancedPrivacy ?? false,
                allowSharedIssues: apiOrg.allowSharedIssues ?? true, isEarlyAdopter: apiOrg.isEarlyAdopter,
                require2FA: apiOrg.require2FA, hostedId: apiOrg.id),
            teams: teams.map { Team(slug: $0.slug, name: $0.name, hostedId: $0.id) },
            members: members,
            projects: projects.map {
                Project(
                    slug: $0.slug, name: $0.name, platform: $0.platform, teams: ($0.teams ?? []).map(\.slug).sorted(),
                    hostedId: $0.id)
            })
        for result in perProject {
            snapshot.keys += result.keys
            snapshot.secrets += result.secrets
            snapshot.filters.append(result.filters)
            if let ownership = result.ownership { snapshot.ownership.append(ownership) }
        }
        return snapshot.canonicalized()
    }

    /// Team roles from whichever costs fewer requests: each team's member list (paged) or each
    /// member's details (one request per member). Team lists report `memberCount`, so the
    /// choice is known before the first request.
    func teamMemberships(teams: [APITeam], members: [APIMember], org: String) async throws -> [String: [TeamMembership]]
    {
        guard !teams.isEmpty, !members.isEmpty else { return [:] }
        let listingCost = RequestFormula.teamListingCost(teamMemberCounts: teams.map { $0.memberCount ?? 0 })
        var result: [String: [TeamMembership]] = [:]
        if listingCost <= members.count {
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
            for detail in details {
                let roles = detail.teamRoles ?? (detail.teams ?? []).map { .init(teamSlug: $0, role: nil) }
                result[detail.id] = roles.map { TeamMembership(slug: $0.teamSlug, role: $0.role) }
            }
        }
        return result
    }

    struct ProjectParts: Sendable {
        var keys: [ClientKey]
        var secrets: [KeySecret]
        var filters: InboundFilters
        var ownership: Ownership?
    }

    func projectDetails(_ projects: [APIProject], org: String) async throws -> [ProjectParts] {
        let counter = ProgressCounter()
        return try await bounded(projects) { project in
            let base = "/api/0/projects/\(org)/\(project.slug.urlPathEscaped)/"
            async let keysRequest = client.getAll(
                base + "keys/", of: APIKey.self, scope: "project:read", what: .project(project.slug))
            async let filtersRequest = client.get(
                base + "filters/", as: [APIFilter].self, scope: "project:read", what: .project(project.slug))
            async let ownershipRequest = client.get(
                base + "ownership/", as: APIOwnership.self, scope: "project:read", what: .project(project.slug))
            let keys = try await keysRequest
            let done = counter.increment()
            report(.keys, done, projects.count, finished: done == projects.count)
            let filters = try await filtersRequest.0
            report(.filters, done, projects.count, finished: done == projects.count)
            let ownership = try await ownershipRequest.0
            report(.ownership, done, projects.count, finished: done == projects.count)
            return try ProjectParts(
                keys: keys.map { Self.clientKey($0, project: project.slug) },
                secrets: keys.map { KeySecret(publicKey: $0.public, secretKey: $0.secret) },
                filters: Self.filters(filters, options: project.options ?? [:], project: project.slug),
                ownership: Self.ownership(ownership, project: project.slug))
        } done: { _ in
        }
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

/// Counts finished projects across concurrent tasks.
final class ProgressCounter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}

extension String {
    var urlPathEscaped: String {
        addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? self
    }
}
