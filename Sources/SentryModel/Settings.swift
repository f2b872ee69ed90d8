// Organization and project settings: named as the hosted API names them, valued exactly as
// Sentry's ORM stores them (reference/settings.md §3.4, §5.3, §5.4). Which option key or flag bit
// holds each one is the business of the self-hosted writer and reader.

/// The JSON type a setting's stored value has.
public enum SettingKind: String, Sendable, Hashable {
    case bool
    /// A JSON integer.
    case integer
    case string
    case stringList
    /// A JSON string whose content is itself JSON text holding an object: Sentry stores
    /// `relay_pii_config` double-encoded and reads it with `json.loads` (`datascrubbing.py`).
    case jsonText
    /// `{context name: [key, ...]}` (`sentry:highlight_context`).
    case stringListObject
    /// Trusted relays: `[{publicKey, name, description?, created?, lastModified?}]`.
    case trustedRelays
}

/// One carried setting.
public struct SettingDefinition: Sendable, Hashable {
    /// The hosted API's field name; the snapshot's and the mapping's name for it.
    public let name: String
    public let kind: SettingKind
    /// What it means, for `--help` style listings and errors.
    public let summary: String
    /// For a setting every database holds a value of (a flag bit, not an option row): the value
    /// that stands for "not set", so a snapshot without it compares as the default.
    public let alwaysStored: JSONValue?
    /// What Sentry reads when nothing is stored (its core constants, the same on sentry.io and
    /// self-hosted). The organization details answer it for an unset setting, so the exporter
    /// leaves such values out: absent means "Sentry's default", as for project settings.
    public let defaultValue: JSONValue?

    public init(
        _ name: String, _ kind: SettingKind, _ summary: String, default defaultValue: JSONValue? = nil,
        alwaysStored: JSONValue? = nil
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.defaultValue = defaultValue ?? alwaysStored
        self.alwaysStored = alwaysStored
    }

    /// Whether `value` is a value this setting can hold; nil when it is, else what is wrong.
    public func problem(with value: JSONValue) -> String? {
        switch (kind, value) {
        case (.bool, .bool): return nil
        case (.integer, .number(let number)) where number == number.rounded() && abs(number) < 1e15: return nil
        case (.string, .string): return nil
        case (.stringList, .array(let items)) where items.allSatisfy({ $0.stringValue != nil }): return nil
        case (.jsonText, .string(let text)):
            if case .object = JSONValue.parse(text) { return nil }
            return "\(name) must be a string holding a JSON object (Sentry reads it with json.loads)"
        case (.stringListObject, .object(let members)) where members.values.allSatisfy({ $0.stringArray != nil }):
            return nil
        case (.trustedRelays, .array(let items)):
            for item in items {
                guard case .object(let relay) = item, relay["publicKey"]?.stringValue != nil,
                    relay["name"]?.stringValue != nil,
                    Set(relay.keys).isSubset(of: ["publicKey", "name", "description", "created", "lastModified"])
                else {
                    return "\(name) must be a list of {publicKey, name, description, created, lastModified}"
                }
            }
            return nil
        default:
            return "\(name) must be \(kind.described)"
        }
    }
}

extension SettingKind {
    var described: String {
        switch self {
        case .bool: "true or false"
        case .integer: "an integer"
        case .string: "a string"
        case .stringList: "a list of strings"
        case .jsonText: "a string holding a JSON object"
        case .stringListObject: "an object whose values are lists of strings"
        case .trustedRelays: "a list of trusted relays"
        }
    }
}

/// The settings the tool carries, by owner.
public enum SettingsCatalog {
    /// Organization settings marked "migrate" in settings.md §3.
    public static let organization: [SettingDefinition] = [
        // Defaults: `api/serializers/models/organization.py` (`*_DEFAULT` constants), 23.7.1 and later.
        .init("alertsMemberWrite", .bool, "members may create and edit alerts", default: .bool(true)),
        .init("allowJoinRequests", .bool, "people may ask to join the organization", default: .bool(true)),
        .init(
            "allowMemberInvite", .bool, "members may invite people (Sentry 24.8 and later)", alwaysStored: .bool(true)),
        .init(
            "allowMemberProjectCreation", .bool, "members may create projects (Sentry 24.7 and later)",
            alwaysStored: .bool(true)),
        .init(
            "attachmentsRole", .string, "lowest role that may download event attachments", default: .string("member")),
        .init("dataScrubber", .bool, "require server-side data scrubbing in every project", default: .bool(false)),
        .init("dataScrubberDefaults", .bool, "require the default scrubbers in every project", default: .bool(false)),
        .init("debugFilesRole", .string, "lowest role that may download debug files", default: .string("admin")),
        .init("eventsMemberAdmin", .bool, "members may delete events and resolve issues", default: .bool(true)),
        .init("relayPiiConfig", .jsonText, "advanced data scrubbing rules"),
        .init("safeFields", .stringList, "fields never scrubbed in any project", default: .array([])),
        .init("scrapeJavaScript", .bool, "fetch JavaScript source files", default: .bool(true)),
        .init("scrubIPAddresses", .bool, "never store IP addresses in any project", default: .bool(false)),
        .init("sensitiveFields", .stringList, "extra fields scrubbed in every project", default: .array([])),
        .init(
            "storeCrashReports", .integer, "native crash reports kept per issue (0 off, -1 all)", default: .number(0)),
        .init(
            "trustedRelays", .trustedRelays, "customer-run Relays allowed to fetch project configs", default: .array([])
        ),
    ]

    /// Project settings marked "migrate" in settings.md §5.3 and §5.4, raw stored values only.
    /// `securityToken` is not among them: it is a credential and lives in `secrets/settings.json`.
    public static let project: [SettingDefinition] = [
        .init("allowedDomains", .stringList, "origins allowed to send events"),
        .init("builtinSymbolSources", .stringList, "built-in symbol servers used"),
        .init("cspIgnoredSources", .stringList, "CSP report sources ignored"),
        .init("cspIgnoredSourcesDefaults", .bool, "ignore the default CSP sources"),
        .init("dataScrubber", .bool, "server-side data scrubbing"),
        .init("dataScrubberDefaults", .bool, "apply the default scrubbers"),
        .init("defaultEnvironment", .string, "environment shown first"),
        .init("digestsMaxDelay", .integer, "longest wait before a digest e-mail (seconds)"),
        .init("digestsMinDelay", .integer, "shortest wait before a digest e-mail (seconds)"),
        .init("fingerprintingRules", .string, "fingerprinting rules"),
        .init("groupingConfig", .string, "grouping algorithm id"),
        .init("groupingEnhancements", .string, "stack-trace rules"),
        .init("highlightContext", .stringListObject, "highlighted context keys (Sentry 24.4.2 and later)"),
        .init("highlightTags", .stringList, "highlighted tags (Sentry 24.4.2 and later)"),
        .init("relayPiiConfig", .jsonText, "advanced data scrubbing rules"),
        .init("resolveAge", .integer, "auto-resolve issues after this many hours (0 off)"),
        .init("safeFields", .stringList, "fields never scrubbed"),
        .init("scrapeJavaScript", .bool, "fetch JavaScript source files"),
        .init("scrubIPAddresses", .bool, "never store IP addresses"),
        .init("securityTokenHeader", .string, "header that carries the security token"),
        .init("sensitiveFields", .stringList, "extra fields scrubbed"),
        .init("storeCrashReports", .integer, "native crash reports kept per issue (0 off, -1 all)"),
        .init("subjectPrefix", .string, "e-mail subject prefix"),
        .init("subjectTemplate", .string, "e-mail subject template"),
        .init("verifySSL", .bool, "verify TLS certificates when fetching source files"),
    ]

    /// Where Sentry stores each project setting: one option row per setting, holding the value as
    /// is (`api/endpoints/project_details.py` `update_option` calls; keys in `OPTION_KEYS`,
    /// `models/options/project_option.py`, so `?options=` returns them raw).
    public static let projectOptionKeys: [String: String] = [
        "allowedDomains": "sentry:origins",
        "builtinSymbolSources": "sentry:builtin_symbol_sources",
        "cspIgnoredSources": "sentry:csp_ignored_sources",
        "cspIgnoredSourcesDefaults": "sentry:csp_ignored_sources_defaults",
        "dataScrubber": "sentry:scrub_data",
        "dataScrubberDefaults": "sentry:scrub_defaults",
        "defaultEnvironment": "sentry:default_environment",
        "digestsMaxDelay": "digests:mail:maximum_delay",
        "digestsMinDelay": "digests:mail:minimum_delay",
        "fingerprintingRules": "sentry:fingerprinting_rules",
        "groupingConfig": "sentry:grouping_config",
        "groupingEnhancements": "sentry:grouping_enhancements",
        "highlightContext": "sentry:highlight_context",
        "highlightTags": "sentry:highlight_tags",
        "relayPiiConfig": "sentry:relay_pii_config",
        "resolveAge": "sentry:resolve_age",
        "safeFields": "sentry:safe_fields",
        "scrapeJavaScript": "sentry:scrape_javascript",
        "scrubIPAddresses": "sentry:scrub_ip_address",
        "securityTokenHeader": "sentry:token_header",
        "sensitiveFields": "sentry:sensitive_fields",
        "storeCrashReports": "sentry:store_crash_reports",
        "subjectPrefix": "mail:subject_prefix",
        "subjectTemplate": "mail:subject_template",
        "verifySSL": "sentry:verify_ssl",
    ]

    /// The security token's option key; the token itself is kept with the snapshot's secrets.
    public static let securityTokenKey = "sentry:token"

    public static let organizationByName = Dictionary(uniqueKeysWithValues: organization.map { ($0.name, $0) })
    public static let projectByName = Dictionary(uniqueKeysWithValues: project.map { ($0.name, $0) })
}

/// Setting name → value, for one organization or project. Encodes as a JSON object whose keys are
/// the catalog's names; decoding refuses names the catalog does not have and values of the wrong type.
public struct SettingValues: Codable, Sendable, Hashable {
    public var values: [String: JSONValue]

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Problems of these values against `catalog`, as (name, message).
    public static func problems(_ values: [String: JSONValue], catalog: [String: SettingDefinition])
        -> [(String, String)]
    {
        values.keys.sorted().compactMap { name in
            guard let definition = catalog[name] else {
                let suggestion = DidYouMeanName.closest(to: name, in: catalog.keys.sorted())
                return (name, "unknown setting '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
            }
            return definition.problem(with: values[name]!).map { (name, $0) }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SettingKey.self)
        var values: [String: JSONValue] = [:]
        for key in container.allKeys {
            values[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SettingKey.self)
        for (name, value) in values {
            try container.encode(value, forKey: SettingKey(stringValue: name))
        }
    }

    struct SettingKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The closest name by edit distance, for "did you mean" hints.
public enum DidYouMeanName {
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowered), Array(candidate.lowercased()))
            if distance <= max(2, name.count / 3), best.map({ distance < $0.1 }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Sentry's rule for environment names (`models/environment.py` `ENVIRONMENT_NAME_PATTERN`
/// `^[^\n\r\f\/]*$`, `ENVIRONMENT_NAME_MAX_LENGTH` 64). The empty name is "no environment", which
/// Sentry creates itself when an event without one arrives.
public enum EnvironmentName {
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "the empty environment name is Sentry's own \"no environment\"; leave it out" }
        if name.count > 64 { return "environment name '\(name.prefix(20))…' is longer than Sentry's 64 characters" }
        if name.contains(where: { "\n\r\u{0C}/".contains($0) }) {
            return "environment name '\(name)' holds a line break, form feed or '/', which Sentry refuses"
        }
        return nil
    }
}
