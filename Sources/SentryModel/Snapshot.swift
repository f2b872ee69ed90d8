/// Everything one organization holds, in the canonical order of the snapshot files.
public struct Snapshot: Sendable, Hashable {
    public var organization: Organization
    public var teams: [Team]
    public var members: [Member]
    public var projects: [Project]
    public var keys: [ClientKey]
    public var filters: [InboundFilters]
    public var ownership: [Ownership]
    public var secrets: [KeySecret]
    /// Project security tokens (`secrets/settings.json`).
    public var projectSecrets: [ProjectSecret]
    /// Issue alert rules (`rules.json`, written only when there are some).
    public var rules: [IssueAlertRule]
    /// Metric alert rules (`metric-alerts.json`, written only when there are some).
    public var metricAlerts: [MetricAlert]

    public init(
        organization: Organization, teams: [Team] = [], members: [Member] = [], projects: [Project] = [],
        keys: [ClientKey] = [], filters: [InboundFilters] = [], ownership: [Ownership] = [],
        secrets: [KeySecret] = [], projectSecrets: [ProjectSecret] = [], rules: [IssueAlertRule] = [],
        metricAlerts: [MetricAlert] = []
    ) {
        self.projectSecrets = projectSecrets
        self.rules = rules
        self.metricAlerts = metricAlerts
        self.organization = organization
        self.teams = teams
        self.members = members
        self.projects = projects
        self.keys = keys
        self.filters = filters
        self.ownership = ownership
        self.secrets = secrets
    }
}
