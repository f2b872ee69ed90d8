import SentryModel

/// What a plan says about alerts on a target whose Sentry evaluates them only through the workflow
/// engine (26.x, reference/alerts.md §2.7): apply writes the legacy rows, and the alert fires only
/// once `sentry-migrate finish` has had Sentry's own migration helpers build its workflow-engine rows
/// (docs/apply.md, "Alerts on a workflow-engine target").
public enum WorkflowEngineNotes {
    public static let issueRule =
        "on this target Sentry evaluates the rule only through its workflow engine: it will not fire until "
        + "`sentry-migrate finish` has had Sentry's own IssueAlertMigrator build its workflow (verify checks it)"

    public static let metricAlert =
        "on this target Sentry notifies for the alert only through its workflow engine: it will not notify until "
        + "`sentry-migrate finish` has had Sentry's own metric-alert migration helper build its detector, data "
        + "source and workflow (verify checks them)"

    /// Alerts the plan creates or changes that need `finish` before they fire.
    public static func pending(in changes: [EntityChange]) -> Int {
        changes.count { change in
            [.create, .update].contains(change.action)
                && (change.notes.contains(issueRule) || change.notes.contains(metricAlert))
        }
    }

    /// The line under the plan's summary, or nil when no alert waits for `finish`.
    public static func summaryLine(for changes: [EntityChange]) -> String? {
        let count = pending(in: changes)
        guard count > 0 else { return nil }
        return "\(count) alert rule(s) will not fire on this target until `sentry-migrate finish <plan>` has built "
            + "their workflow-engine rows after apply (docs/runbook.md, \"Alerts on 26.x\")."
    }
}
