import SentryModel

/// How a plan shows and explains a change to a metric alert the target already has, or its delete
/// under `--prune`: triggers field by field (threshold and each action of each label), and what the
/// change does to the alert's Snuba subscriptions, as Sentry 23.7.1 `incidents/logic.py`
/// `update_alert_rule` / `delete_alert_rule` and `snuba/subscriptions.py` do it.
public enum MetricAlertUpdates {
    /// Fields stored in `sentry_snubaquery` (or, for the comparison delta, its `resolution`): a
    /// change of any of them makes `update_alert_rule` call `update_snuba_query`, which moves every
    /// subscription of the query to UPDATING so that Snuba's subscription is re-created.
    public static let queryFields: Set<String> = [
        "dataset", "queryType", "query", "aggregate", "timeWindow", "environment", "eventTypes", "comparisonDelta",
    ]

    /// Replaces the one `triggers` field of an update by one field per trigger label and part:
    /// `triggers.critical.alertThreshold`, `triggers.critical.actions.0` (an action by position; one
    /// added or removed has null on the other side), `triggers.warning` for a trigger added or removed.
    static func expandTriggers(_ change: inout EntityChange) {
        guard change.action == .update, let index = change.fields.firstIndex(where: { $0.field == "triggers" })
        else { return }
        let field = change.fields.remove(at: index)
        let before = byLabel(field.before)
        let after = byLabel(field.after)
        var fields: [FieldChange] = []
        for label in Set(before.keys).union(after.keys) {
            guard case .object(let old)? = before[label], case .object(let new)? = after[label] else {
                fields.append(
                    FieldChange(
                        field: "triggers.\(label)", before: before[label] ?? .null, after: after[label] ?? .null))
                continue
            }
            for name in Set(old.keys).union(new.keys) where name != "actions" && old[name] != new[name] {
                fields.append(
                    FieldChange(
                        field: "triggers.\(label).\(name)", before: old[name] ?? .null, after: new[name] ?? .null))
            }
            let oldActions = actions(old["actions"])
            let newActions = actions(new["actions"])
            for position in 0..<max(oldActions.count, newActions.count) {
                let was = position < oldActions.count ? oldActions[position] : .null
                let will = position < newActions.count ? newActions[position] : .null
                if was != will {
                    fields.append(FieldChange(field: "triggers.\(label).actions.\(position)", before: was, after: will))
                }
            }
        }
        change.fields = (change.fields + fields).sorted { $0.field.utf8Precedes($1.field) }
    }

    /// What an update does beyond its rows, for reviewers.
    static func updateNotes(_ change: EntityChange, enabled: Bool) -> [String] {
        guard change.action == .update else { return [] }
        let names = Set(change.fields.map { $0.field.split(separator: ".").first.map(String.init) ?? $0.field })
        var notes: [String] = []
        if !names.isDisjoint(with: queryFields), enabled {
            notes.append(
                "its Snuba query changes: its subscriptions become UPDATING, and the target's subscription_checker "
                    + "re-creates them in Snuba within 20 minutes (as Sentry's update_snuba_query leaves them for its "
                    + "task); until then the alert does not evaluate")
        }
        // The processor reads the alert and its triggers from caches Sentry clears on its own saves
        // (`AlertRuleManager.get_for_subscription`, `AlertRuleTriggerManager.get_for_alert_rule`, an hour
        // each); actions are read from the database when they fire.
        if change.fields.contains(where: { !$0.field.contains(".actions.") }) {
            notes.append(
                "Sentry caches an alert and its triggers per subscription for up to an hour "
                    + "(alert_rule:subscription:<id>, alert_rule_triggers:alert_rule:<id>); restart memcached "
                    + "(docker compose restart memcached) for the change to apply at once")
        }
        if change.fields.contains(where: { $0.field == "enabled" && $0.after == .bool(false) }) {
            notes.append(
                "disabled: its subscriptions become DISABLED, which Sentry ignores; the Snuba subscription itself "
                    + "stays in Snuba until the alert is enabled again (Sentry removes it in a task sentry-migrate "
                    + "cannot run)")
        }
        return notes
    }

    /// A metric alert `--prune` deletes, for reviewers.
    static func deleteNotes(hasIncidents: Bool) -> [String] {
        var notes = [
            "its Snuba subscriptions become DELETING: the target's subscription_checker removes them from Snuba and "
                + "deletes their rows within 20 minutes"
        ]
        if hasIncidents {
            notes.append(
                "it has incidents on the target: it is kept as a snapshot (status 4) for them, with a DELETED "
                    + "activity, as Sentry does; its open incidents stay open until resolved in the target's UI "
                    + "(Sentry resolves them in a task sentry-migrate cannot run)")
        }
        return notes
    }

    private static func byLabel(_ value: JSONValue?) -> [String: JSONValue] {
        guard case .array(let triggers)? = value else { return [:] }
        var result: [String: JSONValue] = [:]
        for trigger in triggers {
            if case .object(let object) = trigger, case .string(let label)? = object["label"] {
                result[label] = trigger
            }
        }
        return result
    }

    private static func actions(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let actions)? = value else { return [] }
        return actions
    }
}
