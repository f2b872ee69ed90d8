import Planning
import SentryModel

/// What only Sentry's own code can do after a plan was applied, derived from the plan alone: the
/// caches its changes made stale, and (on request) the invitations of the pending invites it created.
/// Apply writes rows directly, so Sentry's save signals, which refresh these caches and send mail,
/// never ran. Created rows need no refresh, except that Relay caches an unknown public key as
/// disabled for an hour, so created keys are refreshed too. Deleted rows are not listed: their ids
/// are gone with them, and their cached copies expire by themselves (minutes; a key: 30 minutes).
/// Also what Sentry's own code builds when it saves an alert or creates a project and apply's raw
/// rows lack: the workflow-engine rows of each rule and metric alert the plan created or changed,
/// and a created project's default detectors (26.x evaluates alerts only through them).
public struct FinishWork: Sendable, Hashable {
    /// The organization's slug after apply.
    public var organization: String
    public var items: [FinishItem]

    public init(plan: Plan, sendInvites: Bool) {
        organization = plan.organization
        var items: [FinishItem] = []
        let created = Set(plan.changes.filter { $0.stage == .projects && $0.action == .create }.map(\.key))
        for change in plan.changes where [.create, .update].contains(change.action) {
            let existing = change.action == .update
            switch change.stage {
            case .organization where existing:
                let previous = change.fields.first { $0.field == "slug" }?.before?.stringValue
                items.append(.organization(previousSlug: previous))
            case .teams where existing:
                items.append(.team(slug: change.key))
            case .members:
                // Member rows have no cache; a new pending invite gets its e-mail here, on request.
                if sendInvites, change.action == .create, change.identity?.policy == .invite {
                    items.append(.invite(email: change.key))
                }
            case .projects where existing:
                items.append(.project(slug: change.key))
            case .projects:
                // A project Sentry's own code creates gets its default detectors then (25.x+); one apply
                // created has none, and on 26.x issues of a project without them alert nobody.
                items.append(.projectDetectors(project: change.key))
            case .keys:
                items.append(.key(publicKey: change.key, existing: existing))
            case .filters where !created.contains(change.key):
                items.append(.projectOptions(project: change.key))
            case .ownership where !created.contains(change.key):
                items.append(.ownership(project: change.key))
            case .rules:
                // The rule cache (`project:<id>:rules`, 60 s) expires by itself; what finish does is have
                // Sentry build the rule's workflow-engine rows, which only Sentry 25.x+ has (the script
                // reports `skipped` where its workflow engine cannot be imported).
                if let alert = AlertKey(change.key) { items.append(.issueAlert(alert, updated: existing)) }
            case .metricAlerts:
                // Subscriptions are created by Sentry's own subscription_checker; finish builds the
                // alert's detector and workflow where Sentry has a workflow engine.
                if let alert = AlertKey(change.key) { items.append(.metricAlert(alert)) }
            case .organization, .teams, .filters, .ownership:
                continue
            }
        }
        self.items = items
    }

    public var isEmpty: Bool { items.isEmpty }
}

/// One thing `finish` does inside Sentry, reported on its own.
public enum FinishItem: Sendable, Hashable, CustomStringConvertible {
    /// The organization row (cached by id and slug) and its option cache; a renamed organization
    /// also leaves its old slug's cache pointer behind.
    case organization(previousSlug: String?)
    /// A team row (cached by id and slug).
    case team(slug: String)
    /// A project row (cached by id), its option cache and Relay's configs of its keys.
    case project(slug: String)
    /// A client key: its row (cached by public and secret key for 30 minutes) when it existed, and
    /// Relay's config for its public key (an unknown key is cached as disabled for an hour).
    case key(publicKey: String, existing: Bool)
    /// A project's option cache (inbound filters) and Relay's configs of its keys.
    case projectOptions(project: String)
    /// A project's cached ownership rules (one hour, negative results too).
    case ownership(project: String)
    /// The invitation e-mail of a pending invite apply created.
    case invite(email: String)
    /// The default detectors (`error`, `issue_stream`) of a project apply created, as Sentry makes
    /// them for a project it creates itself (`ensure_default_detectors`).
    case projectDetectors(project: String)
    /// An issue alert rule apply created or changed: its workflow-engine rows (workflow, condition
    /// groups, actions, `AlertRuleWorkflow`), built by Sentry's own `IssueAlertMigrator`.
    case issueAlert(AlertKey, updated: Bool)
    /// A metric alert apply created: its detector, data source, workflow and their lookups, built by
    /// Sentry's own `dual_write_alert_rule`.
    case metricAlert(AlertKey)

    /// How the report names it: `key 0123…cdef` (the whole public key, as plans show it), `project web`.
    public var description: String {
        switch self {
        case .organization: "organization"
        case .team(let slug): "team \(slug)"
        case .project(let slug): "project \(slug)"
        case .key(let publicKey, _): "key \(publicKey)"
        case .projectOptions(let project): "filters of project \(project)"
        case .ownership(let project): "ownership of project \(project)"
        case .invite(let email): "invite \(email)"
        case .projectDetectors(let project): "detectors of project \(project)"
        case .issueAlert(let key, _): "rule \(key)"
        case .metricAlert(let key): "metric alert \(key)"
        }
    }
}

/// An alert's natural key as plans show it, `project/name#ordinal`, split into its parts: the
/// script finds the alert as `sentry-migrate read` does (the ordinal-th of that name on that
/// project, oldest id first). A project slug has no `/`; a name may hold both `/` and `#`.
public struct AlertKey: Sendable, Hashable, CustomStringConvertible {
    public var project: String
    public var name: String
    public var ordinal: Int

    public init(project: String, name: String, ordinal: Int) {
        self.project = project
        self.name = name
        self.ordinal = ordinal
    }

    public init?(_ key: String) {
        guard let slash = key.firstIndex(of: "/"), let hash = key.lastIndex(of: "#"), slash < hash,
            let ordinal = Int(key[key.index(after: hash)...]), ordinal > 0
        else { return nil }
        self.init(
            project: String(key[..<slash]), name: String(key[key.index(after: slash)..<hash]), ordinal: ordinal)
    }

    public var description: String { "\(project)/\(name)#\(ordinal)" }
}
