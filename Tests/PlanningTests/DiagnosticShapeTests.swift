import SentryModel
import Testing

@testable import Planning

@Suite struct PlanningDiagnosticShapeTests {
    @Test func aBadPlanFileIsNamedAsAFile() {
        let error = PlanFileError(path: "plan.json", problem: "has format '9'", next: "make the plan again")
        #expect(error.exitStatus == .dataError)
        #expect(error.description == "plan.json: error: the plan has format '9'\n  next: Make the plan again.")
    }

    @Test func ruleProblemsShareOneNextStepAndASummary() {
        let error = AlertPlanningError(
            stage: .rules, problems: ["rule 'a': integration slack is missing", "rule 'b': team x is gone"])
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "error: rule 'a': integration slack is missing")
        #expect(lines[1] == "error: rule 'b': team x is gone")
        #expect(lines[2].hasPrefix("  next: Install the integrations on the target organization first"))
        #expect(lines[3] == "issue alert rules cannot be planned as they are; nothing was planned.")
        #expect(!lines[2].contains("--stage metric-alerts"))
    }

    @Test func metricAlertProblemsAlsoSayHowToLeaveMetricAlertsBehind() {
        let error = AlertPlanningError(
            stage: .metricAlerts, problems: ["metric-alerts/web/High errors: team x is gone"])
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "error: metric-alerts/web/High errors: team x is gone")
        #expect(lines[1].hasSuffix("; plan without --stage metric-alerts to leave metric alerts behind."))
        #expect(lines[2] == "metric alerts cannot be planned as they are; nothing was planned.")
    }
}
