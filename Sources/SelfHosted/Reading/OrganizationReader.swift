import Planning
import SentryModel

/// The organization asked for is not in the target database.
public struct OrganizationNotFoundError: ReportableError {
    public var slug: String
    public var present: [String]

    public init(slug: String, present: [String]) {
        self.slug = slug
        self.present = present
    }

    public var exitStatus: ExitStatus { .dataError }

    public var diagnostics: [Diagnostic] {
        let others =
            present.isEmpty
            ? "the database holds no active organization" : "it holds: \(present.joined(separator: ", "))"
        return [
            Diagnostic(
                "organization '\(slug)' is not in the target database", why: others,
                next: "Check --org; slugs are lower-case.")
        ]
    }
}

extension TargetDatabase {
    /// Reads one organization as a snapshot, in one read-only transaction so that every kind sees the
    /// same moment. Returns nil when no active organization has `slug`.
    public func readOrganization(slug: String) throws -> Snapshot? {
        try connection.withTransaction(activity: "reading organization '\(slug)'") { connection in
            try connection.execute(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", activity: "starting a consistent read")
            return try OrganizationReader(connection: connection, profile: profile, sharesSnapshot: true).read(
                slug: slug
            ) { [self] in warn($0) }
        }
    }

    /// Reads the organization `desired` names on the target: under its own slug, or else the
    /// organization the mapping migrates it into (`Organization.targetSlugs`).
    public func readOrganization(for desired: Organization) throws -> Snapshot? {
        for slug in desired.targetSlugs {
            if let found = try readOrganization(slug: slug) { return found }
        }
        return nil
    }

    /// Slugs of the active organizations, for error messages.
    public func organizationSlugs() throws -> [String] {
        try connection.query(
            "SELECT slug FROM sentry_organization WHERE status = 0 ORDER BY slug", activity: "listing organizations"
        ).map { try $0.string("slug") }
    }
}

/// Queries per kind, one statement each, whatever the organization's size.
struct OrganizationReader {
    let connection: PostgresConnection
    let profile: TargetProfile
    /// Whether `connection` is in a read-only REPEATABLE READ transaction whose snapshot a second
    /// connection may share (`MembersAside`), so that members (the most rows) are read beside the
    /// other kinds. Never inside apply's transaction, whose own writes only it can see.
    var sharesSnapshot = false

    /// The organization `desired` names (see `TargetDatabase.readOrganization(for:)`). `stages`: the
    /// kinds to read (the keys stage includes secrets); the others are left empty. Apply's check before
    /// each stage needs only the kinds still to write, not the whole organization again.
    func read(
        for desired: Organization, stages: Set<Stage> = Set(Stage.allCases), warn: (String) -> Void
    ) throws -> Snapshot? {
        for slug in desired.targetSlugs {
            if let found = try read(slug: slug, stages: stages, warn: warn) { return found }
        }
        return nil
    }

    func read(slug: String, stages: Set<Stage> = Set(Stage.allCases), warn: (String) -> Void) throws -> Snapshot? {
        let orgRows = try connection.query(
            "SELECT id, slug, name, default_role, flags FROM sentry_organization WHERE slug = \(slug) AND status = 0",
            activity: "reading the organization")
        guard let orgRow = orgRows.first else { return nil }
        let orgId = try orgRow.int64("id")
        let flags = try orgRow.int64("flags")
        var organization = Organization(
            slug: try orgRow.string("slug"),
            name: try orgRow.string("name"),
            defaultRole: try orgRow.string("default_role"),
            openMembership: flags & 1 != 0,
            enhancedPrivacy: flags & 2 != 0,
            allowSharedIssues: flags & 4 == 0,
            isEarlyAdopter: flags & 8 != 0,
            require2FA: flags & 16 != 0,
            hostedId: String(orgId))
        let settingsReader = SettingsReader(connection: connection, profile: profile)
        organization.settings = try settingsReader.organizationSettings(orgId: orgId, flags: flags, warn: warn)

        var teamSlugs: [Int64: String] = [:]
        var teams: [Team] = []
        for row in try connection.query(
            "SELECT id, slug, name FROM sentry_team WHERE organization_id = \(orgId) AND status = 0",
            activity: "reading teams")
        {
            let id = try row.int64("id")
            let team = Team(slug: try row.string("slug"), name: try row.string("name"), hostedId: String(id))
            teamSlugs[id] = team.slug
            teams.append(team)
        }

        let shared = stages.contains(.members) && sharesSnapshot ? try MembersAside.exportSnapshot(of: connection) : nil
        let (aside, rest) = try concurrently(
            {
                try shared.flatMap {
                    try MembersAside.read(
                        sharing: $0, of: connection, profile: profile, orgId: orgId, teamSlugs: teamSlugs)
                }
            },
            {
                try readAllButMembers(
                    orgId: orgId, organization: organization, teamSlugs: teamSlugs, stages: stages, warn: warn)
            })
        let members: [Member]
        if let aside {
            aside.warnings.forEach(warn)
            members = aside.members
        } else {
            members = stages.contains(.members) ? try readMembers(orgId: orgId, teamSlugs: teamSlugs, warn: warn) : []
        }
        var snapshot = rest
        snapshot.teams = stages.contains(.teams) ? teams : []
        snapshot.members = members
        // In canonical order, so that the planner's canonical copy finds every list in order. Most come
        // from PostgreSQL in that order (`COLLATE "C"`), and the members are sorted where they are read,
        // on their own connection: this checks them and sorts only what is not.
        return snapshot.canonicalized()
    }

    /// Every kind but teams and members, in the snapshot they are returned in.
    private func readAllButMembers(
        orgId: Int64, organization: Organization, teamSlugs: [Int64: String], stages: Set<Stage>,
        warn: (String) -> Void
    ) throws -> Snapshot {
        let settingsReader = SettingsReader(connection: connection, profile: profile)
        var (projects, projectSlugs, projectOrder) = try readProjects(
            orgId: orgId, teamSlugs: teamSlugs, withTeams: stages.contains(.projects))
        var tokens: [ProjectSecret] = []
        if stages.contains(.projects) {
            let projectSettings = try settingsReader.projectSettings(
                orgId: orgId, projectSlugs: projectSlugs, warn: warn)
            let environments = try settingsReader.environments(orgId: orgId, projectSlugs: projectSlugs)
            tokens = try settingsReader.securityTokens(orgId: orgId, projectSlugs: projectSlugs)
            for index in projects.indices {
                projects[index].settings = projectSettings[projects[index].slug]
                projects[index].environments = environments[projects[index].slug]
            }
        }
        let (keys, secrets) = stages.contains(.keys) ? try readKeys(orgId: orgId, projectSlugs: projectSlugs) : ([], [])
        let filters =
            stages.contains(.filters) ? try readFilters(orgId: orgId, projects: projectOrder, warn: warn) : []
        let ownership = stages.contains(.ownership) ? try readOwnership(orgId: orgId, projectSlugs: projectSlugs) : []
        let rules =
            stages.contains(.rules)
            ? try RuleReader(connection: connection, profile: profile).read(
                orgId: orgId, projectSlugs: projectSlugs, teamSlugs: teamSlugs) : []
        let metricAlerts =
            stages.contains(.metricAlerts)
            ? try MetricAlertReader(connection: connection, profile: profile).read(
                orgId: orgId, projectSlugs: projectSlugs, teamSlugs: teamSlugs) : []

        return Snapshot(
            organization: organization,
            projects: stages.contains(.projects) ? projects : [], keys: keys, filters: filters, ownership: ownership,
            secrets: secrets, projectSecrets: tokens, rules: rules, metricAlerts: metricAlerts)
    }

    func readMembers(orgId: Int64, teamSlugs: [Int64: String], warn: (String) -> Void) throws -> [Member] {
        var teamsByMember: [Int64: [TeamMembership]] = [:]
        for row in try connection.query(
            """
            SELECT omt.organizationmember_id, omt.team_id, omt.role
            FROM sentry_organizationmember_teams omt
            JOIN sentry_organizationmember m ON m.id = omt.organizationmember_id
            WHERE m.organization_id = \(orgId) AND omt.is_active
            """,
            activity: "reading team memberships")
        {
            // Memberships of deleted teams are not memberships any more.
            guard let slug = teamSlugs[try row.int64("team_id")] else { continue }
            teamsByMember[try row.int64("organizationmember_id"), default: []].append(
                TeamMembership(slug: slug, role: try row.optionalString("role")))
        }

        var members: [Member] = []
        // Join requests and invite requests (invite_status 1, 2) are not members yet.
        for row in try connection.query(
            """
            SELECT m.id, m.role, m.email AS invite_email, m.user_id, u.email AS user_email, u.first_name
            FROM sentry_organizationmember m
            LEFT JOIN auth_user u ON u.id = m.user_id
            WHERE m.organization_id = \(orgId) AND coalesce(m.invite_status, 0) = 0
            """,
            activity: "reading members")
        {
            let id = try row.int64("id")
            let pending = try row.optionalInt64("user_id") == nil
            let email: String
            var name: String
            if pending {
                email = (try row.optionalString("invite_email") ?? "").lowercased()
                name = email
            } else if let userEmail = try row.optionalString("user_email") {
                email = userEmail.lowercased()
                name = try row.optionalString("first_name") ?? ""
                if name.isEmpty { name = email }
            } else {
                warn(
                    "member \(id) of the organization points at user \(try row.int64("user_id")), which does not"
                        + " exist; it is left out. Sentry would fail on it too: remove the member row.")
                continue
            }
            members.append(
                Member(
                    email: email, name: name, role: try row.string("role"), pending: pending,
                    teams: (teamsByMember[id] ?? []).sorted { $0.slug.utf8Precedes($1.slug) }, hostedId: String(id)))
        }
        // In the snapshot's canonical order already: sorted here, beside the other kinds' reads (on the
        // members' own connection), the planner's canonical copy of the target finds them in order
        // instead of sorting 50,000 members on its one thread.
        return members.sortedIfNeeded { $0.email.utf8Precedes($1.email) }
    }

    /// Every project's slug by id (later kinds name their project); its teams only `withTeams`; and the
    /// projects' ids and slugs in canonical order.
    private func readProjects(
        orgId: Int64, teamSlugs: [Int64: String], withTeams: Bool
    ) throws -> ([Project], [Int64: String], [(id: Int64, slug: String)]) {
        var teamsByProject: [Int64: [String]] = [:]
        for row in try withTeams
            ? connection.query(
                """
                SELECT pt.project_id, pt.team_id FROM sentry_projectteam pt
                JOIN sentry_project p ON p.id = pt.project_id
                WHERE p.organization_id = \(orgId)
                """,
                activity: "reading project teams") : QueryResult.empty
        {
            guard let slug = teamSlugs[try row.int64("team_id")] else { continue }
            teamsByProject[try row.int64("project_id"), default: []].append(slug)
        }
        var projects: [Project] = []
        var slugs: [Int64: String] = [:]
        var order: [(id: Int64, slug: String)] = []
        // Rows come in canonical order (`COLLATE "C"` is UTF-8 byte order), and so do the kinds read per
        // project: sorting them here (filters from a dictionary, keys and projects as the heap holds them)
        // was 36 ms of a large plan's reading (docs/performance.md, eleventh session).
        for row in try connection.query(
            """
            SELECT id, slug, name, platform FROM sentry_project WHERE organization_id = \(orgId) AND status = 0
            ORDER BY slug COLLATE "C"
            """,
            activity: "reading projects")
        {
            let id = try row.int64("id")
            let slug = try row.string("slug")
            slugs[id] = slug
            order.append((id, slug))
            projects.append(
                Project(
                    slug: slug, name: try row.string("name"), platform: try row.optionalString("platform"),
                    teams: (teamsByProject[id] ?? []).sorted { $0.utf8Precedes($1) }, hostedId: String(id)))
        }
        return (projects, slugs, order)
    }

    private func readKeys(orgId: Int64, projectSlugs: [Int64: String]) throws -> ([ClientKey], [KeySecret]) {
        // Only keys that can store events are DSNs; internal use cases (profiling, …) are Sentry's own.
        let useCase: SQL = profile.hasKeyUseCase ? "AND k.use_case = 'user'" : ""
        var keys: [ClientKey] = []
        var secrets: [KeySecret] = []
        // A key's `data` (its loader settings) is one of a few texts in an organization: each is parsed once,
        // not once per key (10,000 parses were a quarter of reading the keys, docs/performance.md, twelfth
        // session).
        struct KeyData {
            var browserSdkVersion: String?
            var loaderOptions: LoaderOptions?
        }
        var loaderData: [String: KeyData] = [:]
        for row in try connection.query(
            """
            SELECT k.project_id, k.label, k.public_key, k.secret_key, k.status, k.rate_limit_count,
                   k.rate_limit_window, k.data
            FROM sentry_projectkey k JOIN sentry_project p ON p.id = k.project_id
            WHERE p.organization_id = \(orgId) AND (k.roles & 1) = 1 AND k.public_key IS NOT NULL \(useCase)
            ORDER BY p.slug COLLATE "C", k.public_key COLLATE "C"
            """,
            activity: "reading client keys")
        {
            let projectId = try row.int64("project_id")
            guard let project = projectSlugs[projectId] else { continue }
            let publicKey = try row.string("public_key")
            var label = try row.optionalString("label") ?? ""
            if label.isEmpty { label = String(publicKey.prefix(14)) }
            var rateLimit: RateLimit?
            if let count = try row.optionalInt("rate_limit_count"),
                let window = try row.optionalInt("rate_limit_window")
            {
                rateLimit = RateLimit(count: count, window: window)
            }
            let dataText = try row.optionalString("data") ?? "{}"
            let loader: KeyData
            if let known = loaderData[dataText] {
                loader = known
            } else {
                let data = JSONValue.parse(dataText) ?? .object([:])
                loader = KeyData(
                    browserSdkVersion: data["browserSdkVersion"]?.stringValue,
                    loaderOptions: data["dynamicSdkLoaderOptions"].map(Self.loaderOptions))
                loaderData[dataText] = loader
            }
            keys.append(
                ClientKey(
                    project: project, label: label, publicKey: publicKey, active: try row.int("status") == 0,
                    rateLimit: rateLimit, browserSdkVersion: loader.browserSdkVersion,
                    loaderOptions: loader.loaderOptions, hostedProjectId: String(projectId)))
            // NULL is a secret too (none), as sentry.io answers it: every key has its entry.
            secrets.append(KeySecret(publicKey: publicKey, secretKey: try row.optionalString("secret_key")))
        }
        // Secrets are in public-key order in a snapshot: sorted here, beside the members' read, and not in
        // the canonical copy at the end, where sorting 10,000 took 10-20 ms of plan's one-thread tail
        // (docs/performance.md, twelfth session).
        return (keys, secrets.sortedInUTF8Order(by: \.publicKey))
    }

    private static func loaderOptions(_ value: JSONValue) -> LoaderOptions {
        LoaderOptions(
            hasDebug: value["hasDebug"]?.boolValue ?? false,
            hasFeedback: value["hasFeedback"]?.boolValue ?? false,
            hasLogsAndMetrics: value["hasLogsAndMetrics"]?.boolValue ?? false,
            hasPerformance: value["hasPerformance"]?.boolValue ?? false,
            hasReplay: value["hasReplay"]?.boolValue ?? false)
    }

    private func readFilters(
        orgId: Int64, projects: [(id: Int64, slug: String)], warn: (String) -> Void
    ) throws -> [InboundFilters] {
        var options: [Int64: [String?]] = [:]
        for row in try connection.query(
            """
            SELECT o.project_id, o.key, o.value::text AS value
            FROM sentry_projectoptions o JOIN sentry_project p ON p.id = o.project_id
            WHERE p.organization_id = \(orgId) AND o.key = ANY(\(FilterOptions.keys)) AND o.value IS NOT NULL
            """,
            activity: "reading inbound filters")
        {
            guard let position = FilterOptions.keys.firstIndex(of: try row.string("key")) else { continue }
            options[try row.int64("project_id"), default: FilterOptions.noValues][position] = try row.string("value")
        }
        var warnings: [String] = []
        let filters = projects.map { id, slug in
            FilterOptions(
                values: options[id] ?? FilterOptions.noValues, project: slug,
                flagStrings: profile.genericFiltersAsFlagStrings
            ).decode(warnings: &warnings)
        }
        warnings.forEach(warn)
        return filters
    }

    private func readOwnership(orgId: Int64, projectSlugs: [Int64: String]) throws -> [Ownership] {
        var ownership: [Ownership] = []
        for row in try connection.query(
            """
            SELECT o.project_id, o.raw, o.fallthrough, o.auto_assignment, o.suspect_committer_auto_assignment,
                   o.codeowners_auto_sync
            FROM sentry_projectownership o JOIN sentry_project p ON p.id = o.project_id
            WHERE p.organization_id = \(orgId) ORDER BY p.slug COLLATE "C"
            """,
            activity: "reading ownership rules")
        {
            guard let project = projectSlugs[try row.int64("project_id")] else { continue }
            let autoAssign = try row.bool("auto_assignment")
            let suspectCommits = try row.bool("suspect_committer_auto_assignment")
            ownership.append(
                Ownership(
                    project: project, raw: try row.optionalString("raw"), fallthrough: try row.bool("fallthrough"),
                    autoAssignment: autoAssign ? (suspectCommits ? .suspectCommits : .issueOwner) : .off,
                    codeownersAutoSync: try row.optionalBool("codeowners_auto_sync") ?? true))
        }
        return ownership
    }
}
