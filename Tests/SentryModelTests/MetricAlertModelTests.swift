import Foundation
import Testing

@testable import SentryModel

/// The conversions between the API's values (what snapshots keep) and Sentry's stored ones, and the
/// checks of metric-alerts.json.
@Suite struct MetricAlertModelTests {
    @Test func percentChangeThresholdsAreStoredAsPercentages() {
        var above = MetricAlert(projects: ["p"], name: "a", thresholdType: 0, comparisonDelta: 60)
        #expect(above.storedThreshold(70) == 170)
        #expect(MetricAlert.shownThreshold(170, thresholdType: 0, comparison: true) == 70)
        above.thresholdType = 1
        #expect(above.storedThreshold(60) == 40)
        #expect(MetricAlert.shownThreshold(40, thresholdType: 1, comparison: true) == 60)
        // A plain threshold is stored as it is; so is a missing one.
        let plain = MetricAlert(projects: ["p"], name: "b")
        #expect(plain.storedThreshold(70) == 70)
        #expect(above.storedThreshold(nil) == nil)
    }

    @Test func userReleaseAndDistAreTranslated() {
        #expect(MetricAlert.storedAggregate("count_unique(user)") == "count_unique(tags[sentry:user])")
        #expect(MetricAlert.storedAggregate("count_unique(release)") == "count_unique(tags[sentry:release])")
        #expect(MetricAlert.storedAggregate("count()") == "count()")
        #expect(
            MetricAlert.storedAggregate("percentile(transaction.duration,0.95)")
                == "percentile(transaction.duration,0.95)")
        #expect(MetricAlert.shownAggregate("count_unique(tags[sentry:dist])") == "count_unique(dist)")
        #expect(MetricAlert.shownAggregate("p95(transaction.duration)") == "p95(transaction.duration)")
    }

    @Test func ordinalsFollowHostedIdsPerFirstProjectAndName() {
        let alerts = MetricAlert.numbered([
            (MetricAlert(projects: ["web", "api"], name: "Same"), 30),
            (MetricAlert(projects: ["api"], name: "Same"), 10),
            (MetricAlert(projects: ["web"], name: "Same"), 20),
        ])
        #expect(alerts.map(\.key) == ["api/Same#1", "web/Same#1", "api/Same#2"])
    }

    @Test func invalidAlertsAreRefusedWithTheirPath() {
        var snapshot = SampleSnapshot.make()
        snapshot.metricAlerts.append(MetricAlert(projects: [], name: "Nowhere", thresholdType: 3))
        snapshot.metricAlerts.append(
            MetricAlert(
                projects: ["gone"], name: "Twice",
                triggers: [
                    MetricAlertTrigger(label: "critical", alertThreshold: 1),
                    MetricAlertTrigger(
                        label: "critical", alertThreshold: 2,
                        actions: [MetricAlertAction(type: "email", targetType: "team", targetTeam: "nobody")]),
                ]))
        let problems = SnapshotValidator.problems(in: SnapshotParts(snapshot), requireSecrets: false).map(\.description)
        let all = problems.joined(separator: "\n")
        #expect(all.contains("metric-alerts.json"))
        #expect(all.contains("at least one project"))
        #expect(all.contains("threshold type 3"))
        #expect(all.contains("at least a critical trigger"))
        #expect(all.contains("a second 'critical' trigger"))
        #expect(all.contains("gone"))
        #expect(all.contains("nobody"))
    }
}
