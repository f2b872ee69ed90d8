/// The number of requests a full export needs, given the organization's sizes. docs/export.md
/// derives it; the exporter achieves it when nothing fails.
public enum RequestFormula {
    /// Pages of a list of `count` items at 100 per page; an empty list still takes one request.
    public static func pages(_ count: Int) -> Int { max(1, (count + 99) / 100) }

    /// Requests for the not-carried inventory: one list per kind, `rows` given per kind (missing: 0).
    public static func inventory(_ rows: [Int]) -> Int {
        (0..<NotCarriedKind.all.count).map { pages($0 < rows.count ? rows[$0] : 0) }.reduce(0, +)
    }

    /// Requests for team roles through the per-team member lists.
    public static func teamListingCost(teamMemberCounts: [Int]) -> Int { teamMemberCounts.map(pages).reduce(0, +) }

    /// Requests before the lists: `GET /api/0/` (the token's scopes) and the caller's own
    /// membership (`members/me/`, its org role).
    public static let preflight = 2

    /// 2 (preflight) + 1 (organization) + pages(teams) + pages(members) + min(Σ pages(team members),
    /// members) + pages(projects) + Σ pages(keys of each project) + 3 × projects (filters, ownership,
    /// environments).
    /// + Σ pages(rows) of the not-carried lists (integrations, the combined alert list, dashboards,
    /// cron monitors, code mappings, saved searches); empty lists cost one request each. The
    /// combined alert list's rows are every issue alert rule (active and disabled), every metric
    /// alert, uptime and cron monitor: issue rules cost no request of their own.
    /// + pages(metric alerts) (the org-level list) + metric alerts (one detail each: only the detail
    /// has `eventTypes`).
    public static func requests(
        teamMemberCounts: [Int], members: Int, keysPerProject: [Int], notCarried: [Int] = [],
        metricAlerts: Int = 0
    ) -> Int {
        pages(metricAlerts) + metricAlerts
            + requestsBeforeRules(
                teamMemberCounts: teamMemberCounts, members: members, keysPerProject: keysPerProject,
                notCarried: notCarried)
    }

    static func requestsBeforeRules(
        teamMemberCounts: [Int], members: Int, keysPerProject: [Int], notCarried: [Int]
    ) -> Int {
        inventory(notCarried) + preflight + 1 + pages(teamMemberCounts.count) + pages(members)
            + min(teamListingCost(teamMemberCounts: teamMemberCounts), members) + pages(keysPerProject.count)
            + keysPerProject.map(pages).reduce(0, +) + 3 * keysPerProject.count
    }
}
