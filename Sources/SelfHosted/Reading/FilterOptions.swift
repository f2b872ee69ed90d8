import SentryModel

/// Turns a project's stored option values into its effective inbound filters, applying Sentry's
/// defaults for absent keys (`projectoptions/defaults.py`) so two databases compare by behaviour.
struct FilterOptions {
    /// The raw stored value (JSON text, or jsonb rendered as text) of each option of `keys`, in its
    /// order; nil when the project has none. By position, not by name: a large organization has
    /// tens of thousands of these rows, and hashing their names was most of reading them.
    var values: [String?]
    var project: String
    /// The target reads react-hydration-errors as 23.10 and later do (`TargetProfile.genericFiltersAsFlagStrings`).
    var flagStrings: Bool

    /// What the writer stores, plus the epoch that decides defaults.
    static let keys = FilterWriter.keys + ["sentry:option-epoch"]

    /// No option stored yet.
    static let noValues = [String?](repeating: nil, count: keys.count)

    /// Decodes every filter; values Sentry itself could not read as JSON become warnings.
    func decode(warnings: inout [String]) -> InboundFilters {
        var parsedValues = [JSONValue?](repeating: nil, count: Self.keys.count)
        for (position, text) in values.enumerated() {
            guard let text else { continue }
            if let value = Self.parse(text) {
                parsedValues[position] = value
            } else {
                warnings.append(
                    "project '\(project)': option \(Self.keys[position]) is not JSON (a legacy pickled value?); it is"
                        + " read as Sentry's default. Re-save the project's inbound filters in Sentry to fix it.")
            }
        }
        let parsed = Parsed(values: parsedValues)
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
        /// The two generic filters, read as the target's Sentry reads them. 23.10 and later:
        /// `value in ("1", True)` (`ingest/inbound_filters.py` `get_generic_filters`), either encoding
        /// counts, anything else is off. 23.7 to 23.9: react-hydration-errors by Python truthiness
        /// (`api/serializers/models/project.py` `format_options`), so the string "0" is on.
        func generic(_ key: String) -> Bool {
            guard let value = parsed[key] else { return true }  // default "1" (`projectoptions/defaults.py`)
            if flagStrings {
                if case .bool(true) = value {
                    warnings.append(
                        "project '\(project)': option \(key) is the JSON boolean true; Relay filters with it, but"
                            + " the project's settings page shows the filter off. Applying a change to the filters"
                            + " rewrites it as \"1\".")
                }
                return value == .string("1") || value == .bool(true)
            }
            return Self.pythonTruthiness(value)
        }

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
            reactHydrationErrors: generic("filters:react-hydration-errors"),
            chunkLoadError: flagStrings
                ? generic("filters:chunk-load-error") : flag("filters:chunk-load-error", default: true)
        )
    }

    /// The stored values nearly every project has, without starting the parser.
    private static func parse(_ text: String) -> JSONValue? {
        switch text {
        case #""1""#: .string("1")
        case #""0""#: .string("0")
        case "[]": .array([])
        case "true": .bool(true)
        case "false": .bool(false)
        default: JSONValue.parse(text)
        }
    }

    /// The parsed values, looked up by option name.
    private struct Parsed {
        var values: [JSONValue?]
        subscript(key: String) -> JSONValue? {
            // Twelve names, each compared by length first: cheaper than hashing the name.
            FilterOptions.keys.firstIndex(of: key).flatMap { values[$0] }
        }
    }

    /// `bool(value)` in Python: empty strings, containers, zero and null are false.
    static func pythonTruthiness(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let on): on
        case .number(let number): number != 0
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }
}
