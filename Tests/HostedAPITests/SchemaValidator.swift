import SentryModel

/// The part of OpenAPI 3.0's schema language Sentry's response schemas use: `type`,
/// `nullable`, `required`, `properties`, `items`, `enum`, `anyOf`. Returns one line per
/// violation, each with its JSON path.
enum SchemaValidator {
    static func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let rules) = schema else { return [] }
        if case .null = value {
            if rules["nullable"] == .bool(true) || rules["type"] == nil && rules["anyOf"] == nil { return [] }
            return ["\(path): null, schema does not allow it"]
        }
        if case .array(let options)? = rules["anyOf"] {
            let passing = options.contains { violations(of: value, against: $0, at: path).isEmpty }
            return passing ? [] : ["\(path): matches none of anyOf"]
        }
        if case .array(let allowed)? = rules["enum"], !allowed.contains(value) {
            return ["\(path): \(value) not in enum"]
        }
        var problems: [String] = []
        if case .string(let type)? = rules["type"], !matches(value, type) {
            return ["\(path): expected \(type), got \(kind(value))"]
        }
        if case .object(let object) = value {
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where object[name] == nil {
                    problems.append("\(path).\(name): required but missing")
                }
            }
            if case .object(let properties)? = rules["properties"] {
                for (name, propertySchema) in properties {
                    if let propertyValue = object[name] {
                        problems += violations(of: propertyValue, against: propertySchema, at: "\(path).\(name)")
                    }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = rules["items"] {
            for (index, item) in items.enumerated() {
                problems += violations(of: item, against: itemSchema, at: "\(path)[\(index)]")
            }
        }
        return problems
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("number", .number), ("object", .object), ("array", .array):
            true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
