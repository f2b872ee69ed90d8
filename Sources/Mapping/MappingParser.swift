import Foundation
import SentryModel
import Yams

extension MappingFile {
    static let sectionNames = [
        "version", "organization", "teams", "projects", "members", "keys", "filters", "ownership", "settings",
        "waves", "alerts", "environments",
    ]

    /// Parses mapping-file text. Problems of shape (unknown keys, wrong types, bad values) are all
    /// collected; problems that need the snapshot are found by `MappingValidator`.
    public static func parse(yaml text: String, path: String) throws(MappingError) -> MappingFile {
        let (mapping, diagnostics) = parseCollecting(yaml: text, path: path)
        guard let mapping, !diagnostics.hasErrors else { throw MappingError(diagnostics: diagnostics) }
        return mapping
    }

    static func parseCollecting(yaml text: String, path: String) -> (MappingFile?, [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (nil, [YAMLSyntax.diagnostic(for: error, file: path)])
        }
        guard let root else {
            let problem = Diagnostic(
                .error, "the mapping file is empty", next: "start it with 'version: 1'",
                at: Location(file: path, position: Position(line: 1, column: 1)))
            return (nil, [problem])
        }
        var parser = MappingParser(reader: NodeReader(file: path), mapping: MappingFile(path: path))
        parser.parseRoot(root)
        return (parser.mapping, parser.reader.diagnostics)
    }
}

/// Turns the YAML tree into a `MappingFile`, section by section.
struct MappingParser {
    var reader: NodeReader
    var mapping: MappingFile

    mutating func parseRoot(_ root: Node) {
        let entries = reader.entries(
            root, at: "", allowed: MappingFile.sectionNames, next: "a mapping file is a YAML mapping: 'version: 1', …")
        var sawVersion = false
        for (key, value) in entries {
            mapping.sections[key.value] = key.position
            switch key.value {
            case "version":
                sawVersion = true
                parseVersion(value)
            case "organization": parseOrganization(value)
            case "teams": parseTeams(value)
            case "projects": parseProjects(value)
            case "members": parseMembers(value)
            case "keys": parseKeys(value)
            case "filters": parseFilters(value)
            case "ownership": parseOwnership(value)
            case "settings": parseSettings(value)
            case "environments": parseEnvironmentRenames(value)
            case "waves": parseWaves(value)
            case "alerts":
                for (key, value) in reader.entries(value, at: "alerts", allowed: ["missingIntegration"])
                where key.value == "missingIntegration" {
                    mapping.alerts.missingIntegration = reader.choice(value, at: "alerts.missingIntegration")
                }
            default: break
            }
        }
        if !sawVersion, case .mapping = root {
            reader.error(
                "the mapping file has no 'version'", next: "add 'version: 1' as its first line",
                at: NodeReader.position(of: root))
        }
    }

    mutating func parseVersion(_ node: Node) {
        guard case .scalar(let scalar) = node, scalar.string == "1" else {
            reader.error(
                "unsupported mapping version \(NodeReader.describe(node))",
                next: "this sentry-migrate reads 'version: 1'", at: NodeReader.position(of: node))
            return
        }
    }

    mutating func parseOrganization(_ node: Node) {
        for (key, value) in reader.entries(
            node, at: "organization", allowed: ["slug", "name", "into", "alongside"])
        {
            let path = "organization.\(key.value)"
            switch key.value {
            case "slug": mapping.organization.slug = reader.string(value, at: path)
            case "into": mapping.organization.into = reader.string(value, at: path)
            case "alongside": mapping.organization.alongside = reader.bool(value, at: path)
            default: mapping.organization.name = reader.string(value, at: path)
            }
        }
    }

    // MARK: Teams and projects

    mutating func parseTeams(_ node: Node) {
        for (key, value) in reader.entries(node, at: "teams", allowed: ["rename", "merge", "exclude"]) {
            switch key.value {
            case "rename": mapping.teams.rename = parseRenames(value, at: "teams.rename", nameLimit: "team")
            case "merge": parseMerges(value)
            default: mapping.teams.exclude = parseGlobs(value, at: "teams.exclude", what: "team slugs")
            }
        }
    }

    mutating func parseProjects(_ node: Node) {
        for (key, value) in reader.entries(node, at: "projects", allowed: ["rename", "exclude", "platform"]) {
            switch key.value {
            case "rename": mapping.projects.rename = parseRenames(value, at: "projects.rename", nameLimit: "project")
            case "exclude": mapping.projects.exclude = parseGlobs(value, at: "projects.exclude", what: "project slugs")
            default: parsePlatforms(value)
            }
        }
    }

    /// `old: new` or `old: {slug: new, name: "New name"}`.
    mutating func parseRenames(_ node: Node, at path: String, nameLimit: String) -> [RenameRule] {
        let hint = "write 'old-slug: new-slug' or 'old-slug: {slug: new-slug, name: \"New name\"}'"
        var rules: [RenameRule] = []
        for (key, value) in reader.entries(node, at: path, next: hint) {
            let entryPath = "\(path).\(key.value)"
            if case .mapping = value {
                var rule = RenameRule(from: key)
                for (field, fieldValue) in reader.entries(value, at: entryPath, allowed: ["slug", "name"], next: hint) {
                    let located = reader.string(fieldValue, at: "\(entryPath).\(field.value)")
                    if field.value == "slug" { rule.slug = located } else { rule.name = located }
                }
                if rule.slug == nil && rule.name == nil {
                    reader.error("\(entryPath) renames nothing", next: hint, at: NodeReader.position(of: value))
                }
                rules.append(rule)
            } else if let slug = reader.string(value, at: entryPath, next: hint) {
                rules.append(RenameRule(from: key, slug: slug))
            }
        }
        return rules
    }

    mutating func parseMerges(_ node: Node) {
        let hint = "write 'target-slug: {from: [team-a, team-b], name: \"Target\"}'"
        for (key, value) in reader.entries(node, at: "teams.merge", next: hint) {
            let path = "teams.merge.\(key.value)"
            var rule = MergeRule(target: key, from: [])
            var sawFrom = false
            for (field, fieldValue) in reader.entries(value, at: path, allowed: ["from", "name"], next: hint) {
                if field.value == "from" {
                    sawFrom = true
                    rule.from = reader.stringList(fieldValue, at: "\(path).from", next: hint) ?? []
                    if rule.from.isEmpty, case .sequence = fieldValue {
                        reader.error("\(path).from is empty", next: hint, at: NodeReader.position(of: fieldValue))
                    }
                } else {
                    rule.name = reader.string(fieldValue, at: "\(path).name")
                }
            }
            if !sawFrom, case .mapping = value {
                reader.error("\(path) has no 'from' list", next: hint, at: key.position)
            }
            mapping.teams.merge.append(rule)
        }
    }

    mutating func parseGlobs(_ node: Node, at path: String, what: String) -> [Located<String>] {
        reader.stringList(node, at: path, next: "a list of \(what) or patterns, like ['sandbox-*', legacy]") ?? []
    }

    mutating func parsePlatforms(_ node: Node) {
        let hint = "write 'project-slug: python' (or '~' to clear the platform)"
        for (key, value) in reader.entries(node, at: "projects.platform", next: hint) {
            let path = "projects.platform.\(key.value)"
            guard let platform = reader.optionalString(value, at: path, next: hint) else { continue }
            if let value = platform.value, let problem = SlugRules.problem(withPlatform: value) {
                reader.error("platform '\(value)' in \(path) \(problem)", at: platform.position)
                continue
            }
            mapping.projects.platform.append(PlatformRule(project: key, platform: platform))
        }
    }

    // MARK: Members

    mutating func parseMembers(_ node: Node) {
        let allowed = ["email", "domains", "roles", "teamRoles", "exclude", "identity", "pendingInvites"]
        for (key, value) in reader.entries(node, at: "members", allowed: allowed) {
            let path = "members.\(key.value)"
            switch key.value {
            case "email":
                mapping.members.email = parseNameMap(value, at: path, next: "write 'old@example.com: new@example.com'")
            case "domains":
                mapping.members.domains = parseNameMap(value, at: path, next: "write 'old.example: new.example'")
            case "roles": mapping.members.roles = parseNameMap(value, at: path, next: "write 'billing: member'")
            case "teamRoles":
                mapping.members.teamRoles = parseNameMap(value, at: path, next: "write 'old-role: contributor'")
            case "exclude": mapping.members.exclude = parseGlobs(value, at: path, what: "e-mails")
            case "identity": parseIdentity(value, sectionAt: key.position)
            default: mapping.members.pendingInvites = reader.choice(value, at: path)
            }
        }
    }

    mutating func parseNameMap(_ node: Node, at path: String, next hint: String) -> [NameMapRule] {
        reader.entries(node, at: path, next: hint).compactMap { key, value in
            reader.string(value, at: "\(path).\(key.value)", next: hint).map { NameMapRule(from: key, to: $0) }
        }
    }

    mutating func parseIdentity(_ node: Node, sectionAt position: Position) {
        mapping.members.identitySection = position
        for (key, value) in reader.entries(node, at: "members.identity", allowed: ["default", "members"]) {
            if key.value == "default" {
                mapping.members.identityDefault = reader.choice(value, at: "members.identity.default")
                continue
            }
            let hint = "write 'person@example.com: create'"
            for (email, policy) in reader.entries(value, at: "members.identity.members", next: hint) {
                if let policy = reader.choice(
                    policy, at: "members.identity.members.\(email.value)", of: IdentityPolicy.self)
                {
                    mapping.members.identityMembers.append(IdentityRule(email: email, policy: policy))
                }
            }
        }
    }

    // MARK: Keys

    mutating func parseKeys(_ node: Node) {
        let allowed = ["preserve", "preserveProjectIds", "inactive", "rateLimits"]
        for (key, value) in reader.entries(node, at: "keys", allowed: allowed) {
            let path = "keys.\(key.value)"
            switch key.value {
            case "preserve": mapping.keys.preserve = reader.bool(value, at: path)
            case "preserveProjectIds": mapping.keys.preserveProjectIds = reader.bool(value, at: path)
            case "inactive": mapping.keys.inactive = reader.choice(value, at: path)
            default:
                for (group, groupValue) in reader.entries(value, at: path, allowed: ["projects", "keys"]) {
                    let rules = parseRateLimits(groupValue, at: "\(path).\(group.value)")
                    if group.value == "projects" {
                        mapping.keys.projectRateLimits = rules
                    } else {
                        mapping.keys.keyRateLimits = rules
                    }
                }
            }
        }
    }

    /// `subject: {count: 100, window: 60}` or `subject: none` (no limit).
    mutating func parseRateLimits(_ node: Node, at path: String) -> [RateLimitRule] {
        let hint = "write '{count: 1000, window: 60}' (events per window of seconds), or 'none' for no limit"
        var rules: [RateLimitRule] = []
        for (subject, value) in reader.entries(node, at: path, next: hint) {
            let entryPath = "\(path).\(subject.value)"
            if NodeReader.isNull(value) || value.scalar?.string == "none" {
                rules.append(RateLimitRule(subject: subject, limit: nil))
                continue
            }
            guard case .mapping = value else {
                reader.error(
                    "\(entryPath) must be a rate limit or 'none', found \(NodeReader.describe(value))", next: hint,
                    at: NodeReader.position(of: value))
                continue
            }
            var count: Int?
            var window: Int?
            for (field, fieldValue) in reader.entries(value, at: entryPath, allowed: ["count", "window"], next: hint) {
                let number = reader.positiveInt(fieldValue, at: "\(entryPath).\(field.value)")?.value
                if field.value == "count" { count = number } else { window = number }
            }
            let given = (value.mapping?.keys.compactMap(\.string)) ?? []
            for missing in ["count", "window"] where !given.contains(missing) {
                reader.error("\(entryPath) has no '\(missing)'", next: hint, at: NodeReader.position(of: value))
            }
            if let count, let window {
                rules.append(RateLimitRule(subject: subject, limit: RateLimit(count: count, window: window)))
            }
        }
        return rules
    }

    // MARK: Filters, ownership, waves

    static let filterFields = [
        "browserExtensions", "localhost", "webCrawlers", "filteredTransaction", "legacyBrowsers", "blacklistedIps",
        "releases", "errorMessages", "reactHydrationErrors", "chunkLoadError",
    ]

    mutating func parseFilters(_ node: Node) {
        for (key, value) in reader.entries(node, at: "filters", allowed: ["all", "projects"]) {
            if key.value == "all" {
                mapping.filters.all = parseFilterOverride(value, at: "filters.all")
                continue
            }
            for (project, override) in reader.entries(value, at: "filters.projects") {
                if let parsed = parseFilterOverride(override, at: "filters.projects.\(project.value)") {
                    mapping.filters.projects.append(ProjectFilterRule(project: project, override: parsed))
                }
            }
        }
    }

    mutating func parseFilterOverride(_ node: Node, at path: String) -> FilterOverride? {
        guard case .mapping = node else {
            _ = reader.entries(node, at: path)
            return nil
        }
        var override = FilterOverride(position: NodeReader.position(of: node))
        for (key, value) in reader.entries(node, at: path, allowed: Self.filterFields) {
            let fieldPath = "\(path).\(key.value)"
            switch key.value {
            case "browserExtensions": override.browserExtensions = reader.bool(value, at: fieldPath)
            case "localhost": override.localhost = reader.bool(value, at: fieldPath)
            case "webCrawlers": override.webCrawlers = reader.bool(value, at: fieldPath)
            case "filteredTransaction": override.filteredTransaction = reader.bool(value, at: fieldPath)
            case "reactHydrationErrors": override.reactHydrationErrors = reader.bool(value, at: fieldPath)
            case "chunkLoadError": override.chunkLoadError = reader.bool(value, at: fieldPath)
            case "legacyBrowsers": override.legacyBrowsers = parseLegacyBrowsers(value, at: fieldPath)
            case "blacklistedIps": override.blacklistedIps = parseIPList(value, at: fieldPath)
            case "releases": override.releases = plainList(value, at: fieldPath)
            default: override.errorMessages = plainList(value, at: fieldPath)
            }
        }
        return override
    }

    mutating func plainList(_ node: Node, at path: String) -> Located<[String]>? {
        reader.stringList(node, at: path).map { Located($0.map(\.value), at: NodeReader.position(of: node)) }
    }

    mutating func parseLegacyBrowsers(_ node: Node, at path: String) -> Located<LegacyBrowsers>? {
        if case .sequence = node {
            guard let names = reader.stringList(node, at: path) else { return nil }
            var valid = true
            for name in names where !SlugRules.legacyBrowserSubfilters.contains(name.value) {
                valid = false
                let suggestion = DidYouMean.suggestion(for: name.value, among: SlugRules.legacyBrowserSubfilters)
                reader.error(
                    "unknown legacy-browser filter '\(name.value)' in \(path)"
                        + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
                    next: "Sentry knows: \(SlugRules.legacyBrowserSubfilters.joined(separator: ", "))",
                    at: name.position)
            }
            if names.isEmpty {
                reader.error(
                    "\(path) is an empty list", next: "write 'false' to turn the filter off",
                    at: NodeReader.position(of: node))
                valid = false
            }
            let position = NodeReader.position(of: node)
            return valid ? Located(.subfilters(names.map(\.value).sorted()), at: position) : nil
        }
        return reader.bool(node, at: path).map { Located(.all($0.value), at: $0.position) }
    }

    mutating func parseIPList(_ node: Node, at path: String) -> Located<[String]>? {
        guard let items = reader.stringList(node, at: path) else { return nil }
        var valid = true
        for item in items where !IPAddressRule.isValid(item.value) {
            valid = false
            reader.error(
                "'\(item.value)' in \(path) is not an IP address or network",
                next: "write addresses like 10.0.0.1 or networks like 10.0.0.0/8 or 2001:db8::/32",
                at: item.position)
        }
        return valid ? Located(items.map(\.value), at: NodeReader.position(of: node)) : nil
    }

    mutating func parseOwnership(_ node: Node) {
        for (key, value) in reader.entries(node, at: "ownership", allowed: ["rewrite", "unknownOwners"]) {
            if key.value == "rewrite" {
                mapping.ownership.rewrite = reader.bool(value, at: "ownership.rewrite")
            } else {
                mapping.ownership.unknownOwners = reader.choice(value, at: "ownership.unknownOwners")
            }
        }
    }

    mutating func parseWaves(_ node: Node) {
        let hint = "write 'wave-1: {teams: [team-a, team-b]}'"
        for (name, value) in reader.entries(node, at: "waves", next: hint) {
            let path = "waves.\(name.value)"
            if name.value.isEmpty || !name.value.unicodeScalars.allSatisfy(Self.isWaveNameCharacter) {
                reader.error(
                    "wave name '\(name.value)' is not usable on the command line",
                    next: "use letters, digits, '-', '_' and '.', as in 'wave-1'", at: name.position)
            }
            var wave = WaveRule(name: name, teams: [])
            var sawTeams = false
            for (field, fieldValue) in reader.entries(value, at: path, allowed: ["teams", "description"], next: hint) {
                if field.value == "teams" {
                    sawTeams = true
                    wave.teams = reader.stringList(fieldValue, at: "\(path).teams", next: hint) ?? []
                    if wave.teams.isEmpty, case .sequence = fieldValue {
                        reader.error("\(path).teams is empty", next: hint, at: NodeReader.position(of: fieldValue))
                    }
                } else {
                    wave.description = reader.string(fieldValue, at: "\(path).description")?.value
                }
            }
            if !sawTeams, case .mapping = value {
                reader.error("\(path) has no 'teams' list", next: hint, at: name.position)
            }
            mapping.waves.append(wave)
        }
    }

    static func isWaveNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "_" || scalar == "."
    }
}
