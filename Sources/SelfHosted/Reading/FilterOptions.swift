import SentryModel

/// Turns a project's stored option values into its effective inbound filters, applying Sentry's
/// defaults for absent keys (`projectoptions/defaults.py`) so two databases compare by behaviour.
struct FilterOptions {
    /// Option key → raw stored value (JSON text, or jsonb rendered as text).
    var values: [String: String]
    var project: String

    /// What the writer stores, plus the epoch that decides defaults.
    static let keys = FilterWriter.keys + ["sentry:option-epoch"]

    /// Decodes every filter; values Sentry itself could not read as JSON become warnings.
    func decode(warnings: inout [String]) -> InboundFilters {
        var parsed: [String: JSONValue] = [:]
        for (key, text) in values {
            if let value = JSONValue.parse(text) {
                parsed[key] = value
            } else {
                warnings.append(
                    "project '\(project)': option \(key) is not JSON (a legacy pickled value?); it is read as"
                        + " Sentry's default. Re-save the project's inbound filters in Sentry to fix it.")
            }
        }
        // Projects created without an epoch behave as epoch 1, where web crawlers are filtered.
        let epoch =
            parsed["sentry:option-epoch"].flatMap { value -> Int? in
                if case .number(let number) = value { return Int(number) }
                return value.stringValue.flatMap { Int($0) }
            } ?? 1

        func flag(_ key: String, default fallback: Bool) -> Bool {
            switch parsed[key] {
            case .string("1"): true
            case .string("0"): false
            case .bool(let value): value
            default: fallback
            }
        }
        func list(_ key: String) -> [String] { parsed[key]?.stringArray ?? [] }

        let legacy: LegacyBrowsers =
            if let names = parsed["filters:legacy-browsers"]?.stringArray {
                .subfilters(names.sorted())
            } else {
                .all(flag("filters:legacy-browsers", default: false))
            }
        return InboundFilters(
            project: project,
            browserExtensions: flag("filters:browser-extensions", default: false),
            localhost: flag("filters:localhost", default: false),
            webCrawlers: flag("filters:web-crawlers", default: epoch < 6),
            filteredTransaction: flag("filters:filtered-transaction", default: true),
            legacyBrowsers: legacy,
            blacklistedIps: list("sentry:blacklisted_ips"),
            releases: list("sentry:releases"),
            errorMessages: list("sentry:error_messages"),
            reactHydrationErrors: flag("filters:react-hydration-errors", default: true),
            chunkLoadError: flag("filters:chunk-load-error", default: true)
        )
    }
}
