import SentryModel

/// What the target database says about the identities and ids a desired snapshot wants, beyond the
/// organization itself: which users exist, and which project ids and keys other rows already hold.
/// The plan uses it to say how each member is reached and whether DSNs survive. It never holds a
/// secret value: secret-key collisions are keyed by the desired key's public key.
public struct TargetFacts: Sendable, Hashable {
    /// A row on the target that holds an id or key.
    public struct Holder: Sendable, Hashable, CustomStringConvertible {
        public var organization: String
        public var project: String
        /// For keys: the public key of the key that holds it.
        public var publicKey: String?

        public init(organization: String, project: String, publicKey: String? = nil) {
            self.organization = organization
            self.project = project
            self.publicKey = publicKey
        }

        /// `org/project`.
        public var description: String { "\(organization)/\(project)" }
    }

    /// An organization on the target, by slug and database id.
    public struct OrganizationRow: Sendable, Hashable, CustomStringConvertible {
        public var slug: String
        public var id: Int64

        public init(slug: String, id: Int64) {
            self.slug = slug
            self.id = id
        }

        /// `'sentry' (id 1)`.
        public var description: String { "'\(slug)' (id \(id))" }
    }

    /// The target's active organizations (status 0), by slug.
    public var organizations: [String]
    /// The organization single-organization mode serves (`Organization.get_default()` in
    /// src/sentry/models/organization.py, 23.7.1: `SENTRY_ORGANIZATION` when set, which the database
    /// cannot tell, else the first active organization the database returns); nil when there is none.
    public var defaultOrganization: OrganizationRow?
    /// Self-hosted user ids by lower-cased e-mail.
    public var usersByEmail: [String: Int64]
    /// Desired hosted project ids (decimal) that a target project already has, and which project.
    public var projectIdHolders: [String: Holder]
    /// Desired public keys that exist on the target, and where.
    public var publicKeyHolders: [String: Holder]
    /// Desired keys (by public key) whose secret key some target key already has, and which key.
    public var secretKeyHolders: [String: Holder]
    /// Integrations installed and active on the target organization (issue alert actions resolve
    /// against them); nil when the target was not asked (then none is assumed missing).
    public var integrations: Set<IntegrationReference>?
    /// Why the target cannot run migrated alert rules, when it cannot (no rule tables, or a
    /// workflow-engine Sentry without the workflow-engine tables): the plan refuses the rules stage
    /// with this reason.
    public var alertRulesRefusal: String?
    /// The target's Sentry evaluates alerts only through the workflow engine (26.x): a carried rule or
    /// metric alert fires only once `sentry-migrate finish` has had Sentry build its workflow-engine
    /// rows, and the plan says so per alert and in its summary.
    public var alertsNeedWorkflowEngine = false
    /// Why the target cannot run migrated metric alerts, when it cannot: the plan refuses the
    /// metric-alerts stage with this reason.
    public var metricAlertsRefusal: String?
    /// Metric alert action types the target's Sentry knows (23.x has no opsgenie or discord); nil
    /// when not known (then all are assumed known).
    public var metricAlertActionTypes: Set<String>?
    /// Target ids (decimal) of the organization's metric alerts that have incidents
    /// (`sentry_incident.alert_rule_id`): Sentry snapshots such an alert when it is edited or deleted.
    public var metricAlertsWithIncidents: Set<String> = []

    /// Organization settings the target's Sentry does not have, with why (e.g. a flag bit added in
    /// a later release): the plan leaves them out and says so.
    public var organizationSettingsNotHeld: [String: String]
    /// The same for project settings.
    public var projectSettingsNotHeld: [String: String]

    public init(
        usersByEmail: [String: Int64] = [:], projectIdHolders: [String: Holder] = [:],
        publicKeyHolders: [String: Holder] = [:], secretKeyHolders: [String: Holder] = [:],
        organizations: [String] = [], defaultOrganization: OrganizationRow? = nil,
        organizationSettingsNotHeld: [String: String] = [:], projectSettingsNotHeld: [String: String] = [:],
        integrations: Set<IntegrationReference>? = nil, alertRulesRefusal: String? = nil
    ) {
        self.organizations = organizations
        self.defaultOrganization = defaultOrganization
        self.organizationSettingsNotHeld = organizationSettingsNotHeld
        self.projectSettingsNotHeld = projectSettingsNotHeld
        self.integrations = integrations
        self.alertRulesRefusal = alertRulesRefusal
        self.usersByEmail = usersByEmail
        self.projectIdHolders = projectIdHolders
        self.publicKeyHolders = publicKeyHolders
        self.secretKeyHolders = secretKeyHolders
    }
}
