import Foundation
import SentryModel

/// An entity seen as its Codable fields, the way the diff compares it: natural key and provenance
/// ids (hosted ids, the mapping's identity choice) left out, since they are not configuration the
/// target stores as such.
struct EntityFields {
    var key: String
    var fields: [String: JSONValue]

    /// Object-valued fields whose members are compared and shown as fields of their own.
    static let flattened = ["settings", "environments"]

    init(key: String, entity: some Encodable, omitting omitted: Set<String>) throws {
        var object: [String: JSONValue]
        if let direct = entity as? any JSONObjectConvertible {
            object = direct.jsonObject
        } else {
            guard case .object(let encoded) = try JSONValue.of(entity) else {
                throw PlanningInternalError(message: "an entity did not encode as a JSON object")
            }
            object = encoded
        }
        for name in omitted { object[name] = nil }
        // Settings and environments are compared one by one: each is its own field of the plan
        // (`settings.resolveAge`, `environments.production`), so a reviewer sees exactly what moves.
        for group in Self.flattened {
            guard case .object(let members) = object[group] else { continue }
            object[group] = nil
            for (name, value) in members { object["\(group).\(name)"] = value }
        }
        self.key = key
        self.fields = object
    }

    /// Fields of a new entity, null ones left out (the target's defaults apply).
    var creations: [FieldChange] {
        fields.filter { $0.value != .null }.sortedByField.map {
            FieldChange(field: $0.key, before: nil, after: $0.value)
        }
    }

    /// Fields whose value differs; a field absent on one side counts as null.
    func changes(from current: EntityFields) -> [FieldChange] {
        let names = Set(fields.keys).union(current.fields.keys)
        return names.sorted { $0.utf8Precedes($1) }.compactMap { name in
            let before = current.fields[name] ?? .null
            let after = fields[name] ?? .null
            return before == after ? nil : FieldChange(field: name, before: before, after: after)
        }
    }
}

extension Dictionary where Key == String {
    var sortedByField: [(key: String, value: Value)] {
        sorted { $0.key.utf8Precedes($1.key) }
    }
}

/// A bug: something the planner assumed did not hold.
public struct PlanningInternalError: ReportableError {
    public var message: String
    public var exitStatus: ExitStatus { .software }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "internal error while planning: \(message)",
                next: "This is a bug in sentry-migrate; please report it with this message.")
        ]
    }
}
