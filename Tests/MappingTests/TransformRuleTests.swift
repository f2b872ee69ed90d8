import SentryModel
import Testing

@testable import Mapping

/// Issue alert rules follow their project, and the teams and members they name follow the mapping.
@Suite struct TransformRuleTests {
    static func email(team: String? = nil, member: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(AlertNodes.emailAction), "targetType": .string(team != nil ? "Team" : "Member"),
            "fallthroughType": .string("ActiveMembers"),
        ]
        if let team { object["targetTeam"] = .string(team) }
        if let member { object["targetMember"] = .string(member) }
        return .object(object)
    }

    static var snapshot: Snapshot {
        var snapshot = SampleOrganization.compatible
        snapshot.rules = [
            IssueAlertRule(
                project: "checkout", name: "Payments down",
                actions: [email(team: "payments"), email(member: "Ivan@acme.io")],
                ownerTeam: "payments", createdBy: "Ivan@acme.io", hostedId: "1"),
            IssueAlertRule(
                project: "sandbox-alice", name: "Mine", actions: [email(member: "alice@acme.io")], hostedId: "2"),
            IssueAlertRule(
                project: "api", name: "Ops", actions: [email(team: "legacy-ops"), email(team: "backend")], hostedId: "3"
            ),
        ]
        return snapshot.canonicalized()
    }

    @Test func targetsFollowTeamRenamesAndEmailMaps() throws {
        let output = try transformed(
            """
            version: 1
            teams:
              rename:
                payments: billing
              exclude: [legacy-ops]
            projects:
              exclude: [sandbox-*]
            members:
              email:
                ivan@acme.io: ivan@billing.example
            ownership:
              unknownOwners: drop
            alerts:
              missingIntegration: drop
            """, Self.snapshot)
        let rules = output.snapshot.rules
        #expect(rules.map(\.key) == ["api/Ops#1", "checkout/Payments down#1"])
        let checkout = try #require(rules.last)
        #expect(checkout.ownerTeam == "billing")
        #expect(checkout.actions.compactMap(AlertNodes.targetTeam(of:)) == ["billing"])
        #expect(checkout.actions.compactMap(AlertNodes.targetMember(of:)) == ["ivan@billing.example"])
        #expect(checkout.missingIntegration == .drop)
        #expect(checkout.createdBy == "ivan@billing.example", "the creator follows the e-mail map")
        // The excluded team's action is left out; the other stays.
        #expect(rules.first?.actions.compactMap(AlertNodes.targetTeam(of:)) == ["backend"])
        #expect(output.explanations.contains { $0.entity.contains("'Mine'") && $0.change.contains("excluded") })
        #expect(output.explanations.contains { $0.change.contains("team 'legacy-ops' left out") })
        // The result is a snapshot that can be written and read back.
        #expect(
            output.snapshot.rules.allSatisfy { rule in output.snapshot.projects.contains { $0.slug == rule.project } })
    }

    @Test func anUnknownPolicyIsAPositionedError() {
        let found = messages("version: 1\nalerts:\n  missingIntegration: ignore\n", against: Self.snapshot)
        #expect(found.contains { $0.contains("alerts.missingIntegration") && $0.contains("3:") })
    }
}
