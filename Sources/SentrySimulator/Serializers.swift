import SentryModel

// The JSON sentry.io answers, field for field as its serializers write them (see
// reference/sentry-api.md §1). Only a fixed date is used, so answers are reproducible.

let fixedDate = "2024-01-15T10:00:00.000000Z"

struct OrganizationBody: Encodable {
    struct Status: Encodable {
        var id = "active"
        var name = "active"
    }
    struct Avatar: Encodable {
        var avatarType = "letter_avatar"
        var avatarUuid: String? = nil
        var avatarUrl: String? = nil
    }
    struct Links: Encodable {
        var organizationUrl: String
        var regionUrl: String
    }
    var id: String
    var slug: String
    var status = Status()
    var name: String
    var dateCreated = fixedDate
    var isEarlyAdopter: Bool
    var require2FA: Bool
    var requireEmailVerification = false
    var avatar = Avatar()
    var links: Links
    var hasAuthProvider = false
    var allowMemberInvite = true
    var allowMemberProjectCreation = true
    var allowSuperuserAccess = true
    var features: [String]? = nil
    // Detailed fields (`org:read` callers).
    var isDefault = false
    var defaultRole: String
    var openMembership: Bool
    var allowSharedIssues: Bool
    var enhancedPrivacy: Bool
    var dataScrubber = false
    var dataScrubberDefaults = false
    var sensitiveFields: [String] = []
    var safeFields: [String] = []
    var storeCrashReports = 0
    var attachmentsRole = "member"
    var debugFilesRole = "admin"
    var eventsMemberAdmin = true
    var alertsMemberWrite = true
    var scrubIPAddresses = false
    var scrapeJavaScript = true
    var allowJoinRequests = true
    var relayPiiConfig: String? = nil
    var trustedRelays: [JSONValue] = []
    var pendingAccessRequests = 0
    var isDynamicallySampled = true

    init(_ org: SimulatedOrg, baseURL: String) {
        let organization = org.organization
        id = String(org.id)
        slug = organization.slug
        name = organization.name
        isEarlyAdopter = organization.isEarlyAdopter
        require2FA = organization.require2FA
        links = Links(organizationUrl: baseURL, regionUrl: baseURL)
        defaultRole = organization.defaultRole
        openMembership = organization.openMembership
        allowSharedIssues = organization.allowSharedIssues
        enhancedPrivacy = organization.enhancedPrivacy
        // `DetailedOrganizationSerializer` answers every setting, its default when none is stored.
        let settings = organization.settings ?? SettingValues()
        func flag(_ name: String, _ fallback: Bool) -> Bool { settings[name]?.boolValue ?? fallback }
        func list(_ name: String) -> [String] { settings[name]?.stringArray ?? [] }
        func text(_ name: String, _ fallback: String) -> String { settings[name]?.stringValue ?? fallback }
        allowMemberInvite = flag("allowMemberInvite", true)
        allowMemberProjectCreation = flag("allowMemberProjectCreation", true)
        dataScrubber = flag("dataScrubber", false)
        dataScrubberDefaults = flag("dataScrubberDefaults", false)
        sensitiveFields = list("sensitiveFields")
        safeFields = list("safeFields")
        if case .number(let count) = settings["storeCrashReports"] { storeCrashReports = Int(count) }
        attachmentsRole = text("attachmentsRole", "member")
        debugFilesRole = text("debugFilesRole", "admin")
        eventsMemberAdmin = flag("eventsMemberAdmin", true)
        alertsMemberWrite = flag("alertsMemberWrite", true)
        scrubIPAddresses = flag("scrubIPAddresses", false)
        scrapeJavaScript = flag("scrapeJavaScript", true)
        allowJoinRequests = flag("allowJoinRequests", true)
        relayPiiConfig = settings["relayPiiConfig"]?.stringValue
        if case .array(let relays) = settings["trustedRelays"] { trustedRelays = relays }
    }
}

struct TeamBody: Encodable {
    struct Flags: Encodable {
        var idpProvisioned = false
        enum CodingKeys: String, CodingKey { case idpProvisioned = "idp:provisioned" }
    }
    var id: String
    var slug: String
    var name: String
    var dateCreated: String? = fixedDate
    var isMember = false
    /// The caller's role on the team; the simulated caller is on none.
    var teamRole = Null()
    var flags = Flags()
    var access: [String] = ["alerts:read", "event:read", "member:read", "org:read", "project:read", "team:read"]
    var hasAccess = true
    var isPending = false
    var memberCount: Int
    var avatar = OrganizationBody.Avatar()

    init(_ record: SimulatedOrg.TeamRecord, memberCount: Int) {
        id = String(record.id)
        slug = record.team.slug
        name = record.team.name
        self.memberCount = memberCount
    }
}

struct MemberFlags: Encodable {
    var values: [String: Bool] = [
        "idp:provisioned": false, "idp:role-restricted": false, "sso:linked": false, "sso:invalid": false,
        "member-limit:restricted": false, "partnership:restricted": false,
    ]
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

struct UserBody: Encodable {
    struct Avatar: Encodable {
        var avatarType = "letter_avatar"
        var avatarUuid: String? = nil
    }
    var id: String
    var name: String
    var username: String
    var email: String
    var avatarUrl = "https://gravatar.com/avatar/0"
    var isActive = true
    var isSuspended = false
    var hasPasswordAuth = true
    var isManaged = false
    var dateJoined = fixedDate
    var lastLogin: String? = fixedDate
    var has2fa = false
    var lastActive: String? = fixedDate
    var isSuperuser = false
    var isStaff = false
    var experiments: [String: String] = [:]
    var emails: [EmailBody]
    var avatar = Avatar()
    var canReset2fa = false

    struct EmailBody: Encodable {
        var id: String
        var email: String
        var is_verified = true
    }
}

/// The organization-member object; team members and member details add fields to it.
struct MemberBody: Encodable {
    var id: String
    /// `get_email()`: the user's e-mail, else the invite's; null for a user without one.
    var email: String?
    var name: String
    var user: UserBody?
    var orgRole: String
    var role: String
    var roleName: String
    var pending: Bool
    var expired = false
    var flags = MemberFlags()
    var dateCreated = fixedDate
    var inviteStatus = "approved"
    var inviterName: String? = nil
    // Team members only.
    var teamRole: String??
    var teamSlug: String?
    // Member details only.
    var teams: [String]?
    var teamRoles: [TeamRoleBody]?
    var invite_link: String??
    var isOnlyOwner: Bool?

    struct TeamRoleBody: Encodable {
        var teamSlug: String
        var role: String?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(teamSlug, forKey: .teamSlug)
            try container.encode(role, forKey: .role)
        }
        enum CodingKeys: String, CodingKey { case teamSlug, role }
    }

    init(_ record: SimulatedOrg.MemberRecord, hasEmail: Bool = true) {
        let member = record.member
        id = String(record.id)
        email = hasEmail ? member.email : nil
        name = member.pending ? member.email : member.name
        orgRole = member.role
        role = member.role
        roleName = member.role.prefix(1).uppercased() + member.role.dropFirst()
        pending = member.pending
        if let userId = record.userId {
            user = UserBody(
                id: String(userId), name: member.name, username: member.email, email: hasEmail ? member.email : "",
                emails: hasEmail ? [UserBody.EmailBody(id: String(userId), email: member.email)] : [])
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(id, forKey: "id")
        try container.encode(email, forKey: "email")
        try container.encode(name, forKey: "name")
        try container.encode(user, forKey: "user")
        try container.encode(orgRole, forKey: "orgRole")
        try container.encode(role, forKey: "role")
        try container.encode(roleName, forKey: "roleName")
        try container.encode(pending, forKey: "pending")
        try container.encode(expired, forKey: "expired")
        try container.encode(flags, forKey: "flags")
        try container.encode(dateCreated, forKey: "dateCreated")
        try container.encode(inviteStatus, forKey: "inviteStatus")
        try container.encode(inviterName, forKey: "inviterName")
        if let teamRole { try container.encode(teamRole, forKey: "teamRole") }
        try container.encodeIfPresent(teamSlug, forKey: "teamSlug")
        try container.encodeIfPresent(teams, forKey: "teams")
        try container.encodeIfPresent(teamRoles, forKey: "teamRoles")
        if let invite_link { try container.encode(invite_link, forKey: "invite_link") }
        try container.encodeIfPresent(isOnlyOwner, forKey: "isOnlyOwner")
        if teams != nil {
            try container.encode([RoleBody](), forKey: "orgRoleList")
            try container.encode([RoleBody](), forKey: "teamRoleList")
        }
    }

    struct RoleBody: Encodable {}
}

struct Key: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

struct TeamRef: Encodable {
    var id: String
    var name: String
    var slug: String
}

struct ProjectBody: Encodable {
    var record: SimulatedOrg.ProjectRecord
    var teams: [TeamRef]
    /// The raw stored options asked for with `?options=`; nil when none were asked for or the
    /// caller has no access to the project.
    var options: [String: StoredOption]?
    /// `has_project_access` for the caller.
    var hasAccess: Bool
    /// Whether the caller is on one of the project's teams.
    var isMember: Bool

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let project = record.project
        try container.encode(String(record.id), forKey: "id")
        try container.encode(project.slug, forKey: "slug")
        try container.encode(project.name, forKey: "name")
        try container.encode(project.platform, forKey: "platform")
        try container.encode(fixedDate, forKey: "dateCreated")
        try container.encode(false, forKey: "isBookmarked")
        try container.encode(isMember, forKey: "isMember")
        try container.encode([String](), forKey: "features")
        try container.encode(String?.none, forKey: "firstEvent")
        try container.encode(false, forKey: "firstTransactionEvent")
        try container.encode(hasAccess ? ["project:read"] : [], forKey: "access")
        try container.encode(hasAccess, forKey: "hasAccess")
        for flag in [
            "hasFeedbacks", "hasFlags", "hasInsightsAgentMonitoring", "hasInsightsAppStart", "hasInsightsAssets",
            "hasInsightsCaches", "hasInsightsDb", "hasInsightsHttp", "hasInsightsMCP", "hasInsightsQueues",
            "hasInsightsScreenLoad", "hasInsightsVitals", "hasLogs", "hasMinifiedStackTrace", "hasMonitors",
            "hasNewFeedbacks", "hasProfiles", "hasReplays", "hasSessions", "hasTraceMetrics", "hasUserReports",
        ] {
            try container.encode(false, forKey: Key(stringValue: flag))
        }
        try container.encode(teams.first, forKey: "team")
        try container.encode(teams, forKey: "teams")
        try container.encode(project.platform.map { [$0] } ?? [], forKey: "platforms")
        // `get_environments_by_project`: visible environments only, "" left out.
        try container.encode(
            (project.environments ?? [:]).filter { !$0.key.isEmpty && !$0.value }.keys.sorted(), forKey: "environments")
        try container.encode(String?.none, forKey: "latestRelease")
        try container.encodeIfPresent(options, forKey: "options")
    }
}

/// A project option as Sentry stores it: a list of strings, a flag string, or any stored JSON.
enum StoredOption: Encodable {
    case list([String])
    case flag(String)
    case value(JSONValue)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .list(let values): try container.encode(values)
        case .flag(let value): try container.encode(value)
        case .value(let value): try container.encode(value)
        }
    }
}

/// `EnvironmentProjectSerializer`: the EnvironmentProject row's id, the name, and hidden only when
/// `is_hidden is True`.
struct EnvironmentBody: Encodable {
    var id: String
    var name: String
    var isHidden: Bool
}

struct ClientKeyBody: Encodable {
    var record: SimulatedOrg.KeyRecord
    var projectId: Int
    var host: String
    /// `ProjectKey.secret_key` is nullable; the serializer then answers `"secret": null`.
    var hasSecret: Bool = true

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let key = record.key
        let label = key.label.isEmpty ? String(key.publicKey.prefix(14)) : key.label
        try container.encode(key.publicKey, forKey: "id")
        try container.encode(label, forKey: "name")
        try container.encode(label, forKey: "label")
        try container.encode(key.publicKey, forKey: "public")
        try container.encode(hasSecret ? record.secretKey : nil, forKey: "secret")
        try container.encode(projectId, forKey: "projectId")
        try container.encode(key.active, forKey: "isActive")
        try container.encode(key.rateLimit.map { ["window": $0.window, "count": $0.count] }, forKey: "rateLimit")
        let dsn = "http://\(key.publicKey)@\(host)/\(projectId)"
        let base = "http://\(host)/api/\(projectId)"
        try container.encode(
            [
                "secret": hasSecret ? "http://\(key.publicKey):\(record.secretKey)@\(host)/\(projectId)" : dsn,
                "public": dsn,
                "csp": "\(base)/csp-report/?sentry_key=\(key.publicKey)",
                "security": "\(base)/security/?sentry_key=\(key.publicKey)",
                "minidump": "\(base)/minidump/?sentry_key=\(key.publicKey)",
                "nel": "\(base)/nel/?sentry_key=\(key.publicKey)", "unreal": "\(base)/unreal/\(key.publicKey)/",
                "crons": "\(base)/cron/___MONITOR_SLUG___/\(key.publicKey)/",
                "cdn": "http://\(host)/js-sdk-loader/\(key.publicKey).min.js",
                "playstation": "\(base)/playstation/?sentry_key=\(key.publicKey)",
                "integration": "http://\(host)/", "otlp_traces": "\(base)/integration/otlp/v1/traces",
                "otlp_logs": "\(base)/integration/otlp/v1/logs",
            ], forKey: "dsn")
        try container.encode(key.browserSdkVersion ?? "7.x", forKey: "browserSdkVersion")
        try container.encode(
            ["choices": [["latest", "latest"], ["7.x", "7.x"], ["8.x", "8.x"]]], forKey: "browserSdk")
        try container.encode(fixedDate, forKey: "dateCreated")
        let loader = key.loaderOptions ?? LoaderOptions()
        try container.encode(
            [
                "hasReplay": loader.hasReplay, "hasPerformance": loader.hasPerformance, "hasDebug": loader.hasDebug,
                "hasFeedback": loader.hasFeedback, "hasLogsAndMetrics": loader.hasLogsAndMetrics,
            ], forKey: "dynamicSdkLoaderOptions")
    }
}

struct FilterBody: Encodable {
    var id: String
    var active: LegacyBrowsers
}

struct OwnershipBody: Encodable {
    var ownership: Ownership?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let value = ownership ?? Ownership(project: "", raw: nil)
        try container.encode(value.raw, forKey: "raw")
        try container.encode(value.fallthrough, forKey: "fallthrough")
        try container.encode(ownership == nil ? nil : fixedDate, forKey: "dateCreated")
        try container.encode(ownership == nil ? nil : fixedDate, forKey: "lastUpdated")
        try container.encode(true, forKey: "isActive")
        try container.encode(value.autoAssignment.rawValue, forKey: "autoAssignment")
        try container.encode(value.codeownersAutoSync, forKey: "codeownersAutoSync")
        // The simulator does not resolve owners to actor ids; it leaves the parsed schema out.
        try container.encode(String?.none, forKey: "schema")
    }
}

enum FormattedOption: Encodable {
    case text(String)
    case flag(Bool)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        }
    }
}

/// Encodes as JSON null (synthesized `Encodable` would leave a nil optional out).
struct Null: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// Project details: the list item plus `DetailedProjectSerializer`'s settings, with the
/// inbound-filter options formatted as `format_options` does.
struct ProjectDetailsBody: Encodable {
    var summary: ProjectBody
    var organization: OrganizationBody

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        let filters = summary.record.filters
        let options: [String: FormattedOption] = [
            "filters:blacklisted_ips": .text(filters.blacklistedIps.joined(separator: "\n")),
            "filters:releases": .text(filters.releases.joined(separator: "\n")),
            "filters:error_messages": .text(filters.errorMessages.joined(separator: "\n")),
            "filters:react-hydration-errors": .flag(filters.reactHydrationErrors),
            "filters:chunk-load-error": .flag(filters.chunkLoadError),
            "sentry:csp_ignored_sources_defaults": .flag(true),
            "sentry:csp_ignored_sources": .text(""),
        ]
        try container.encode(options, forKey: "options")
        try container.encode(setting("allowedDomains", ["*"]), forKey: "allowedDomains")
        try container.encode("off", forKey: "autofixAutomationTuning")
        try container.encode(OrganizationBody.Avatar(), forKey: "avatar")
        try container.encode(
            setting("builtinSymbolSources", ["ios", "microsoft", "android"]), forKey: "builtinSymbolSources")
        try container.encode("#3f70bf", forKey: "color")
        try container.encode(setting("dataScrubber", true), forKey: "dataScrubber")
        try container.encode(setting("dataScrubberDefaults", true), forKey: "dataScrubberDefaults")
        try container.encode(String?.none, forKey: "debugFilesRole")
        try container.encode(setting("defaultEnvironment", String?.none), forKey: "defaultEnvironment")
        try container.encode("", forKey: "derivedGroupingEnhancements")
        try container.encode(setting("digestsMaxDelay", 1800), forKey: "digestsMaxDelay")
        try container.encode(setting("digestsMinDelay", 300), forKey: "digestsMinDelay")
        try container.encode([String: Bool]?.none, forKey: "dynamicSamplingBiases")
        try container.encode(true, forKey: "enableAutoReleaseCreation")
        try container.encode(setting("fingerprintingRules", ""), forKey: "fingerprintingRules")
        try container.encode(setting("groupingConfig", "newstyle:2023-01-11"), forKey: "groupingConfig")
        try container.encode(setting("groupingEnhancements", ""), forKey: "groupingEnhancements")
        try container.encode(setting("highlightContext", [String: [String]]()), forKey: "highlightContext")
        try container.encode(HighlightPreset(), forKey: "highlightPreset")
        try container.encode(setting("highlightTags", ["handled", "level"]), forKey: "highlightTags")
        try container.encode(true, forKey: "isDynamicallySampled")
        try container.encode(false, forKey: "isInternal")
        try container.encode(false, forKey: "isPublic")
        try container.encode(organization, forKey: "organization")
        try container.encode(0, forKey: "processingIssues")
        try container.encode(setting("relayPiiConfig", String?.none), forKey: "relayPiiConfig")
        try container.encode(setting("resolveAge", 0), forKey: "resolveAge")
        try container.encode(setting("safeFields", [String]()), forKey: "safeFields")
        try container.encode(false, forKey: "scmSourceContextEnabled")
        try container.encode(setting("scrapeJavaScript", true), forKey: "scrapeJavaScript")
        try container.encode(setting("scrubIPAddresses", false), forKey: "scrubIPAddresses")
        try container.encode(String?.none, forKey: "secondaryGroupingConfig")
        try container.encode(0, forKey: "secondaryGroupingExpiry")
        // `get_security_token`: the stored token, or one Sentry generates (and stores) on this read.
        try container.encode(
            summary.record.securityToken ?? Hex.derived(from: "token:" + summary.record.project.slug),
            forKey: "securityToken")
        try container.encode(setting("securityTokenHeader", String?.none), forKey: "securityTokenHeader")
        try container.encode([String: Bool](), forKey: "seerNightshiftTweaks")
        try container.encode(false, forKey: "seerScannerAutomation")
        try container.encode(setting("sensitiveFields", [String]()), forKey: "sensitiveFields")
        try container.encode("active", forKey: "status")
        try container.encode(setting("storeCrashReports", Int?.none), forKey: "storeCrashReports")
        try container.encode(setting("subjectPrefix", "[\(summary.record.project.slug)] "), forKey: "subjectPrefix")
        try container.encode(setting("subjectTemplate", "$shortID - $title"), forKey: "subjectTemplate")
        try container.encode("[]", forKey: "symbolSources")
        try container.encode(false, forKey: "tempestFetchScreenshots")
        try container.encode(setting("verifySSL", true), forKey: "verifySSL")
    }

    /// The stored value of a setting, or what the serializer answers when none is stored.
    func setting(_ name: String, _ fallback: some Encodable) -> JSONValue {
        summary.record.project.settings?[name] ?? (try? JSONValue.of(fallback)) ?? .null
    }

    struct HighlightPreset: Encodable {
        var tags: [String] = ["handled", "level"]
        var context: [String: [String]] = [:]
    }
}

struct DetailBody: Encodable {
    var detail: String
}

/// `GET /api/0/`: the token's scopes and its user (null for an organization auth token, whose
/// request has no user).
struct IndexBody: Encodable {
    struct Auth: Encodable {
        var scopes: [String]
    }
    struct User: Encodable {
        var id: String
        var name: String
        var username: String
        var email: String
    }
    var version = "0"
    var auth: Auth
    var user: User?

    init(caller: Caller, baseURL: String) {
        auth = Auth(scopes: caller.token.scopes.sorted())
        switch caller.token.kind {
        case .user(let email):
            let id = caller.member?.userId.map(String.init) ?? "0"
            user = User(id: id, name: caller.member?.member.name ?? email, username: email, email: email)
        case .integration:
            // The integration's proxy user (`is_sentry_app`), which belongs to no organization.
            user = User(
                id: String(9_000_000 + caller.organizationId), name: "Export Integration",
                username: "export-integration-\(caller.organizationId)", email: "")
        case .organization:
            user = nil
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(version, forKey: "version")
        try container.encode(auth, forKey: "auth")
        try container.encode(user, forKey: "user")
    }
}

/// A row of a list sentry-migrate only counts.
struct NotCarriedRow: Encodable {
    var id: String
    var name: String
}
