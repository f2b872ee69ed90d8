import Planning
import SentryModel

/// Inbound filters as project options, every value in the form the target's own Sentry writes
/// (`ingest/inbound_filters.py` `set_filter_state`): booleans as the JSON strings "1"/"0", lists as
/// JSON arrays of strings. `filters:react-hydration-errors` is the exception on 23.7 to 23.9, whose
/// readers test it for truthiness (so "0" would mean on): there it is a JSON boolean
/// (`TargetProfile.genericFiltersAsFlagStrings`). `filters:chunk-load-error` is always "1"/"0": only
/// 23.10 and later read it, as `value in ("1", True)` (Relay) and `== "1"` (project settings).
/// The value is JSON text; PostgreSQL turns it into jsonb where the column is jsonb.
struct FilterWriter {
    let session: WriteSession

    func write(_ changes: ArraySlice<EntityChange>, desired: [InboundFilters], index: OrganizationIndex) throws {
        _ = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.project)
        // Rows as plain values, made into records a batch at a time as the COPY asks for them: 100,000
        // records made at once were the peak of apply's memory at xlarge (docs/performance.md).
        var rows: [(projectId: Int64, key: String, value: String)] = []
        var projectIds: Set<Int64> = []
        for (_, filters) in split.createsAndUpdates {
            guard let projectId = index.projects[filters.project] else {
                throw ApplyOrderError(
                    message:
                        "project '\(filters.project)' is not on the target; apply the projects stage (or its wave) first"
                )
            }
            projectIds.insert(projectId)
            for (key, value) in Self.options(filters, flagStrings: session.profile.genericFiltersAsFlagStrings) {
                rows.append((projectId, key, value))
            }
        }
        // Filters have no row of their own: a "deleted" filter set is simply left as it is.
        // Replace the filter options of these projects: what the upsert would do, in two statements
        // that need no per-row conflict handling (option row ids are referred to by nothing).
        if !projectIds.isEmpty {
            try session.execute(
                "DELETE FROM sentry_projectoptions WHERE project_id = ANY(\(projectIds.sorted())) AND key = ANY(\(Self.keys))",
                activity: "filters: replacing filter options")
        }
        try session.copy("sentry_projectoptions", count: rows.count) { index in
            ["project_id": rows[index].projectId, "key": rows[index].key, "value": rows[index].value]
        }
    }

    static let keys = options(InboundFilters(project: ""), flagStrings: true).map(\.0)

    /// `flagStrings`: react-hydration-errors as "1"/"0" (23.10 and later) rather than a JSON boolean.
    static func options(_ filters: InboundFilters, flagStrings: Bool) -> [(String, String)] {
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
            (
                "filters:react-hydration-errors",
                flagStrings ? flag(filters.reactHydrationErrors) : (filters.reactHydrationErrors ? "true" : "false")
            ),
            ("filters:chunk-load-error", flag(filters.chunkLoadError)),
            ("sentry:blacklisted_ips", JSONString.array(filters.blacklistedIps)),
            ("sentry:releases", JSONString.array(filters.releases)),
            ("sentry:error_messages", JSONString.array(filters.errorMessages)),
        ]
    }
}
