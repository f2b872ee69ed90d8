# Metric alerts as Sentry 23.7.1 reads them back, for check.py (same Report): each alert of the
# desired snapshot's metric-alerts.json through DetailedAlertRuleSerializer (what
# GET /organizations/{org}/alert-rules/{id}/ returns), compared field by field with the snapshot,
# whose values are in that API's own shape (minutes, percent changes, untranslated aggregates);
# then Sentry's own subscription_checker runs and must hand every pending subscription of those
# alerts to create_subscription_in_snuba (recorded, not sent: there is no Snuba here).
import os
from unittest import mock

from sentry.api.serializers import serialize
from sentry.api.serializers.models.alert_rule import DetailedAlertRuleSerializer
from sentry.incidents.logic import translate_aggregate_field
from sentry.incidents.models import AlertRule, AlertRuleStatus
from sentry.models import Team, User
from sentry.snuba import tasks as snuba_tasks
from sentry.snuba.models import QuerySubscription

# Snapshot field -> API field, where they are compared one to one.
SAME_FIELDS = [
    "dataset",
    "queryType",
    "query",
    "aggregate",
    "thresholdType",
    "resolveThreshold",
    "timeWindow",
    "thresholdPeriod",
    "comparisonDelta",
    "environment",
    "eventTypes",
    "projects",
]
# Not read back on purpose: provenance, the mapping's choice, and sentry.io's own detection type
# (23.7.1 has none; apply derives it from comparisonDelta).
SKIPPED = {"ordinal", "hostedId", "createdBy", "missingIntegration", "detectionType", "name", "enabled", "triggers",
           "ownerTeam", "ownerMember"}


def check_metric_alerts(report, alerts, org, user):
    if not alerts:
        return
    by_name = {}
    for rule in AlertRule.objects.filter(organization=org):
        by_name.setdefault(rule.name, []).append(rule)
    for alert in alerts:
        entity = f"metric-alerts/{alert['projects'][0]}/{alert['name']}#{alert['ordinal']}"
        candidates = sorted(by_name.get(alert["name"], []), key=lambda r: r.id)
        # Apply creates alerts of one name in ordinal order, so ids follow ordinals.
        mine = [r for r in candidates if sorted(_projects(r)) == sorted(alert["projects"])]
        if len(mine) < alert["ordinal"]:
            report.fail(entity, "Sentry 23.7.1 finds no such alert rule")
            continue
        rule = mine[alert["ordinal"] - 1]
        data = serialize(rule, user, DetailedAlertRuleSerializer())
        for field in SAME_FIELDS:
            report.equal(entity, field, data.get(field), alert.get(field))
        # The API shows `user` for both `user` and `tags[sentry:user]`: the stored form must be what
        # Sentry's own create stores (`translate_aggregate_field`), or Snuba is asked for a column
        # the events dataset does not have.
        report.equal(
            entity, "stored aggregate", rule.snuba_query.aggregate, translate_aggregate_field(alert["aggregate"]),
            source="Sentry's translate_aggregate_field of the snapshot's")
        want_status = AlertRuleStatus.PENDING.value if alert.get("enabled", True) else AlertRuleStatus.DISABLED.value
        report.equal(entity, "status", data["status"], want_status)
        report.equal(entity, "owner", data.get("owner"), _owner(alert, org))
        creator = alert.get("createdBy")
        if creator and User.objects.filter(email__iexact=creator).exists():
            report.equal(entity, "createdBy", ((data.get("createdBy") or {}).get("email") or "").lower(), creator)
        _check_triggers(report, entity, data["triggers"], alert, org)
        for field in sorted(set(alert) - set(SAME_FIELDS) - SKIPPED):
            report.unchecked.append(f"metric-alerts.json {field}")
    _check_subscription_checker(report, alerts, org)
    # Sentry lists exactly the snapshot's alerts (snapshots of deleted ones are not listed).
    report.equal(
        "metric-alerts", "alert rules Sentry lists", sorted(r.name for r in AlertRule.objects.filter(organization=org)),
        sorted(a["name"] for a in alerts))
    _check_deleted_subscriptions(report, org)


def _projects(rule):
    return {s.project.slug for s in QuerySubscription.objects.filter(snuba_query_id=rule.snuba_query_id)}


def _owner(alert, org):
    if alert.get("ownerTeam"):
        return f"team:{Team.objects.get(organization=org, slug=alert['ownerTeam']).id}"
    if alert.get("ownerMember"):
        found = User.objects.filter(email__iexact=alert["ownerMember"]).first()
        return f"user:{found.id}" if found else None
    return None


def _check_triggers(report, entity, triggers, alert, org):
    report.equal(entity, "trigger labels", [t["label"] for t in triggers], [t["label"] for t in alert["triggers"]])
    for served, wanted in zip(triggers, alert["triggers"]):
        where = f"{entity} trigger {wanted['label']}"
        report.equal(where, "alertThreshold", served["alertThreshold"], wanted["alertThreshold"])
        report.equal(where, "thresholdType", served["thresholdType"], alert["thresholdType"])
        report.equal(where, "resolveThreshold", served["resolveThreshold"], alert.get("resolveThreshold"))
        report.equal(where, "action count", len(served["actions"]), len(wanted.get("actions", [])))
        for got, want in zip(served["actions"], wanted.get("actions", [])):
            report.equal(where, "action type", got["type"], want["type"])
            report.equal(where, "action targetType", got["targetType"], want["targetType"])
            if want.get("targetTeam"):
                team = Team.objects.get(organization=org, slug=want["targetTeam"])
                report.equal(where, "action targetIdentifier (team)", got["targetIdentifier"], str(team.id))
            elif want.get("targetMember"):
                found = User.objects.filter(email__iexact=want["targetMember"]).first()
                report.equal(
                    where, "action targetIdentifier (user)", got["targetIdentifier"], str(found.id) if found else None
                )
            else:
                # The API shows the display name when one is stored (Slack's #channel), else the id.
                shown = want.get("targetDisplay") or want.get("targetIdentifier")
                report.equal(where, "action targetIdentifier", str(got["targetIdentifier"]), shown)
                if want["type"] == "slack":
                    report.equal(where, "action inputChannelId", got["inputChannelId"], want.get("targetIdentifier"))


def _check_subscription_checker(report, alerts, org):
    """subscription_checker must pick up every pending subscription of the migrated active alerts:
    CREATING ones for create_subscription_in_snuba, UPDATING ones (an updated query) for
    update_subscription_in_snuba. After an update (CONFORMANCE_UPDATED=1) there must be UPDATING ones,
    and Sentry's own update task, run on each (Snuba calls recorded), must delete the old Snuba
    subscription and leave a new one ACTIVE."""
    rules = AlertRule.objects.filter(organization=org, status=AlertRuleStatus.PENDING.value)
    subscriptions = QuerySubscription.objects.filter(snuba_query_id__in=[r.snuba_query_id for r in rules])
    creating = set(subscriptions.filter(status=QuerySubscription.Status.CREATING.value).values_list("id", flat=True))
    updating = set(subscriptions.filter(status=QuerySubscription.Status.UPDATING.value).values_list("id", flat=True))
    updated = os.environ.get("CONFORMANCE_UPDATED") == "1"
    if updated:
        report.ok(bool(updating), "metric-alerts", "no subscription is UPDATING after an updated query")
    else:
        report.ok(
            bool(creating or updating),
            "metric-alerts",
            "no subscription is pending creation or update: nothing for Sentry to create",
        )
    with mock.patch.object(snuba_tasks.create_subscription_in_snuba, "delay") as create, mock.patch.object(
        snuba_tasks.update_subscription_in_snuba, "delay"
    ) as update, mock.patch.object(snuba_tasks.delete_subscription_from_snuba, "delay"):
        snuba_tasks.subscription_checker()
    for pending, delay, task in ((creating, create, "create"), (updating, update, "update")):
        picked = {call.kwargs.get("query_subscription_id") for call in delay.call_args_list}
        missing = sorted(pending - picked)
        report.ok(
            not missing,
            "metric-alerts",
            f"subscription_checker does not pick up subscriptions {missing} for {task}_subscription_in_snuba "
            "(status CREATING or UPDATING needs a date_updated older than 10 minutes)",
        )
    for subscription in QuerySubscription.objects.filter(id__in=updating):
        old_id = subscription.subscription_id
        with mock.patch.object(snuba_tasks, "_delete_from_snuba") as delete, mock.patch.object(
            snuba_tasks, "_create_in_snuba", return_value="0/recreated"
        ):
            snuba_tasks.update_subscription_in_snuba(query_subscription_id=subscription.id)
        subscription.refresh_from_db()
        where = f"metric-alerts subscription {subscription.id}"
        deleted = [call.args[1] for call in delete.call_args_list]
        report.equal(where, "Snuba subscriptions the update task deletes", deleted, [old_id] if old_id else [])
        report.equal(where, "status after the update task", subscription.status, QuerySubscription.Status.ACTIVE.value)
        report.equal(where, "Snuba id after the update task", subscription.subscription_id, "0/recreated")


def _check_deleted_subscriptions(report, org):
    """After --prune (CONFORMANCE_PRUNED=1) the deleted alerts' subscriptions are DELETING: the checker
    must hand each to delete_subscription_from_snuba, and that task, run for real with Snuba's call
    recorded, must remove the Snuba subscription it has and delete the row."""
    deleting = QuerySubscription.objects.filter(
        project__organization_id=org.id, status=QuerySubscription.Status.DELETING.value
    )
    ids = set(deleting.values_list("id", flat=True))
    if os.environ.get("CONFORMANCE_PRUNED") == "1":
        report.ok(bool(ids), "metric-alerts", "no subscription is DELETING after --prune deleted an alert")
    with mock.patch.object(snuba_tasks.delete_subscription_from_snuba, "delay") as delay, mock.patch.object(
        snuba_tasks.create_subscription_in_snuba, "delay"
    ), mock.patch.object(snuba_tasks.update_subscription_in_snuba, "delay"):
        snuba_tasks.subscription_checker()
    picked = {call.kwargs.get("query_subscription_id") for call in delay.call_args_list}
    report.ok(
        not (ids - picked),
        "metric-alerts",
        f"subscription_checker does not pick up subscriptions {sorted(ids - picked)} for delete_subscription_from_snuba",
    )
    for subscription in deleting:
        old_id = subscription.subscription_id
        with mock.patch.object(snuba_tasks, "_delete_from_snuba") as delete:
            snuba_tasks.delete_subscription_from_snuba(query_subscription_id=subscription.id)
        where = f"metric-alerts subscription {subscription.id}"
        report.equal(
            where, "Snuba subscriptions the delete task removes", [c.args[1] for c in delete.call_args_list],
            [old_id] if old_id else [])
        report.ok(
            not QuerySubscription.objects.filter(id=subscription.id).exists(), where,
            "delete_subscription_from_snuba left the row")
