import SentryModel
import Yams

/// `settings:`: organization settings, and per-project settings and environments by slug pattern.
/// Every name and value is checked against `SettingsCatalog` here, with its position.
extension MappingParser {
    mutating func parseSettings(_ node: Node) {
        for (key, value) in reader.entries(node, at: "settings", allowed: ["organization", "projects"]) {
            if key.value == "organization" {
                mapping.settings.organization = parseSettingValues(
                    value, at: "settings.organization", catalog: SettingsCatalog.organizationByName,
                    extra: [])
                continue
            }
            let hint = "write 'project-slug-or-pattern: {resolveAge: 24, environments: {staging: true}}'"
            for (pattern, overrides) in reader.entries(value, at: "settings.projects", next: hint) {
                let path = "settings.projects.\(pattern.value)"
                var rule = ProjectSettingsRule(pattern: pattern)
                rule.settings = parseSettingValues(
                    overrides, at: path, catalog: SettingsCatalog.projectByName, extra: ["environments"])
                if case .mapping = overrides {
                    for (field, environments) in reader.entries(overrides, at: path) where field.value == "environments"
                    {
                        rule.environments = parseEnvironments(environments, at: "\(path).environments")
                    }
                }
                mapping.settings.projects.append(rule)
            }
        }
    }

    /// `environments: {rename: {hosted-name: new-name}}`; both names as Sentry allows them.
    mutating func parseEnvironmentRenames(_ node: Node) {
        let hint = "write 'environments: {rename: {production: prod}}' (hosted name: self-hosted name)"
        for (key, value) in reader.entries(node, at: "environments", allowed: ["rename"]) where key.value == "rename" {
            for (from, toNode) in reader.entries(value, at: "environments.rename", next: hint) {
                guard let to = reader.string(toNode, at: "environments.rename.\(from.value)", next: hint) else {
                    continue
                }
                var valid = true
                for name in [from, to] {
                    guard let problem = EnvironmentName.problem(name.value) else { continue }
                    reader.error("environments.rename: \(problem)", next: hint, at: name.position)
                    valid = false
                }
                if valid { mapping.environmentRenames.append(EnvironmentRename(from: from, to: to)) }
            }
        }
    }

    /// `name: value` pairs of `catalog`; keys in `extra` are left to the caller.
    private mutating func parseSettingValues(
        _ node: Node, at path: String, catalog: [String: SettingDefinition], extra: [String]
    ) -> [SettingOverride] {
        let names = catalog.keys.sorted() + extra
        var result: [SettingOverride] = []
        for (key, value) in reader.entries(node, at: path, allowed: names) where !extra.contains(key.value) {
            let fieldPath = "\(path).\(key.value)"
            guard let definition = catalog[key.value] else { continue }
            if NodeReader.isNull(value) {
                result.append(SettingOverride(name: key, value: nil))
                continue
            }
            guard var json = Self.json(value) else {
                reader.error("\(fieldPath) is not a plain value", at: NodeReader.position(of: value))
                continue
            }
            // Advanced data scrubbing reads best as YAML; Sentry stores it as JSON text in a string.
            if definition.kind == .jsonText, case .object = json {
                json = .string(PythonJSON.dumps(json))
            }
            if let problem = definition.problem(with: json) {
                reader.error(
                    "\(fieldPath): \(problem)", next: "\(definition.name): \(definition.summary)",
                    at: NodeReader.position(of: value))
                continue
            }
            result.append(SettingOverride(name: key, value: json))
        }
        return result
    }

    private mutating func parseEnvironments(_ node: Node, at path: String) -> [(name: Located<String>, hidden: Bool?)] {
        let hint = "write 'environment-name: true' (hidden), 'false' (visible) or '~' (not carried)"
        var result: [(name: Located<String>, hidden: Bool?)] = []
        for (name, value) in reader.entries(node, at: path, next: hint) {
            if let problem = EnvironmentName.problem(name.value) {
                reader.error("\(path): \(problem)", next: hint, at: name.position)
                continue
            }
            if NodeReader.isNull(value) {
                result.append((name, nil))
            } else if let hidden = reader.bool(value, at: "\(path).\(name.value)") {
                result.append((name, hidden.value))
            }
        }
        return result
    }

    /// A YAML value as JSON: plain `true`/`false`, integers, numbers, strings, lists and mappings.
    static func json(_ node: Node) -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            if NodeReader.isNull(node) { return .null }
            guard scalar.style == .plain else { return .string(scalar.string) }
            switch scalar.string {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                if let integer = Int(scalar.string) { return .number(Double(integer)) }
                if let number = Double(scalar.string), scalar.string.contains(".") { return .number(number) }
                return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence {
                guard let value = json(item) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let name) = key, let item = json(value) else { return nil }
                object[name.string] = item
            }
            return .object(object)
        case .alias:
            return nil
        }
    }
}
