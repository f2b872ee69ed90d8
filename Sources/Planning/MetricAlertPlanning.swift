import SentryModel

/// The metric alerts a plan wants on the target once its facts are known. Actions whose integration
/// the target lacks follow `alerts.missingIntegration` as issue alert actions do; what the target's
/// Sentry cannot evaluate at all (anomaly detection, datasets it does not have) stops the plan; every
/// alert gets notes saying what will not fire and how its Snuba subscription comes to exist.
public enum MetricAlertPlanning {
    struct Planned {
        var alerts: [MetricAlert]
        var notes: [String: [String]]
        /// Notes only a created alert gets (how its subscription comes to exist).
        var createNotes: [String: [String]] = [:]
    }

    /// Datasets Sentry 23.7.1 to 25.x evaluates metric alerts on (`Dataset`, 23.7.1
    /// `incidents/serializers/__init__.py` `QUERY_TYPE_VALID_DATASETS`).
    public static let supportedDatasets: Set<String> = [
        "events", "transactions", "generic_metrics", "metrics",
        "sessions",
    ]

    static func desired(_ snapshot: Snapshot, current: Snapshot?, facts: TargetFacts) throws -> Planned {
        var planned = Planned(alerts: [], notes: [:])
        var refusals: [String] = []
        var recipients = AlertRecipients(snapshot: snapshot, current: current, facts: facts)
        for original in snapshot.metricAlerts {
            let result = adjusted(original, installed: facts.integrations, knownTypes: facts.metricAlertActionTypes)
            let alert = result.alert
            var notes = result.notes
            refusals += result.refusals
            let members = (alert.ownerMember.map { [$0] } ?? []) + alert.actions.compactMap(\.targetMember)
            for email in Set(members.map { $0.lowercased() }).sorted() where recipients.lacksUser(email) {
                refusals.append(
                    "metric-alerts/\(alert.key): names member \(email), who will have no user on the target "
                        + "(identity: invite) until the invite is accepted")
            }
            if let environment = alert.environment {
                notes.append("counts only events of environment '\(environment)' (created on the target if missing)")
            }
            if alert.enabled {
                planned.createNotes[alert.key, default: []].append(
                    "its Snuba subscription is created by the target's own subscription_checker within 20 minutes "
                        + "of apply (the cron and worker containers must run); verify shows it pending until then")
            }
            if alert.dataset != "events" {
                notes.append(
                    "dataset '\(alert.dataset)' is evaluated only when the target runs the feature-complete "
                        + "profile (errors-only installs subscribe to events only)")
            }
            if facts.alertsNeedWorkflowEngine {
                // Sentry's helper gives an alert one detector on one project (`migrate_alert_rule`:
                // `alert_rule.projects.get()`); an alert over several projects cannot be built.
                if alert.projects.count > 1 {
                    refusals.append(
                        "metric-alerts/\(alert.key): watches \(alert.projects.count) projects "
                            + "(\(alert.projects.joined(separator: ", "))), but on this target it notifies only through "
                            + "the workflow engine, whose migration helper builds a detector for exactly one project: "
                            + "split it into one alert per project on sentry.io, export and transform again")
                }
                notes.append(WorkflowEngineNotes.metricAlert)
            }
            planned.notes[alert.key] = notes
            planned.alerts.append(alert)
        }
        guard refusals.isEmpty else { throw AlertPlanningError(stage: .metricAlerts, problems: refusals) }
        return planned
    }

    /// The alert as the target gets it: what `plan` shows and what `apply` writes.
    public static func adjusted(
        _ original: MetricAlert, installed: Set<IntegrationReference>?, knownTypes: Set<String>?
    ) -> (alert: MetricAlert, notes: [String], refusals: [String]) {
        var alert = original
        var notes: [String] = []
        var refusals: [String] = []
        let name = "metric-alerts/\(alert.key)"
        if !supportedDatasets.contains(alert.dataset) {
            refusals.append(
                "\(name): dataset '\(alert.dataset)' does not exist on Sentry 23.x-25.x; recreate the alert on "
                    + "the target with a dataset it has, or exclude its project")
        }
        if alert.detectionType == "dynamic" {
            refusals.append(
                "\(name): anomaly detection (detectionType dynamic) needs sentry.io's Seer service, which "
                    + "self-hosted Sentry lacks; recreate it with a static or percent-change threshold")
        }
        let unknownTypes = alert.eventTypes.filter { MetricAlert.eventTypeValues[$0] == nil }
        if !unknownTypes.isEmpty {
            refusals.append(
                "\(name): event types \(unknownTypes.joined(separator: ", ")) do not exist on Sentry 23.x-25.x")
        }
        let policy = alert.missingIntegration ?? .error
        for (index, trigger) in original.triggers.enumerated() {
            var kept: [MetricAlertAction] = []
            for action in trigger.actions {
                let unknownType = knownTypes.map { !$0.contains(action.type) } ?? false
                guard
                    let missing = unknownType
                        ? "a '\(action.type)' action, which the target's Sentry version does not have"
                        : missingIntegration(action, installed: installed)
                else {
                    kept.append(action)
                    if action.type == "pagerduty" || action.type == "opsgenie" {
                        notes.append(
                            "\(trigger.label) action \(action.summary) keeps its \(action.type) service/team id as "
                                + "on sentry.io: it fires only if the same services are configured in the target's "
                                + "\(action.type) integration")
                    }
                    continue
                }
                let what = "\(trigger.label) action \(action.summary)"
                switch policy {
                case .error:
                    refusals.append("\(name): \(what) needs \(missing)")
                    kept.append(action)
                case .drop:
                    notes.append(
                        "\(what) is left out (alerts.missingIntegration: drop): it needs \(missing); install it on "
                            + "the target and plan again to carry the action")
                case .disable:
                    if unknownType {
                        // A type the target's Sentry cannot even read back is not stored.
                        notes.append("\(what) is left out: it needs \(missing)")
                    } else {
                        // The target has no id for the missing integration: the action is stored
                        // without one (no FK; it cannot notify a wrong workspace).
                        var carried = action
                        if let reference = action.integration, !(installed?.contains(reference) ?? true) {
                            carried.integration = nil
                        }
                        kept.append(carried)
                    }
                    if alert.enabled {
                        alert.enabled = false
                        notes.append(
                            "the alert is carried disabled (alerts.missingIntegration: disable): \(what) needs "
                                + "\(missing); install it, then enable the alert")
                    }
                }
            }
            alert.triggers[index].actions = kept
        }
        if alert.actions.isEmpty, !original.actions.isEmpty {
            notes.append("no action is left: the alert opens incidents but notifies nobody")
        }
        for index in alert.triggers.indices {
            for position in alert.triggers[index].actions.indices
            where alert.triggers[index].actions[position].priority != nil {
                let action = alert.triggers[index].actions[position]
                notes.append(
                    "\(alert.triggers[index].label) action \(action.summary): its priority '\(action.priority ?? "")' "
                        + "is not carried; the target uses Sentry's default for the trigger")
                alert.triggers[index].actions[position].priority = nil
            }
        }
        // `create_snuba_query` stores the dataset's default event types when none are listed.
        if alert.eventTypes.isEmpty {
            alert.eventTypes =
                alert.dataset == "events" ? ["error"] : alert.dataset == "transactions" ? ["transaction"] : []
        }
        // The writer derives the detection type from the comparison delta, as Sentry does.
        alert.detectionType = nil
        alert.missingIntegration = nil
        return (alert, notes, refusals)
    }

    /// What an action needs that the target lacks, for people; nil when nothing is missing.
    public static func missingIntegration(_ action: MetricAlertAction, installed: Set<IntegrationReference>?) -> String?
    {
        if action.type == "sentry_app" {
            return "a Sentry App installation (sentry.io's installations do not exist on the target)"
        }
        if action.type == "msteams", action.targetIdentifier == nil {
            return "the Microsoft Teams conversation id, which sentry.io's API does not show (only the channel name)"
        }
        guard let reference = action.integration, let installed else { return nil }
        return installed.contains(reference) ? nil : "the \(reference.provider) integration \(reference.externalId)"
    }
}
