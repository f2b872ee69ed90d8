// The configuration of one Sentry organization, keyed by natural keys (slugs, e-mails, public
// keys), never by database ids. Hosted ids are kept only as provenance (`hostedId`).

/// Organization-level settings the tool carries from one Sentry to another.
public struct Organization: Codable, Sendable, Hashable {
    public var slug: String
    public var name: String
    /// Role given to new members (`member` unless changed).
    public var defaultRole: String
    /// Members may join and leave teams freely (organization flag `allow_joinleave`).
    public var openMembership: Bool
    public var enhancedPrivacy: Bool
    public var allowSharedIssues: Bool
    public var isEarlyAdopter: Bool
    public var require2FA: Bool
    /// The hosted organization's id, for provenance only.
    public var hostedId: String?
    /// Settings of `SettingsCatalog.organization` (settings.md §3); nil when none is known.
    public var settings: SettingValues?
    /// Desired snapshots only (mapping `organization.into`): the slug of an organization the
    /// self-hosted target already holds (usually `sentry`, which `sentry upgrade` creates) that
    /// becomes this one: its row and id are kept, its slug and name become `slug` and `name`.
    public var into: String?
    /// Desired snapshots only (mapping `organization.alongside`): create this organization even
    /// though the target holds others (in single-organization mode Sentry keeps serving one of them).
    public var alongside: Bool?

    public init(
        slug: String, name: String, defaultRole: String = "member", openMembership: Bool = true,
        enhancedPrivacy: Bool = false, allowSharedIssues: Bool = true, isEarlyAdopter: Bool = false,
        require2FA: Bool = false, hostedId: String? = nil, into: String? = nil, alongside: Bool? = nil,
        settings: SettingValues? = nil
    ) {
        self.slug = slug
        self.name = name
        self.defaultRole = defaultRole
        self.openMembership = openMembership
        self.enhancedPrivacy = enhancedPrivacy
        self.allowSharedIssues = allowSharedIssues
        self.isEarlyAdopter = isEarlyAdopter
        self.require2FA = require2FA
        self.hostedId = hostedId
        self.settings = settings
        self.into = into
        self.alongside = alongside
    }

    /// The slugs under which the target may hold this organization, in the order to look: its own
    /// (once adopted or created), then the organization it migrates into.
    public var targetSlugs: [String] { [slug] + (into.map { $0 == slug ? [] : [$0] } ?? []) }
}

public struct Team: Codable, Sendable, Hashable {
    public var slug: String
    public var name: String
    public var hostedId: String?

    public init(slug: String, name: String, hostedId: String? = nil) {
        self.slug = slug
        self.name = name
        self.hostedId = hostedId
    }
}

/// A member's place on one team. `role` is nil when the team role follows the organization role.
public struct TeamMembership: Codable, Sendable, Hashable {
    public var slug: String
    public var role: String?

    public init(slug: String, role: String? = nil) {
        self.slug = slug
        self.role = role
    }
}

/// How a member reaches a self-hosted user, as a mapping file chose it.
public enum IdentityPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// Use the self-hosted user that already has this e-mail.
    case link
    /// Create a pending invite; the person accepts it and signs up.
    case invite
    /// Create an unclaimed user with this e-mail (no password) and make it the member.
    case create
}

/// An organization member, or a pending invite (`pending == true`, no user yet).
public struct Member: Codable, Sendable, Hashable {
    /// Lower-cased primary e-mail of the user, or the invited address.
    public var email: String
    public var name: String
    /// Organization role: `member`, `admin`, `manager`, `owner` (hosted also has `billing`).
    public var role: String
    public var pending: Bool
    /// Sorted by team slug.
    public var teams: [TeamMembership]
    public var hostedId: String?
    /// Set by `transform` when the mapping chose a policy; absent (and not encoded) otherwise.
    public var identity: IdentityPolicy?

    public init(
        email: String, name: String, role: String, pending: Bool = false, teams: [TeamMembership] = [],
        hostedId: String? = nil, identity: IdentityPolicy? = nil
    ) {
        self.email = email
        self.name = name
        self.role = role
        self.pending = pending
        self.teams = teams
        self.hostedId = hostedId
        self.identity = identity
    }
}

public struct Project: Codable, Sendable, Hashable {
    public var slug: String
    public var name: String
    public var platform: String?
    /// Team slugs, sorted.
    public var teams: [String]
    /// The hosted project id: DSNs embed it, so keeping it keeps DSNs valid.
    public var hostedId: String?
    /// Stored settings of `SettingsCatalog.project` (settings.md §5): only values Sentry stored, never
    /// its defaults; nil when none is stored.
    public var settings: SettingValues?
    /// Environment name → hidden; nil when the project has none. "" (no environment) is never listed.
    public var environments: [String: Bool]?

    public init(
        slug: String, name: String, platform: String? = nil, teams: [String] = [], hostedId: String? = nil,
        settings: SettingValues? = nil, environments: [String: Bool]? = nil
    ) {
        self.slug = slug
        self.name = name
        self.platform = platform
        self.teams = teams
        self.hostedId = hostedId
        self.settings = settings
        self.environments = environments
    }
}

public struct RateLimit: Codable, Sendable, Hashable {
    public var count: Int
    /// Seconds.
    public var window: Int

    public init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }
}

/// Options of the JavaScript loader script attached to a key.
public struct LoaderOptions: Codable, Sendable, Hashable {
    public var hasDebug: Bool
    public var hasFeedback: Bool
    public var hasLogsAndMetrics: Bool
    public var hasPerformance: Bool
    public var hasReplay: Bool

    public init(
        hasDebug: Bool = false, hasFeedback: Bool = false, hasLogsAndMetrics: Bool = false,
        hasPerformance: Bool = false, hasReplay: Bool = false
    ) {
        self.hasDebug = hasDebug
        self.hasFeedback = hasFeedback
        self.hasLogsAndMetrics = hasLogsAndMetrics
        self.hasPerformance = hasPerformance
        self.hasReplay = hasReplay
    }
}

/// A client key (DSN). Its secret half lives apart, in `secrets/keys.json`.
public struct ClientKey: Codable, Sendable, Hashable {
    public var project: String
    public var label: String
    /// 32 lowercase hex characters; the natural key.
    public var publicKey: String
    public var active: Bool
    public var rateLimit: RateLimit?
    public var browserSdkVersion: String?
    public var loaderOptions: LoaderOptions?
    public var hostedProjectId: String?

    public init(
        project: String, label: String, publicKey: String, active: Bool = true, rateLimit: RateLimit? = nil,
        browserSdkVersion: String? = nil, loaderOptions: LoaderOptions? = nil, hostedProjectId: String? = nil
    ) {
        self.project = project
        self.label = label
        self.publicKey = publicKey
        self.active = active
        self.rateLimit = rateLimit
        self.browserSdkVersion = browserSdkVersion
        self.loaderOptions = loaderOptions
        self.hostedProjectId = hostedProjectId
    }
}

/// The legacy-browsers filter is either on/off or a set of subfilters (`ie`, `safari`, ...).
public enum LegacyBrowsers: Codable, Sendable, Hashable {
    case all(Bool)
    case subfilters([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .all(flag)
        } else {
            self = .subfilters(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all(let flag): try container.encode(flag)
        case .subfilters(let names): try container.encode(names.sorted())
        }
    }
}

/// The effective inbound-filter settings of one project (defaults made explicit).
public struct InboundFilters: Codable, Sendable, Hashable {
    public var project: String
    public var browserExtensions: Bool
    public var localhost: Bool
    public var webCrawlers: Bool
    /// Health-check transactions.
    public var filteredTransaction: Bool
    public var legacyBrowsers: LegacyBrowsers
    public var blacklistedIps: [String]
    public var releases: [String]
    public var errorMessages: [String]
    public var reactHydrationErrors: Bool
    public var chunkLoadError: Bool

    public init(
        project: String, browserExtensions: Bool = false, localhost: Bool = false, webCrawlers: Bool = false,
        filteredTransaction: Bool = true, legacyBrowsers: LegacyBrowsers = .all(false), blacklistedIps: [String] = [],
        releases: [String] = [], errorMessages: [String] = [], reactHydrationErrors: Bool = true,
        chunkLoadError: Bool = true
    ) {
        self.project = project
        self.browserExtensions = browserExtensions
        self.localhost = localhost
        self.webCrawlers = webCrawlers
        self.filteredTransaction = filteredTransaction
        self.legacyBrowsers = legacyBrowsers
        self.blacklistedIps = blacklistedIps
        self.releases = releases
        self.errorMessages = errorMessages
        self.reactHydrationErrors = reactHydrationErrors
        self.chunkLoadError = chunkLoadError
    }
}

/// How issues are auto-assigned from ownership rules; the API's three strings.
public enum AutoAssignment: String, Codable, Sendable, Hashable, CaseIterable {
    case issueOwner = "Auto Assign to Issue Owner"
    case suspectCommits = "Auto Assign to Suspect Commits"
    case off = "Turn off Auto-Assignment"
}

/// A project's ownership rules. `raw` is kept verbatim: regenerating it loses quoting and comments.
public struct Ownership: Codable, Sendable, Hashable {
    public var project: String
    public var raw: String?
    public var `fallthrough`: Bool
    public var autoAssignment: AutoAssignment
    public var codeownersAutoSync: Bool

    public init(
        project: String, raw: String?, `fallthrough`: Bool = true, autoAssignment: AutoAssignment = .issueOwner,
        codeownersAutoSync: Bool = true
    ) {
        self.project = project
        self.raw = raw
        self.`fallthrough` = `fallthrough`
        self.autoAssignment = autoAssignment
        self.codeownersAutoSync = codeownersAutoSync
    }
}

/// A project's security token (`sentry:token`), which Sentry sends as a header when it fetches
/// source files: a credential, so only ever stored under `secrets/`.
public struct ProjectSecret: Codable, Sendable, Hashable {
    public var project: String
    public var securityToken: String

    public init(project: String, securityToken: String) {
        self.project = project
        self.securityToken = securityToken
    }
}

/// The secret half of a client key; only ever stored under `secrets/`.
public struct KeySecret: Codable, Sendable, Hashable {
    public var publicKey: String
    /// nil when the key has none: `ProjectKey.secret_key` is nullable (src/sentry/models/projectkey.py),
    /// and sentry.io answers `"secret": null` for such a key. Written as an explicit `null`, so that
    /// every key still has its entry in `secrets/keys.json`.
    public var secretKey: String?

    public init(publicKey: String, secretKey: String?) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    private enum CodingKeys: String, CodingKey { case publicKey, secretKey }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(publicKey, forKey: .publicKey)
        try container.encode(secretKey, forKey: .secretKey)
    }
}
