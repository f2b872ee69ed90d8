import SentryModel

/// The rules a plan wants on the target once the target's facts are known: actions whose
/// integration the target lacks are dropped, disable the rule, or stop the plan, as the mapping's
/// `alerts.missingIntegration` says; every rule gets notes saying what will not fire and why.
public enum RulePlanning {
    struct Planned {
        var rules: [IssueAlertRule]
        var notes: [String: [String]]
    }

    static func desired(_ snapshot: Snapshot, current: Snapshot?, facts: TargetFacts) throws -> Planned {
        var planned = Planned(rules: [], notes: [:])
        var refusals: [String] = []
        var recipients = AlertRecipients(snapshot: snapshot, current: current, facts: facts)
        for original in snapshot.rules {
            let result = adjusted(original, installed: facts.integrations)
            let rule = result.rule
            var notes = result.notes
            refusals += result.refusals
            // A member target needs the member's user; an invite has none until it is accepted.
            for email in memberTargets(of: rule) where recipients.lacksUser(email) {
                refusals.append(
                    "rules/\(rule.key): targets member \(email), who will have no user on the target "
                        + "(identity: invite) until the invite is accepted")
            }
            if let environment = rule.environment {
                notes.append("fires only for environment '\(environment)' (created on the target if missing)")
            }
            if facts.alertsNeedWorkflowEngine { notes.append(WorkflowEngineNotes.issueRule) }
            planned.notes[rule.key] = notes
            planned.rules.append(rule)
        }
        guard refusals.isEmpty else { throw AlertPlanningError(stage: .rules, problems: refusals) }
        return planned
    }

    /// The rule as the target gets it, given the integrations installed there (nil: not known, none
    /// missing): what `plan` shows and what `apply` writes, so the two cannot disagree.
    public static func adjusted(
        _ original: IssueAlertRule, installed: Set<IntegrationReference>?
    ) -> (rule: IssueAlertRule, notes: [String], refusals: [String]) {
        var rule = original
        var notes: [String] = []
        var refusals: [String] = []
        let policy = rule.missingIntegration ?? .error
        var kept: [JSONValue] = []
        for action in original.actions {
            guard let missing = missingIntegration(action, installed: installed) else {
                kept.append(action)
                if let reference = AlertNodes.integration(of: action),
                    AlertNodes.providersWithInnerIds.contains(reference.provider)
                {
                    notes.append(
                        "action \(describe(action)) keeps its \(reference.provider) service/team id as on "
                            + "sentry.io: it fires only if the same services are configured in the target's "
                            + "\(reference.provider) integration")
                }
                continue
            }
            switch policy {
            case .error:
                refusals.append(
                    "rules/\(rule.key): action \(describe(action)) needs \(missing), which is not installed on "
                        + "the target organization")
                kept.append(action)
            case .drop:
                notes.append(
                    "action \(describe(action)) is left out (alerts.missingIntegration: drop): it needs \(missing); "
                        + "install it on the target and plan again to carry the action")
            case .disable:
                kept.append(action)
                if rule.enabled {
                    rule.enabled = false
                    notes.append(
                        "the rule is carried disabled (alerts.missingIntegration: disable): action "
                            + "\(describe(action)) needs \(missing); install it, then enable the rule")
                }
            }
        }
        let dropped = rule.actions.count - kept.count
        rule.actions = kept
        if kept.isEmpty, dropped > 0 {
            notes.append("no action is left: the rule fires but notifies nobody")
        }
        rule.missingIntegration = nil
        return (rule, notes, refusals)
    }

    /// What an action needs that the target lacks, described for people; nil when nothing is missing.
    public static func missingIntegration(_ action: JSONValue, installed: Set<IntegrationReference>?) -> String? {
        if AlertNodes.isSentryApp(action) {
            return "a Sentry App installation (sentry.io's installations do not exist on the target)"
        }
        guard let reference = AlertNodes.integration(of: action), let installed else {
            return nil
        }
        return installed.contains(reference) ? nil : "the \(reference.provider) integration \(reference.externalId)"
    }

    private static func memberTargets(of rule: IssueAlertRule) -> [String] {
        (rule.ownerMember.map { [$0.lowercased()] } ?? [])
            + (rule.actions + rule.filters).compactMap { AlertNodes.targetMember(of: $0)?.lowercased() }
    }

    private static func describe(_ action: JSONValue) -> String {
        let id = AlertNodes.id(of: action)
        return "'" + (id.split(separator: ".").last.map(String.init) ?? id) + "'"
    }
}

/// Alerts (issue alert rules or metric alerts) the target cannot carry as they are; nothing was planned.
public struct AlertPlanningError: ReportableError {
    /// Which alerts: their stage.
    public var stage: Stage
    public var problems: [String]
    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        var next =
            "Install the integrations on the target organization first (Settings → Integrations), or set "
            + "alerts.missingIntegration to drop or disable in the mapping file and run transform again; for member "
            + "targets, give those members identity link or create (docs/mapping.md)"
        if stage == .metricAlerts { next += "; plan without --stage metric-alerts to leave metric alerts behind" }
        return problems.map { Diagnostic($0, next: next + ".") }
    }

    public var summary: String? {
        "\(stage == .metricAlerts ? "metric alerts" : "issue alert rules") cannot be planned as they are; nothing "
            + "was planned."
    }
}

/// The target cannot hold what its Sentry needs for alerts to fire (no rule tables, or a
/// workflow-engine Sentry without the workflow-engine tables): the stage is refused rather than
/// leaving alerts that silently never fire.
public struct AlertStageRefused: ReportableError {
    public var reason: String
    public var otherStages: [Stage]
    public var stage: Stage = .rules
    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "plan refuses the \(stage.rawValue) stage; nothing was planned", why: reason,
                next: "Plan the other stages with "
                    + otherStages.map { "--stage \($0.rawValue)" }.joined(separator: " ")
                    + "; once the target has what is missing, plan the alert stages again (docs/apply.md, \"Alerts "
                    + "on a workflow-engine target\").")
        ]
    }
}
