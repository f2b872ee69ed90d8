import Foundation

/// What exists on sentry.io that this tool does not carry, counted with one organization-level
/// list per kind, so a plan's reviewers see what must be redone by hand.
public struct NotCarriedKind: Sendable, Hashable {
    static let combinedRules = "combined-rules/"

    /// The name in the manifest and the plan, e.g. `integrations`.
    public var name: String
    /// Organization-level list endpoint, under `/api/0/organizations/{org}/`.
    var endpoint: String
    /// Why it is not carried, for the plan.
    public var note: String

    /// Each list is read with `org:read` (the endpoints' permission classes accept it for GET).
    /// `combined-rules/` is read whole (every project, every type): its `rule` rows are the issue
    /// alert rules export carries, so a failure there stops the export like any other read.
    public static let all: [NotCarriedKind] = [
        .init(
            name: "integrations", endpoint: "integrations/",
            note: "installed integrations (GitHub, Slack, Jira, …): reinstall them on the target"),
        // The one list that is also read for what is carried: its issue rules (active and disabled)
        // are exported from it, its uptime monitors counted (Exporter+Rules.swift).
        .init(
            name: "uptimeMonitors", endpoint: "combined-rules/",
            note: "uptime monitors (the combined alert list's `uptime` rows): recreate them"),
        .init(name: "dashboards", endpoint: "dashboards/", note: "custom dashboards: recreate them"),
        .init(name: "cronMonitors", endpoint: "monitors/", note: "cron monitors: recreate them, then update check-ins"),
        .init(
            name: "codeMappings", endpoint: "code-mappings/",
            note: "stack-trace code mappings of source-code integrations: recreate them after the integrations"),
        .init(name: "savedSearches", endpoint: "searches/", note: "saved issue searches: recreate them"),
    ]
}

/// One kind's count, or why it could not be counted (the export goes on either way).
public struct NotCarriedCount: Sendable, Hashable {
    public var kind: NotCarriedKind
    /// nil when sentry.io refused or lacked the list.
    public var count: Int?
    public var problem: String?
}

extension Exporter {
    /// The counts, and the integrations list's rows (issue alert actions name integrations by id).
    func notCarried(org: String) async throws -> [NotCarriedCount] {
        try await notCarriedWithIntegrations(org: org).counts
    }

    func notCarriedWithIntegrations(org: String) async throws -> (
        counts: [NotCarriedCount], integrations: [APIIntegrationRow], rules: [APIRule]
    ) {
        let found = try await bounded(NotCarriedKind.all) {
            kind -> (NotCarriedCount, [APIIntegrationRow], [APIRule]) in
            if kind.endpoint == NotCarriedKind.combinedRules {
                let rows = try await combinedRules(org: org)
                let uptime = rows.filter { $0.type == "uptime" }.count
                return (NotCarriedCount(kind: kind, count: uptime), [], rows.compactMap(\.rule))
            }
            do {
                let rows = try await client.getAll(
                    "/api/0/organizations/\(org)/\(kind.endpoint)", of: APIIntegrationRow.self, scope: "org:read",
                    what: .organization(organization))
                return (NotCarriedCount(kind: kind, count: rows.count), kind.name == "integrations" ? rows : [], [])
            } catch let error as HostedAPIError {
                switch error {
                // Counting is a courtesy: a list sentry.io refuses or lacks is reported, not fatal.
                case .forbidden, .notFound, .organizationNotFound, .unexpectedStatus, .malformed:
                    return (NotCarriedCount(kind: kind, count: nil, problem: error.description), [], [])
                default: throw error
                }
            }
        } done: { _ in
        }
        return (found.map(\.0), found.flatMap(\.1), found.flatMap(\.2))
    }
}
