# Writes the hosted snapshot of the 'alerts' conformance scenario: Tests/Fixtures/snapshots/acme-hosted
# plus metric-alerts.json (a percent-change alert on an environment with team and member e-mail
# targets, a transaction alert below a threshold, a disabled one), the manifest updated to list it.
# With --updated, the same organization after someone changed the alerts on sentry.io: the first
# alert's query and warning threshold, the second alert's action target (the update phase); with
# --pruned, that and the disabled alert deleted on sentry.io (the prune phase).
#   python3 alerts_fixture.py SOURCE_DIR OUT_DIR [--updated | --pruned]
import hashlib
import json
import os
import shutil
import sys

source, out = sys.argv[1], sys.argv[2]
pruned = sys.argv[3:] == ["--pruned"]
updated = pruned or sys.argv[3:] == ["--updated"]
shutil.copytree(source, out)


def email(target_type, **target):
    return dict({"type": "email", "targetType": target_type}, **target)


alerts = [
    {
        "projects": ["checkout"], "name": "Checkout users hit by errors", "ordinal": 1, "enabled": True,
        "dataset": "events", "queryType": 0, "query": "level:error", "aggregate": "count_unique(user)",
        "timeWindow": 60, "thresholdType": 0, "resolveThreshold": 10, "thresholdPeriod": 2,
        "comparisonDelta": 10080, "environment": "production", "eventTypes": ["default", "error"],
        "detectionType": "percent",
        "triggers": [
            {"label": "critical", "alertThreshold": 70, "actions": [email("team", targetTeam="payments")]},
            {"label": "warning", "alertThreshold": 30, "actions": [email("user", targetMember="ivan@acme.io")]},
        ],
        "ownerTeam": "payments", "createdBy": "alice@acme.io", "hostedId": "9001",
    },
    {
        "projects": ["api"], "name": "API latency", "ordinal": 1, "enabled": True, "dataset": "transactions",
        "queryType": 1, "query": "transaction:/checkout", "aggregate": "p95(transaction.duration)",
        "timeWindow": 15, "thresholdType": 1, "resolveThreshold": None, "thresholdPeriod": 1,
        "comparisonDelta": None, "environment": None, "eventTypes": ["transaction"], "detectionType": "static",
        "triggers": [{"label": "critical", "alertThreshold": 300, "actions": [email("user", targetMember="alice@acme.io")]}],
        "ownerMember": "alice@acme.io", "hostedId": "9002",
    },
    {
        "projects": ["web"], "name": "API latency", "ordinal": 1, "enabled": False, "dataset": "events",
        "queryType": 0, "query": "", "aggregate": "count()", "timeWindow": 5, "thresholdType": 0,
        "resolveThreshold": None, "thresholdPeriod": 1, "comparisonDelta": None, "environment": None,
        "eventTypes": ["error"], "detectionType": "static",
        "triggers": [{"label": "critical", "alertThreshold": 100, "actions": []}], "hostedId": "10000000005",
    },
]
if updated:
    alerts[0]["query"] = "level:fatal"
    alerts[0]["triggers"][1]["alertThreshold"] = 40
    alerts[1]["triggers"][0]["actions"] = [email("user", targetMember="ivan@acme.io")]
if pruned:
    alerts.pop()
data = (json.dumps(alerts, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
with open(os.path.join(out, "metric-alerts.json"), "wb") as f:
    f.write(data)
manifest_path = os.path.join(out, "manifest.json")
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)
manifest["files"]["metric-alerts.json"] = hashlib.sha256(data).hexdigest()
manifest["counts"]["metricAlerts"] = len(alerts)
with open(manifest_path, "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2, sort_keys=True)
    f.write("\n")
