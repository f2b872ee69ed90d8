import SentryModel
import Testing

@testable import Mapping

/// Metric alerts follow their projects (an excluded project leaves the alert, an alert left without
/// projects is dropped), and the teams and members they name follow the mapping.
@Suite struct TransformMetricAlertTests {
    static var snapshot: Snapshot {
        var snapshot = SampleOrganization.compatible
        let critical = MetricAlertTrigger(
            label: "critical", alertThreshold: 70,
            actions: [
                MetricAlertAction(type: "email", targetType: "team", targetTeam: "payments"),
                MetricAlertAction(type: "email", targetType: "user", targetMember: "Ivan@acme.io"),
                MetricAlertAction(type: "email", targetType: "team", targetTeam: "legacy-ops"),
            ])
        snapshot.metricAlerts = [
            MetricAlert(
                projects: ["checkout"], name: "Errors up", comparisonDelta: 10080, triggers: [critical],
                ownerTeam: "payments", createdBy: "Ivan@acme.io", hostedId: "11"),
            MetricAlert(projects: ["sandbox-alice"], name: "Mine", triggers: [critical], hostedId: "12"),
            MetricAlert(projects: ["api", "sandbox-alice"], name: "Both", triggers: [critical], hostedId: "13"),
        ]
        return snapshot.canonicalized()
    }

    @Test func alertsFollowProjectsTeamsAndEmails() throws {
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
              missingIntegration: disable
            """, Self.snapshot)
        let alerts = output.snapshot.metricAlerts
        // The alert only of an excluded project is dropped; the one of two projects keeps the other.
        #expect(alerts.map(\.key) == ["api/Both#1", "checkout/Errors up#1"])
        #expect(alerts.first?.projects == ["api"])
        let checkout = try #require(alerts.last)
        #expect(checkout.ownerTeam == "billing")
        #expect(checkout.createdBy == "ivan@billing.example", "the creator follows the e-mail map")
        #expect(checkout.missingIntegration == .disable)
        #expect(checkout.actions.compactMap(\.targetTeam) == ["billing"])
        #expect(checkout.actions.compactMap(\.targetMember) == ["ivan@billing.example"])
        #expect(output.explanations.contains { $0.entity.contains("'Mine'") && $0.change.contains("excluded") })
        #expect(output.explanations.contains { $0.entity.contains("'Both'") && $0.change.contains("stops watching") })
        #expect(output.explanations.contains { $0.change.contains("team 'legacy-ops' left out") })
    }
}
