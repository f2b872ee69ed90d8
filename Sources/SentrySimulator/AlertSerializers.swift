import Foundation
import SentryModel

/// An issue alert rule as `RuleSerializer.serialize` answers it (Sentry 23.7.1
/// `api/serializers/models/rule.py`; 24.x adds `status` and `snooze`): ids where the snapshot has
/// natural keys, a rendered `name` on every node, and on sentry.io an action `uuid`.
struct RuleBody: Encodable {
    let record: SimulatedOrg.RuleRecord
    let org: SimulatedOrg

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let rule = record.rule
        try container.encode(String(record.id), forKey: "id")
        try container.encode(rule.name, forKey: "name")
        try container.encode(rule.conditions.map(hosted), forKey: "conditions")
        try container.encode(rule.filters.map(hosted), forKey: "filters")
        try container.encode(
            rule.actions.enumerated().map { index, action in
                var node = hosted(action)
                if case .object(var object) = node {
                    object["uuid"] = .string(Hex.derived(from: "action:\(record.id):\(index)"))
                    node = .object(object)
                }
                return node
            }, forKey: "actions")
        try container.encode(rule.actionMatch, forKey: "actionMatch")
        try container.encode(rule.filterMatch, forKey: "filterMatch")
        try container.encode(rule.frequency, forKey: "frequency")
        try container.encode(rule.environment, forKey: "environment")
        var owner: String?
        if let team = rule.ownerTeam, let record = org.team(team) { owner = "team:\(record.id)" }
        if let email = rule.ownerMember, let userId = org.member(email: email)?.userId { owner = "user:\(userId)" }
        try container.encode(owner, forKey: "owner")
        if let email = rule.createdBy, let member = org.member(email: email), let userId = member.userId {
            try container.encode(
                ["id": String(userId), "name": member.member.name, "email": member.member.email], forKey: "createdBy")
        } else {
            try container.encodeNil(forKey: "createdBy")
        }
        try container.encode(SimulatedDates.iso(forId: record.id), forKey: "dateCreated")
        try container.encode([rule.project], forKey: "projects")
        try container.encode(rule.enabled ? "active" : "disabled", forKey: "status")
        try container.encode(false, forKey: "snooze")
    }

    /// The stored node with ids in place of natural keys, and the label the API renders.
    private func hosted(_ node: JSONValue) -> JSONValue {
        let materialized =
            AlertNodes.materialized(
                node, team: { org.team($0).map { Int64($0.id) } },
                member: { org.member(email: $0)?.userId.map { Int64($0) } },
                integration: { org.integrationId($0).map { Int64($0) } }) ?? node
        guard case .object(var object) = materialized else { return materialized }
        let id = AlertNodes.id(of: node)
        object["name"] = .string(String(id.split(separator: ".").last ?? ""))
        return .object(object)
    }
}

/// An installed integration as `IntegrationSerializer` answers it (the fields the exporter reads).
struct IntegrationBody: Encodable {
    var id: String
    var name: String
    var provider: Provider
    var externalId: String
    var status = "active"

    struct Provider: Encodable {
        var key: String
        var name: String
    }

    init(_ record: SimulatedOrg.IntegrationRecord) {
        id = String(record.id)
        name = "\(record.reference.provider) \(record.reference.externalId)"
        provider = Provider(key: record.reference.provider, name: record.reference.provider)
        externalId = record.reference.externalId
    }

    init(id: String, name: String) {
        self.id = id
        self.name = name
        provider = Provider(key: "github", name: "GitHub")
        externalId = "example-\(id)"
    }
}
