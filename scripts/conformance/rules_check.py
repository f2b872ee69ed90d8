# Issue alert rules, read back through Sentry 23.7.1's own code (issue 12 item 5). Imported by
# check.py; every reader here is Sentry's:
#   RuleSerializer (api/serializers/models/rule.py), which the rules list and details endpoints
#   answer with: name, environment, matches, frequency, conditions and filters split by Sentry's own
#   rule registry, actions, owner ("team:<id>" / "user:<id>" through the actor rows);
#   the rule editor's validator (api/serializers/rest_framework/rule.py RuleSerializer): every node
#   is a known rule class whose form accepts its fields (an e-mail target team must be on the
#   project), the environment exists in the organization;
#   Rule.get_for_project (the cached list RuleProcessor fires), which must hold every enabled rule
#   and no disabled one (a rule sentry.io disabled arrives with status ObjectStatus.DISABLED).
from sentry.api.serializers import serialize
from sentry.api.serializers.models.rule import RuleSerializer
from sentry.api.serializers.rest_framework.rule import RuleSerializer as RuleValidator
from sentry.constants import ObjectStatus
from sentry.models import OrganizationMember, Rule, Team, User

# What the API adds to a stored node, and 24.x's per-action identity: not configuration.
NODE_EXTRAS = {"name", "uuid", "_sentry_app_component", "_sentry_app_installation"}


def _stored_node(node, teams, users):
    """The node as Sentry stores it: natural keys back to the target's ids."""
    node = dict(node)
    if "targetTeam" in node:
        node["targetIdentifier"] = teams.get(node.pop("targetTeam"))
    if "targetMember" in node:
        node["targetIdentifier"] = users.get(node.pop("targetMember").lower())
    return node


def _node_as_read(node):
    node = {k: v for k, v in node.items() if k not in NODE_EXTRAS}
    # NotifyEmailAction and AssignedToFilter read the target with int(); either spelling is the same id.
    if node.get("targetIdentifier") not in (None, ""):
        node["targetIdentifier"] = str(node["targetIdentifier"])
    return node


def check_rules(report, snapshot_rules, projects, org, user):
    teams = {t.slug: t.id for t in Team.objects.filter(organization=org)}
    user_ids = OrganizationMember.objects.filter(organization=org, user_id__isnull=False).values_list(
        "user_id", flat=True)
    users = {u.email.lower(): u.id for u in User.objects.filter(id__in=list(user_ids))}
    by_key = {}
    for slug, project in projects.items():
        named = {}
        for rule in Rule.objects.filter(project=project, status__in=[ObjectStatus.ACTIVE, ObjectStatus.DISABLED]
                                        ).order_by("id"):
            named.setdefault(rule.label, []).append(rule)
        for label, rules in named.items():
            for ordinal, rule in enumerate(rules, start=1):
                by_key[f"{slug}/{label}#{ordinal}"] = rule
    expected_keys = {f"{r['project']}/{r['name']}#{r['ordinal']}" for r in snapshot_rules}
    for key in sorted(set(by_key) - expected_keys):
        report.fail(f"rules/{key}", "Sentry has this rule, the snapshot does not")
    for expected in snapshot_rules:
        key = f"{expected['project']}/{expected['name']}#{expected['ordinal']}"
        entity = f"rules/{key}"
        rule = by_key.get(key)
        project = projects.get(expected["project"])
        if rule is None or project is None:
            report.fail(entity, "Sentry finds no such rule (project, label, order by id)")
            continue
        data = serialize(rule, user, RuleSerializer())
        report.equal(entity, "enabled (status)", rule.status == ObjectStatus.ACTIVE, expected["enabled"])
        # 23.7.1 stores a disabled rule as ObjectStatus.DISABLED, never a pending deletion.
        report.ok(rule.status in (ObjectStatus.ACTIVE, ObjectStatus.DISABLED), entity,
                  f"status {rule.status} is neither ACTIVE nor DISABLED")
        if "status" in data:  # RuleSerializer shows it from 24.x on; 23.7.1's has no such field
            report.equal(entity, "status", data["status"], "active" if expected["enabled"] else "disabled")
        for field in ("name", "environment", "actionMatch", "filterMatch", "frequency"):
            report.equal(entity, field, data[field], expected.get(field))
        for part in ("conditions", "filters", "actions"):
            nodes = expected[part]
            if part == "actions" and any("targetIntegration" in node for node in nodes):
                # The conformance target has no integrations installed: under `drop` the plan leaves
                # those actions out (and says so); other policies are not exercised here.
                if expected.get("missingIntegration") != "drop":
                    report.unchecked.append(f"{entity} actions (an integration the target does not have)")
                    continue
                nodes = [node for node in nodes if "targetIntegration" not in node]
            report.equal(
                entity, part, [_node_as_read(n) for n in data[part]],
                [_node_as_read(_stored_node(n, teams, users)) for n in nodes])
        owner = None
        if expected.get("ownerTeam"):
            owner = f"team:{teams.get(expected['ownerTeam'])}"
        elif expected.get("ownerMember"):
            owner = f"user:{users.get(expected['ownerMember'].lower())}"
        report.equal(entity, "owner", data["owner"], owner)
        if expected.get("createdBy"):
            report.unchecked.append(f"{entity} createdBy (provenance; the creator is a self-hosted user or nobody)")

        # Sentry's rule editor would save it exactly as it is.
        validator = RuleValidator(
            context={"project": project, "organization": org},
            data={
                "name": data["name"], "environment": data["environment"], "actionMatch": data["actionMatch"],
                "filterMatch": data["filterMatch"], "frequency": data["frequency"],
                "conditions": [_strip(n) for n in data["conditions"]],
                "filters": [_strip(n) for n in data["filters"]],
                "actions": [_strip(n) for n in data["actions"]],
            })
        if not validator.is_valid():
            report.fail(entity, f"Sentry's rule editor refuses it: {dict(validator.errors)}")
        else:
            report.checks += 1
        fired = {r.id for r in Rule.get_for_project(project.id)}
        if expected["enabled"]:
            report.ok(rule.id in fired, entity, "Rule.get_for_project (what RuleProcessor fires) leaves it out")
        else:
            report.ok(rule.id not in fired, entity, "Rule.get_for_project (what RuleProcessor fires) has this disabled rule")


def _strip(node):
    return {k: v for k, v in node.items() if k not in NODE_EXTRAS}
