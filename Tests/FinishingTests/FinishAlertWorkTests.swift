import Foundation
import Planning
import SentryModel
import Testing

@testable import Finishing

/// What `finish` does for alerts comes from the plan alone: every rule and metric alert the plan
/// creates or changes, and every project it creates, and nothing else; the script has Sentry's own
/// helpers build their workflow-engine rows (a stand-in for those helpers proves nothing, so the
/// script's behaviour inside Sentry is checked by the conformance tier against 23.7.1, which has no
/// workflow engine, and could not be run against a Sentry that has one: docs/apply.md).
@Suite struct FinishAlertWorkTests {
    static func rule(_ project: String, _ name: String, ordinal: Int = 1) -> IssueAlertRule {
        IssueAlertRule(
            project: project, name: name, ordinal: ordinal,
            conditions: [.object(["id": .string("sentry.rules.conditions.first_seen_event.FirstSeenEventCondition")])],
            actions: [
                .object([
                    "id": .string(AlertNodes.emailAction), "targetType": .string("IssueOwners"),
                    "targetIdentifier": .string(""), "fallthroughType": .string("ActiveMembers"),
                ])
            ])
    }

    /// The target holds project `api` with rules "Kept" (unchanged) and "Changed" (frequency differs);
    /// the plan creates project `web`, two rules of one name on it (a `/` and a `#` in the name), changes
    /// "Changed" and creates a metric alert.
    static func plan(workflowEngine: Bool = true) throws -> Plan {
        let organization = Organization(slug: "acme", name: "Acme")
        let api = Project(slug: "api", name: "API")
        var changed = rule("api", "Changed")
        let current = Snapshot(
            organization: organization, projects: [api], rules: [rule("api", "Kept"), changed])
        changed.frequency = 60
        let desired = Snapshot(
            organization: organization, projects: [api, Project(slug: "web", name: "Web")],
            rules: [
                rule("api", "Kept"), changed, rule("web", "5xx / p95 #ops", ordinal: 1),
                rule("web", "5xx / p95 #ops", ordinal: 2),
            ],
            metricAlerts: [
                MetricAlert(
                    projects: ["web"], name: "Errors",
                    triggers: [MetricAlertTrigger(label: "critical", alertThreshold: 10)])
            ])
        var facts = TargetFacts(organizations: ["acme"])
        facts.alertsNeedWorkflowEngine = workflowEngine
        return try Planner.plan(
            desired: DesiredState(snapshot: desired, path: "desired", manifestSHA256: "m"),
            target: TargetState(location: "db", profile: "26.x", current: current, facts: facts),
            selection: Plan.Selection())
    }

    @Test func alertsTheyCreateOrChangeAndProjectsTheyCreateNothingElse() throws {
        let work = FinishWork(plan: try Self.plan(), sendInvites: false)
        #expect(
            work.items.filter {
                switch $0 {
                case .issueAlert, .metricAlert, .projectDetectors: true
                default: false
                }
            } == [
                .projectDetectors(project: "web"),
                .issueAlert(AlertKey(project: "api", name: "Changed", ordinal: 1), updated: true),
                .issueAlert(AlertKey(project: "web", name: "5xx / p95 #ops", ordinal: 1), updated: false),
                .issueAlert(AlertKey(project: "web", name: "5xx / p95 #ops", ordinal: 2), updated: false),
                .metricAlert(AlertKey(project: "web", name: "Errors", ordinal: 1)),
            ])
    }

    @Test func aKeySplitsAtItsFirstSlashAndLastHash() {
        #expect(AlertKey("web/5xx / p95 #ops#12") == AlertKey(project: "web", name: "5xx / p95 #ops", ordinal: 12))
        #expect(AlertKey("web/x#0") == nil)
        #expect(AlertKey("no-slash#1") == nil)
        #expect(AlertKey("web/no-ordinal") == nil)
    }

    @Test func thePlanSaysPerAlertAndInItsSummaryThatTheyWaitForFinish() throws {
        let plan = try Self.plan()
        let alerts = plan.changes.filter { [.rules, .metricAlerts].contains($0.stage) }
        #expect(
            alerts.filter { $0.action != .keep }.map(\.key).sorted() == [
                "api/Changed#1", "web/5xx / p95 #ops#1", "web/5xx / p95 #ops#2", "web/Errors#1",
            ])
        for change in alerts {
            let note = change.stage == .rules ? WorkflowEngineNotes.issueRule : WorkflowEngineNotes.metricAlert
            #expect(change.notes.contains(note), "\(change.key): \(change.notes)")
        }
        let text = PlanText.render(plan)
        #expect(text.contains("sentry-migrate finish"))
        // Four created or changed, one kept.
        #expect(text.contains("4 alert rule(s) will not fire on this target until `sentry-migrate finish <plan>`"))
        #expect(PlanMarkdown.render(plan).contains { $0.contains("4 alert rule(s) will not fire") })

        let legacy = try Self.plan(workflowEngine: false)
        #expect(!PlanText.render(legacy).contains("sentry-migrate finish"))
        #expect(legacy.changes.allSatisfy { $0.notes.allSatisfy { !$0.contains("workflow engine") } })
    }

    /// The script names exactly the alerts of the plan, each once, and Python compiles it.
    @Test func theScriptNamesExactlyThePlansAlertsAndCompiles() throws {
        let work = FinishWork(plan: try Self.plan(), sendInvites: false)
        let script = try FinishScript.render(work)
        let python = try ShellRun.run(
            """
            set -e
            dir=$(mktemp -d)
            cat > "$dir/finish.py"
            python3 -m py_compile "$dir/finish.py"
            python3 -c 'import json, sys
            line = next(l for l in open(sys.argv[1]).read().splitlines() if l.startswith("WORK = "))
            space = {"json": json}
            exec(line, space)
            for item in space["WORK"]["items"]:
                if item["kind"] in ("issueAlert", "metricAlert"):
                    print(item["kind"], item["project"], item["alertName"], item["ordinal"], item.get("updated"), sep="|")
            ' "$dir/finish.py"
            rm -r "$dir"
            """, input: script)
        #expect(python.status == 0, "\(python)")
        #expect(
            python.output.split(separator: "\n").map(String.init) == [
                "issueAlert|api|Changed|1|True", "issueAlert|web|5xx / p95 #ops|1|False",
                "issueAlert|web|5xx / p95 #ops|2|False", "metricAlert|web|Errors|1|None",
            ])
        #expect(!script.contains("Kept"), "a kept rule is not the plan's to finish")
    }
}
