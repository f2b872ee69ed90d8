import SentryModel

/// A value from the mapping file and where it was written.
struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    var value: Value
    var position: Position

    init(_ value: Value, at position: Position) {
        self.value = value
        self.position = position
    }
}

/// A parsed mapping file (`version: 1`). Left-hand names are always the hosted snapshot's
/// (team slugs, project slugs, e-mails); right-hand names are what the self-hosted side gets.
public struct MappingFile: Sendable, Hashable {
    /// The path diagnostics and explanations show.
    public var path: String
    var organization = OrganizationRules()
    var teams = TeamRules()
    var projects = ProjectRules()
    var members = MemberRules()
    var keys = KeyRules()
    var filters = FilterRules()
    var ownership = OwnershipPolicy()
    var settings = SettingsRules()
    var waves: [WaveRule] = []
    var alerts = AlertRules()
    /// `environments.rename`: hosted environment name → self-hosted name, organization-wide.
    var environmentRenames: [EnvironmentRename] = []
    /// Where each top-level section starts, to place problems that concern a whole section.
    var sections: [String: Position] = [:]

    init(path: String) {
        self.path = path
    }

    func location(_ position: Position?) -> Location {
        Location(file: path, position: position ?? sections["version"] ?? Position(line: 1, column: 1))
    }
}

struct OrganizationRules: Sendable, Hashable {
    var slug: Located<String>?
    var name: Located<String>?
    /// An organization the self-hosted target already holds that becomes this one.
    var into: Located<String>?
    /// Create a new organization beside the ones the target holds.
    var alongside: Located<Bool>?
}

/// `old: new` or `old: {slug: new, name: "New name"}`.
struct RenameRule: Sendable, Hashable {
    var from: Located<String>
    var slug: Located<String>?
    var name: Located<String>?
}

/// `target: {from: [a, b], name: "Target"}`: several hosted teams become one.
struct MergeRule: Sendable, Hashable {
    var target: Located<String>
    var from: [Located<String>]
    var name: Located<String>?
}

struct TeamRules: Sendable, Hashable {
    var rename: [RenameRule] = []
    var merge: [MergeRule] = []
    var exclude: [Located<String>] = []
}

struct PlatformRule: Sendable, Hashable {
    var project: Located<String>
    /// nil clears the platform.
    var platform: Located<String?>
}

struct ProjectRules: Sendable, Hashable {
    var rename: [RenameRule] = []
    var exclude: [Located<String>] = []
    var platform: [PlatformRule] = []
}

/// A `from: to` pair of names (e-mails, domains, roles).
struct NameMapRule: Sendable, Hashable {
    var from: Located<String>
    var to: Located<String>
}

struct IdentityRule: Sendable, Hashable {
    var email: Located<String>
    var policy: Located<IdentityPolicy>
}

/// What happens to hosted pending invites.
enum PendingInvitePolicy: String, Sendable, Hashable, CaseIterable {
    /// They stay pending invites.
    case keep
    /// They are not migrated.
    case exclude
    /// They become members like any other; the identity policy decides how.
    case promote
}

struct MemberRules: Sendable, Hashable {
    var email: [NameMapRule] = []
    var domains: [NameMapRule] = []
    var roles: [NameMapRule] = []
    var teamRoles: [NameMapRule] = []
    var exclude: [Located<String>] = []
    var identityDefault: Located<IdentityPolicy>?
    var identityMembers: [IdentityRule] = []
    var pendingInvites: Located<PendingInvitePolicy>?
    /// Where `members.identity` is, when present: then every member records a policy.
    var identitySection: Position?
}

enum InactiveKeyPolicy: String, Sendable, Hashable, CaseIterable {
    case keep
    case exclude
    case activate
}

/// A rate-limit override; `limit == nil` removes the limit.
struct RateLimitRule: Sendable, Hashable {
    var subject: Located<String>
    var limit: RateLimit?
}

struct KeyRules: Sendable, Hashable {
    var preserve: Located<Bool>?
    var preserveProjectIds: Located<Bool>?
    var inactive: Located<InactiveKeyPolicy>?
    var projectRateLimits: [RateLimitRule] = []
    var keyRateLimits: [RateLimitRule] = []
}

/// Inbound-filter settings to force; absent fields keep the snapshot's value.
struct FilterOverride: Sendable, Hashable {
    var position: Position
    var browserExtensions: Located<Bool>?
    var localhost: Located<Bool>?
    var webCrawlers: Located<Bool>?
    var filteredTransaction: Located<Bool>?
    var legacyBrowsers: Located<LegacyBrowsers>?
    var blacklistedIps: Located<[String]>?
    var releases: Located<[String]>?
    var errorMessages: Located<[String]>?
    var reactHydrationErrors: Located<Bool>?
    var chunkLoadError: Located<Bool>?
}

struct ProjectFilterRule: Sendable, Hashable {
    var project: Located<String>
    var override: FilterOverride
}

struct FilterRules: Sendable, Hashable {
    var all: FilterOverride?
    var projects: [ProjectFilterRule] = []
}

/// What to do with an ownership owner that names no team or member of the result.
enum UnknownOwnerPolicy: String, Sendable, Hashable, CaseIterable {
    case error
    case drop
    case keep
}

struct OwnershipPolicy: Sendable, Hashable {
    var rewrite: Located<Bool>?
    var unknownOwners: Located<UnknownOwnerPolicy>?
}

/// One setting to force: its value as Sentry stores it, or nil (`~`) to remove it so the target's
/// default applies.
struct SettingOverride: Sendable, Hashable {
    var name: Located<String>
    var value: JSONValue?
}

/// `settings.projects.<glob>`: settings and environments for the hosted projects the pattern matches.
struct ProjectSettingsRule: Sendable, Hashable {
    var pattern: Located<String>
    var settings: [SettingOverride] = []
    /// Environment name → hidden; nil removes the environment from the desired project.
    var environments: [(name: Located<String>, hidden: Bool?)] = []

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.pattern == rhs.pattern && lhs.settings == rhs.settings
            && lhs.environments.map(\.name) == rhs.environments.map(\.name)
            && lhs.environments.map(\.hidden) == rhs.environments.map(\.hidden)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(settings)
        for environment in environments {
            hasher.combine(environment.name)
            hasher.combine(environment.hidden)
        }
    }
}

/// `settings:` overrides of organization and project settings (docs/mapping.md).
struct SettingsRules: Sendable, Hashable {
    var organization: [SettingOverride] = []
    /// In file order: when several patterns match a project, later ones win.
    var projects: [ProjectSettingsRule] = []
}

/// One `environments.rename` entry. Several hosted names may go to one (a merge).
struct EnvironmentRename: Sendable, Hashable {
    var from: Located<String>
    var to: Located<String>
}

/// `alerts:`: what a rule does when an action's integration is missing on the target.
struct AlertRules: Sendable, Hashable {
    var missingIntegration: Located<MissingIntegrationPolicy>?
}

struct WaveRule: Sendable, Hashable {
    var name: Located<String>
    var description: String?
    var teams: [Located<String>]
}
