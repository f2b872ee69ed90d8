/// A bearer token the simulator accepts, of one of the kinds sentry.io issues
/// (`src/sentry/types/token.py` `AuthTokenType`; `src/sentry/api/authentication.py`).
///
/// An array literal of scopes makes an internal-integration token, the kind Sentry's docs
/// recommend for organization-wide API access.
public struct SimulatedToken: Sendable, Hashable, ExpressibleByArrayLiteral {
    public enum Kind: Sendable, Hashable {
        /// A personal token (`sntryu_`) of the member with this e-mail. What it may read is its
        /// scopes intersected with the member's org role (`access.py` `scopes_upper_bound`), and
        /// projects and teams only as that role and the Open Membership setting allow.
        case user(email: String)
        /// An internal integration's token: the integration's proxy user has no membership, and
        /// Sentry gives it global access to the organization with the integration's scopes
        /// (`access.py` `_from_rpc_sentry_app`).
        case integration
        /// An organization auth token (`sntrys_`): created with `scope_list=["org:ci"]`
        /// (`org_auth_tokens` endpoint); `GET /api/0/` shows no user for it.
        case organization
    }

    public var kind: Kind
    public var scopes: Set<String>

    public init(kind: Kind, scopes: Set<String>) {
        self.kind = kind
        self.scopes = scopes
    }

    public init(arrayLiteral scopes: String...) {
        self.init(kind: .integration, scopes: Set(scopes))
    }

    public static func integration(_ scopes: Set<String> = SimulatorConfiguration.exportScopes) -> SimulatedToken {
        SimulatedToken(kind: .integration, scopes: scopes)
    }

    /// A personal token of a member; by default with every scope its role has.
    public static func user(_ email: String, scopes: Set<String>? = nil) -> SimulatedToken {
        SimulatedToken(kind: .user(email: email), scopes: scopes ?? OrganizationRole.allScopes)
    }

    public static let organizationAuth = SimulatedToken(kind: .organization, scopes: ["org:ci"])
}

/// Sentry's organization roles and the scopes each grants (`src/sentry/conf/server.py`
/// `SENTRY_ROLES`). Owner and manager are `is_global`: they reach every team and project.
/// Member and admin reach only their teams' projects unless the organization has Open
/// Membership (`allow_joinleave`; `access.py` `OrganizationMemberAccess`: `has_global_access =
/// allow_joinleave or role.is_global`).
enum OrganizationRole {
    static let allScopes: Set<String> = [
        "org:read", "org:write", "org:admin", "org:integrations", "member:invite", "member:read", "member:write",
        "member:admin", "team:read", "team:write", "team:admin", "project:read", "project:write", "project:admin",
        "project:releases", "event:read", "event:write", "event:admin", "alerts:read", "alerts:write",
    ]

    static func scopes(of role: String) -> Set<String> {
        switch role {
        case "owner": allScopes
        case "manager": allScopes.subtracting(["org:admin"])
        case "admin":
            [
                "event:read", "event:write", "event:admin", "org:read", "member:read", "member:invite", "project:read",
                "project:write", "project:admin", "project:releases", "team:read", "team:write", "team:admin",
                "org:integrations", "alerts:read", "alerts:write",
            ]
        case "member":
            [
                "event:read", "event:write", "event:admin", "project:releases", "project:read", "org:read",
                "member:invite", "member:read", "team:read", "alerts:read", "alerts:write",
            ]
        // `billing` is defined in sentry.io's closed-source configuration; Sentry's docs describe it
        // as managing payment only. Assumed here: none of the read scopes an export needs.
        default: ["org:billing"]
        }
    }

    static func isGlobal(_ role: String) -> Bool { role == "owner" || role == "manager" }
}
