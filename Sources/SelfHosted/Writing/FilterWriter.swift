import Planning
import SentryModel

/// Inbound filters as project options, every value in the canonical form Sentry's UI and Relay agree
/// on: booleans as the JSON strings "1"/"0" (react-hydration-errors and chunk-load-error as JSON
/// booleans, which Sentry tests for truthiness), lists as JSON arrays of strings. The value is JSON
/// text; PostgreSQL turns it into jsonb where the column is jsonb.
struct FilterWriter {
    let session: WriteSession

    func write(_ changes: [EntityChange], desired: [InboundFilters], index: OrganizationIndex) throws {
        _ = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.project)
        var records: [Record] = []
        for (_, filters) in split.creates + split.updates {
            guard let projectId = index.projects[filters.project] else {
                throw ApplyOrderError(
                    message:
                        "project '\(filters.project)' is not on the target; apply the projects stage (or its wave) first"
                )
            }
            for (key, value) in Self.options(filters) {
                records.append(["project_id": projectId, "key": key, "value": value])
            }
        }
        // Filters have no row of their own: a "deleted" filter set is simply left as it is.
        // Replace the filter options of these projects: what the upsert would do, in two statements
        // that need no per-row conflict handling (option row ids are referred to by nothing).
        let projectIds = Array(Set(records.map { $0["project_id"] as! Int64 }))
        if !projectIds.isEmpty {
            try session.execute(
                "DELETE FROM sentry_projectoptions WHERE project_id = ANY(\(projectIds)) AND key = ANY(\(Self.keys))",
                activity: "filters: replacing filter options")
        }
        try session.copy("sentry_projectoptions", records)
    }

    static let keys = options(InboundFilters(project: "")).map(\.0)

    static func options(_ filters: InboundFilters) -> [(String, String)] {
        func flag(_ on: Bool) -> String { on ? "\"1\"" : "\"0\"" }
        let legacy: String =
            switch filters.legacyBrowsers {
            case .all(let on): flag(on)
            case .subfilters(let names): JSONString.array(names.sorted())
            }
        return [
            ("filters:browser-extensions", flag(filters.browserExtensions)),
            ("filters:localhost", flag(filters.localhost)),
            ("filters:web-crawlers", flag(filters.webCrawlers)),
            ("filters:filtered-transaction", flag(filters.filteredTransaction)),
            ("filters:legacy-browsers", legacy),
            ("filters:react-hydration-errors", filters.reactHydrationErrors ? "true" : "false"),
            ("filters:chunk-load-error", filters.chunkLoadError ? "true" : "false"),
            ("sentry:blacklisted_ips", JSONString.array(filters.blacklistedIps)),
            ("sentry:releases", JSONString.array(filters.releases)),
            ("sentry:error_messages", JSONString.array(filters.errorMessages)),
        ]
    }
}
