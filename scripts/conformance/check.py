# Sentry 23.7.1 as the oracle: its own models and API serializers read back the organization that
# `sentry-migrate apply` wrote, and every field is compared with the desired snapshot.
#
# Run inside Sentry's environment (scripts/conformance/run.sh does this):
#   CONFORMANCE_SNAPSHOT=DIR [CONFORMANCE_PLAN=plan.json] sentry exec scripts/conformance/check.py
#
# What it reads, and through what (all Sentry 23.7.1 code, nothing re-implemented here):
#   organization  DetailedOrganizationSerializer (GET /organizations/{org}/), OrganizationMapping
#   teams         TeamSerializer
#   members       OrganizationMemberWithRolesSerializer (GET .../members/{id}/), the role managers
#   projects      DetailedProjectSerializer (GET /projects/{org}/{project}/)
#   keys          ProjectKeySerializer, ProjectKey.get_dsn / from_dsn
#   filters       inbound_filters.get_filter_state (the Inbound Filters page) and
#                 relay.config.get_filter_settings (what Relay is sent)
#   ownership     ProjectOwnershipSerializer, ownership.grammar (parse, resolve owners, schema)
#   metric alerts DetailedAlertRuleSerializer (GET .../alert-rules/{id}/), snuba.tasks.subscription_checker
#                 (alerts_check.py)
# Every read runs in one transaction that is rolled back: some of Sentry's reads write
# (Project.get_security_token creates `sentry:token`).
#
# Exit status: 0 all equal, 1 a mismatch (each printed with entity and field), 2 a broken input.
import hashlib
import json
import os
import sys
from urllib.parse import urlsplit

from django.db import router, transaction

from sentry import roles
from sentry.api.serializers import serialize
from sentry.api.serializers.models.organization import DetailedOrganizationSerializer
from sentry.api.serializers.models.organization_member.expand.roles import (
    OrganizationMemberWithRolesSerializer,
)
from sentry.api.serializers.models.project import DetailedProjectSerializer
from sentry.api.serializers.models.project_key import ProjectKeySerializer
from sentry.api.serializers.models.projectownership import ProjectOwnershipSerializer
from sentry.api.serializers.models.team import TeamSerializer
from sentry.auth import access as sentry_access
from sentry.ingest import inbound_filters
from sentry.models import (
    Organization,
    OrganizationMapping,
    OrganizationMember,
    OrganizationMemberMapping,
    OrganizationMemberTeam,
    Project,
    ProjectKey,
    ProjectKeyStatus,
    ProjectOwnership,
    Team,
    TeamStatus,
    User,
)
from sentry.models.organizationmember import InviteStatus
from sentry.ownership.grammar import load_schema, parse_rules, resolve_actors
from sentry.relay.config import get_filter_settings

sys.path.insert(0, os.path.join(os.getcwd(), "scripts", "conformance"))  # run.sh runs from the repository
import alerts_check  # noqa: E402 (after the path it lives on)
import rules_check  # noqa: E402
import settings_check  # noqa: E402

SNAPSHOT_FILES = {
    "manifest.json",
    "organization.json",
    "teams.json",
    "members.json",
    "projects.json",
    "keys.json",
    "filters.json",
    "ownership.json",
    "secrets",  # keys.json and settings.json: read where their kinds are checked
    "waves.json",  # the mapping's rollout waves: a plan selection, nothing Sentry stores
    "rules.json",
    "origins.json",  # where in the mapping each value was set: for error messages, nothing Sentry stores
    "metric-alerts.json",  # alerts_check.py
}


class Report:
    def __init__(self):
        self.checks = 0
        self.mismatches = []
        self.unchecked = []
        self.notes = []
        self.linked_names = 0

    def equal(self, entity, field, sentry_value, snapshot_value, secret=False, source="the snapshot"):
        self.checks += 1
        if _normalized(sentry_value) == _normalized(snapshot_value):
            return True
        if secret:
            sentry_value, snapshot_value = _digest(sentry_value), _digest(snapshot_value)
        self.mismatches.append(
            f"{entity} {field}: Sentry 23.7.1 reads {_show(sentry_value)}, "
            f"{source} says {_show(snapshot_value)}"
        )
        return False

    def fail(self, entity, message):
        self.checks += 1
        self.mismatches.append(f"{entity}: {message}")

    def ok(self, condition, entity, message):
        self.checks += 1
        if not condition:
            self.mismatches.append(f"{entity}: {message}")
        return condition


def _normalized(value):
    # JSON-level equality: tuples and lists alike; sets (legacy-browser subfilters) sorted.
    if isinstance(value, (set, frozenset)):
        return sorted(_normalized(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_normalized(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalized(v) for k, v in value.items()}
    return value


def _show(value):
    return json.dumps(_normalized(value), sort_keys=True, default=str)


def _digest(value):
    if value is None:
        return None
    return "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()[:12]


def _load(folder, name, default=None):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _compare_fields(report, entity, snapshot_entity, serialized, skip, renames=None):
    """Compares every snapshot field with the serializer's field of the same (hosted API) name.
    Fields the serializer does not have are listed as not checked, never silently passed."""
    renames = renames or {}
    for field, expected in sorted(snapshot_entity.items()):
        if field in skip:
            continue
        name = renames.get(field, field)
        if name in serialized:
            report.equal(entity, field, serialized[name], expected)
        else:
            report.unchecked.append(f"{entity} {field}")


def check_organization(report, snapshot, org, user):
    entity = f"organization/{org.slug}"
    access = sentry_access.from_user(user, org) if user else sentry_access.DEFAULT
    data = serialize(org, user, DetailedOrganizationSerializer(), access=access)
    _compare_fields(report, entity, snapshot, data, skip={"hostedId", "settings"})
    settings_check.check_organization_settings(report, snapshot.get("settings") or {}, org, user, access)
    try:
        roles.get(data["defaultRole"])
    except KeyError:
        report.fail(entity, f"default role {data['defaultRole']!r} is not a role Sentry knows")
    mapping = OrganizationMapping.objects.filter(organization_id=org.id).first()
    if report.ok(
        mapping is not None,
        entity,
        "no sentry_organizationmapping row: Sentry's control silo (organization lists, "
        "slug lookups) does not see the organization",
    ):
        row = "the sentry_organization row"
        report.equal(entity, "organizationMapping.slug", mapping.slug, org.slug, source=row)
        report.equal(entity, "organizationMapping.name", mapping.name, org.name, source=row)
        report.equal(entity, "organizationMapping.status", mapping.status, org.status, source=row)


def check_teams(report, snapshot, org, user):
    teams = list(Team.objects.filter(organization=org, status=TeamStatus.ACTIVE))
    serialized = {t["slug"]: t for t in serialize(teams, user, TeamSerializer())}
    wanted = {t["slug"]: t for t in snapshot}
    _compare_sets(report, "teams", serialized, wanted)
    for slug in sorted(set(serialized) & set(wanted)):
        _compare_fields(report, f"teams/{slug}", wanted[slug], serialized[slug], skip={"hostedId"})


def _compare_sets(report, kind, sentry_keys, snapshot_keys):
    for key in sorted(set(snapshot_keys) - set(sentry_keys)):
        report.fail(f"{kind}/{key}", "in the snapshot, but Sentry 23.7.1 does not list it")
    for key in sorted(set(sentry_keys) - set(snapshot_keys)):
        report.fail(f"{kind}/{key}", "listed by Sentry 23.7.1, but not in the snapshot")


def check_members(report, snapshot, org, user, identity):
    members = list(
        OrganizationMember.objects.filter(
            organization=org, invite_status=InviteStatus.APPROVED.value
        )
    )
    serializer = OrganizationMemberWithRolesSerializer(allowed_roles=roles.get_all())
    serialized = {}
    for member, data in zip(members, serialize(members, user, serializer)):
        serialized[data["email"].lower()] = (member, data)
    wanted = {m["email"].lower(): m for m in snapshot}
    _compare_sets(report, "members", serialized, wanted)
    for email in sorted(set(serialized) & set(wanted)):
        member, data = serialized[email]
        expected = wanted[email]
        entity = f"members/{email}"
        report.equal(entity, "role", data["orgRole"], expected["role"])
        try:
            roles.get(member.role)
            member.get_scopes()
        except Exception as e:  # noqa: BLE001 (any failure of Sentry's role manager is the finding)
            report.fail(entity, f"Sentry's role manager cannot resolve role {member.role!r}: {e}")
        # A hosted member the mapping invites (identity "invite") is a pending invite here.
        pending = bool(expected.get("pending")) or identity.get(email) == "invite"
        report.equal(entity, "pending", data["pending"], pending)
        # A name belongs to the person's user account: apply sets it only on a user it creates;
        # a linked user keeps the name they have on self-hosted (what Sentry shows).
        if identity.get(email) == "create":
            report.equal(entity, "name", data["name"], expected.get("name"))
        elif not data["pending"] and data["name"] != expected.get("name"):
            report.linked_names += 1
        teams = sorted((t["teamSlug"], t["role"]) for t in data["teamRoles"])
        want_teams = sorted((t["slug"], t.get("role")) for t in expected.get("teams", []))
        report.equal(entity, "teams", teams, want_teams)
        for omt in OrganizationMemberTeam.objects.filter(organizationmember=member):
            try:
                omt.get_team_role()
            except Exception as e:  # noqa: BLE001
                report.fail(entity, f"team {omt.team.slug}: Sentry cannot resolve team role {omt.role!r}: {e}")
        mapping = OrganizationMemberMapping.objects.filter(
            organization_id=org.id, organizationmember_id=member.id
        ).first()
        if report.ok(
            mapping is not None,
            entity,
            "no sentry_organizationmembermapping row: the member's organization list misses it",
        ):
            row = "the sentry_organizationmember row"
            report.equal(entity, "memberMapping.role", mapping.role, member.role, source=row)
            report.equal(entity, "memberMapping.user_id", mapping.user_id, member.user_id, source=row)
        _compare_fields(
            report, entity, expected, data, skip={"hostedId", "role", "pending", "name", "teams", "email", "identity"}
        )


def check_projects(report, snapshot, org, user, project_ids):
    projects = list(Project.objects.filter(organization=org, status=0))
    serialized = {}
    for project, data in zip(projects, serialize(projects, user, DetailedProjectSerializer())):
        serialized[project.slug] = (project, data)
    wanted = {p["slug"]: p for p in snapshot}
    _compare_sets(report, "projects", serialized, wanted)
    for slug in sorted(set(serialized) & set(wanted)):
        project, data = serialized[slug]
        expected = wanted[slug]
        entity = f"projects/{slug}"
        report.equal(entity, "teams", sorted(t["slug"] for t in data["teams"]), sorted(expected["teams"]))
        if slug in project_ids:
            report.equal(entity, "id", int(data["id"]), project_ids[slug], source="the plan")
        _compare_fields(report, entity, expected, data, skip={"hostedId", "teams", "settings", "environments"})
    return {slug: pair[0] for slug, pair in serialized.items()}


def check_keys(report, snapshot, secrets, projects, user, key_dsns):
    keys = list(
        ProjectKey.objects.filter(
            project__in=list(projects.values()),
            status__in=[ProjectKeyStatus.ACTIVE, ProjectKeyStatus.INACTIVE],
        ).select_related("project")
    )
    serialized = {}
    for key, data in zip(keys, serialize(keys, user, ProjectKeySerializer())):
        serialized[key.public_key] = (key, data)
    wanted = {k["publicKey"]: k for k in snapshot}
    _compare_sets(report, "keys", serialized, wanted)
    for public_key in sorted(set(serialized) & set(wanted)):
        key, data = serialized[public_key]
        expected = wanted[public_key]
        entity = f"keys/{expected['project']}/{public_key}"  # a public key is in every DSN: not a secret
        report.equal(entity, "project", key.project.slug, expected["project"])
        report.equal(entity, "label", data["label"], expected.get("label"))
        report.equal(entity, "active", data["isActive"], expected["active"])
        report.equal(entity, "rateLimit", data["rateLimit"], expected.get("rateLimit"))
        if "browserSdkVersion" in expected:
            report.equal(entity, "browserSdkVersion", data["browserSdkVersion"], expected["browserSdkVersion"])
        loader = expected.get("loaderOptions") or {}
        for option in ("hasDebug", "hasPerformance", "hasReplay"):
            report.equal(
                entity, f"loaderOptions.{option}", data["dynamicSdkLoaderOptions"][option], loader.get(option, False)
            )
        for option in sorted(set(loader) - {"hasDebug", "hasPerformance", "hasReplay"}):
            # Later Sentry versions read these; 23.7.1's serializer has no field for them.
            stored = (key.data or {}).get("dynamicSdkLoaderOptions", {}).get(option)
            report.equal(entity, f"loaderOptions.{option} (stored for later versions)", stored, loader[option])
        if public_key in secrets:
            report.equal(entity, "secretKey", data["secret"], secrets[public_key], secret=True)
        report.ok(bool(key.roles.store), entity, "the key lacks the 'store' role: Sentry rejects its events")
        _check_dsn(report, entity, key, data, expected, key_dsns.get(public_key))


def _check_dsn(report, entity, key, data, expected, outcome):
    dsn = data["dsn"]["public"]
    report.equal(entity, "dsn (ProjectKey.dsn_public)", dsn, key.get_dsn(public=True), source="get_dsn()")
    parts = urlsplit(dsn)
    report.equal(entity, "dsn public key", parts.username, expected["publicKey"])
    project_id = parts.path.rsplit("/", 1)[-1]
    report.equal(entity, "dsn project id", project_id, str(key.project_id), source="the key's project_id")
    hosted = expected.get("hostedProjectId")
    if outcome is not None and outcome.get("preserved"):
        # The plan promised this DSN survives: the hosted DSN with only its host changed.
        report.equal(entity, "dsn project id (hosted, kept)", project_id, hosted)
    elif outcome is not None and outcome.get("projectId") is not None:
        report.equal(entity, "dsn project id (as planned)", project_id, str(outcome["projectId"]))
    try:
        found = ProjectKey.from_dsn(dsn)
        report.equal(entity, "ProjectKey.from_dsn(dsn)", found.id, key.id, source="the key's id")
    except ProjectKey.DoesNotExist:
        report.fail(entity, f"Sentry cannot resolve its own DSN {dsn} to a key")


FILTER_IDS = {
    "browserExtensions": "browser-extensions",
    "localhost": "localhost",
    "webCrawlers": "web-crawlers",
    "filteredTransaction": "filtered-transaction",
    "legacyBrowsers": "legacy-browsers",
}
LIST_OPTIONS = {
    "blacklistedIps": "filters:blacklisted_ips",
    "releases": "filters:releases",
    "errorMessages": "filters:error_messages",
}
def check_filters(report, snapshot, projects, user):
    wanted = {f["project"]: f for f in snapshot}
    for slug in sorted(wanted):
        entity = f"filters/{slug}"
        project = projects.get(slug)
        if project is None:
            report.fail(entity, "the project is not in Sentry, so its filters are not either")
            continue
        expected = wanted[slug]
        options = serialize(project, user, DetailedProjectSerializer())["options"]
        relay = get_filter_settings(project)
        specs = {spec.id: spec for spec in inbound_filters.get_all_filter_specs()}
        for field, filter_id in FILTER_IDS.items():
            if field not in expected:
                continue
            state = inbound_filters.get_filter_state(filter_id, project)
            want = expected[field]
            if isinstance(state, (list, set, tuple)) and isinstance(want, list):
                state, want = sorted(state), sorted(want)
            report.equal(entity, f"{field} (Inbound Filters page)", state, want)
            # What Relay is sent: enabled unless "0"; legacy browsers carry their subfilters.
            relay_setting = relay.get(inbound_filters.get_filter_key(specs[filter_id]), {})
            relay_on = bool(relay_setting.get("isEnabled", False))
            report.equal(entity, f"{field} (Relay config isEnabled)", relay_on, bool(want))
            if field == "legacyBrowsers" and isinstance(want, list) and want:
                report.equal(entity, f"{field} (Relay config options)", sorted(relay_setting.get("options", [])), sorted(want))
        for field, option in LIST_OPTIONS.items():
            if field in expected:
                shown = options.get(option, "")
                report.equal(entity, field, shown.split("\n") if shown else [], expected[field])
        if "blacklistedIps" in expected:
            relay_ips = relay.get("clientIps", {}).get("blacklistedIps", [])
            report.equal(entity, "blacklistedIps (Relay config)", list(relay_ips), expected["blacklistedIps"])
        if "releases" in expected:
            relay_releases = relay.get("releases", {}).get("releases", [])
            report.equal(entity, "releases (Relay config)", list(relay_releases), expected["releases"])
        if "reactHydrationErrors" in expected:
            report.equal(
                entity,
                "reactHydrationErrors",
                options["filters:react-hydration-errors"],
                expected["reactHydrationErrors"],
            )
        if "chunkLoadError" in expected:
            # 23.7.1 has no such filter (it came with 23.10, whose Inbound Filters page reads only
            # the string "1" as on): nothing here reads the option, so a difference is a note.
            stored = project.get_option("filters:chunk-load-error")
            want = "1" if expected["chunkLoadError"] else "0"
            if stored != want:
                report.notes.append(
                    f"{entity} chunkLoadError: stored {_show(stored)}; 23.7.1 has no such filter, but after an "
                    f"upgrade to 23.10+ its Inbound Filters page reads {_show(want)} only (issue #14 item 6)"
                )
        known = set(FILTER_IDS) | set(LIST_OPTIONS) | {"project", "reactHydrationErrors", "chunkLoadError"}
        for field in sorted(set(expected) - known):
            report.unchecked.append(f"{entity} {field}")


def check_ownership(report, snapshot, projects, user, project_teams, members):
    wanted = {o["project"]: o for o in snapshot}
    rows = {o.project_id: o for o in ProjectOwnership.objects.filter(project__in=list(projects.values()))}
    by_slug = {slug: rows[p.id] for slug, p in projects.items() if p.id in rows}
    _compare_sets(report, "ownership", by_slug, wanted)
    for slug in sorted(set(by_slug) & set(wanted)):
        entity = f"ownership/{slug}"
        ownership = by_slug[slug]
        expected = wanted[slug]
        data = serialize(ownership, user, ProjectOwnershipSerializer())
        report.ok(data["isActive"], entity, "is_active is false: Sentry ignores these rules")
        report.equal(entity, "raw", data["raw"], expected.get("raw"))
        for field in ("fallthrough", "autoAssignment", "codeownersAutoSync"):
            if field in expected:
                report.equal(entity, field, data[field], expected[field])
        raw = ownership.raw
        if raw is None:
            report.equal(entity, "schema", ownership.schema, None)
            continue
        try:
            rules = parse_rules(raw)
        except Exception as e:  # noqa: BLE001 (parsimonious raises its own errors)
            report.fail(entity, f"Sentry's ownership grammar cannot parse the rules: {e}")
            continue
        # What Sentry reads from the stored schema (owner ids are ignored by 23.7.1's load) must be
        # what its grammar makes of the text.
        try:
            stored_rules = load_schema(ownership.schema or {})
        except Exception as e:  # noqa: BLE001
            report.fail(entity, f"Sentry cannot load the stored schema: {e!r}")
            continue
        report.equal(
            entity, "schema (as Sentry loads it)", [r.dump() for r in stored_rules], [r.dump() for r in rules]
        )
        _check_owners(report, entity, rules, ownership, project_teams.get(slug, set()), members)


def _check_owners(report, entity, rules, ownership, teams, members):
    """Every owner Sentry resolves (a team of the project, a member on one of its teams) as
    resolve_actors does; one that does not is a mismatch when the snapshot says it should."""
    owners = {o for rule in rules for o in rule.owners}
    actors = resolve_actors(owners, ownership.project_id)
    stored_ids = {}
    for rule in (ownership.schema or {}).get("rules", []):
        for owner in rule.get("owners", []):
            if "id" in owner:
                stored_ids[(owner["type"], owner["identifier"])] = owner["id"]
    for owner in sorted(owners):
        name = ("#" if owner.type == "team" else "") + owner.identifier
        if owner.type == "team":
            expected = owner.identifier in teams
        else:
            expected = any(teams & t for e, t in members.items() if e == owner.identifier.lower())
        actor = actors.get(owner)
        if actor is None and expected:
            report.fail(entity, f"owner {name} does not resolve in Sentry, but the snapshot has it on the project")
        elif actor is None:
            report.notes.append(
                f"{entity}: owner {name} is not on the project in the snapshot either, so Sentry's "
                "ownership API would refuse the rules as they are (Invalid rule owners); events skip it"
            )
        else:
            report.checks += 1
            stored = stored_ids.get((owner.type, owner.identifier))
            if stored is not None:
                report.equal(entity, f"schema owner id of {name}", stored, actor.id, source="resolve_actors")


def main():
    snapshot_dir = os.environ.get("CONFORMANCE_SNAPSHOT")
    if not snapshot_dir or not os.path.isfile(os.path.join(snapshot_dir, "manifest.json")):
        print(f"conformance: CONFORMANCE_SNAPSHOT={snapshot_dir!r} is not a snapshot folder", file=sys.stderr)
        sys.exit(2)
    organization = _load(snapshot_dir, "organization.json")
    plan_path = os.environ.get("CONFORMANCE_PLAN")
    plan = {}
    if plan_path:
        with open(plan_path, encoding="utf-8") as f:
            plan = json.load(f)
    identity, project_ids, key_dsns = {}, {}, {}
    for change in plan.get("changes", []):
        if change["stage"] == "members" and change.get("identity"):
            identity[change["key"].lower()] = change["identity"].get("policy")
        if change["stage"] == "projects" and (change.get("dsn") or {}).get("projectId") is not None:
            project_ids[change["key"]] = int(change["dsn"]["projectId"])
        if change["stage"] == "keys" and change.get("dsn"):
            key_dsns[change["key"]] = change["dsn"]
    secrets = {s["publicKey"]: s["secretKey"] for s in _load(snapshot_dir, "secrets/keys.json", [])}

    report = Report()
    with transaction.atomic(using=router.db_for_write(Organization)):
        org = Organization.objects.filter(slug=organization["slug"]).first()
        if org is None:
            print(f"conformance: Sentry 23.7.1 finds no organization {organization['slug']!r}", file=sys.stderr)
            sys.exit(1)
        owners = OrganizationMember.objects.filter(organization=org, role="owner", user_id__isnull=False)
        owner = owners.order_by("id").first()
        user = User.objects.get(id=owner.user_id) if owner else None
        check_organization(report, organization, org, user)
        check_teams(report, _load(snapshot_dir, "teams.json", []), org, user)
        check_members(report, _load(snapshot_dir, "members.json", []), org, user, identity)
        projects = check_projects(report, _load(snapshot_dir, "projects.json", []), org, user, project_ids)
        check_keys(report, _load(snapshot_dir, "keys.json", []), secrets, projects, user, key_dsns)
        check_filters(report, _load(snapshot_dir, "filters.json", []), projects, user)
        tokens = {s["project"]: s["securityToken"] for s in _load(snapshot_dir, "secrets/settings.json", [])}
        snapshot_projects = _load(snapshot_dir, "projects.json", [])
        settings_check.check_project_settings(report, snapshot_projects, projects, user, tokens)
        settings_check.check_environments(report, snapshot_projects, projects, org)
        # Who the snapshot says can own a project's issues: its teams, and the joined members on them.
        project_teams = {p["slug"]: set(p["teams"]) for p in _load(snapshot_dir, "projects.json", [])}
        members = {
            m["email"].lower(): {t["slug"] for t in m.get("teams", [])}
            for m in _load(snapshot_dir, "members.json", [])
            if not m.get("pending") and identity.get(m["email"].lower()) != "invite"
        }
        check_ownership(report, _load(snapshot_dir, "ownership.json", []), projects, user, project_teams, members)
        rules_check.check_rules(report, _load(snapshot_dir, "rules.json", []), projects, org, user)
        alerts_check.check_metric_alerts(report, _load(snapshot_dir, "metric-alerts.json", []), org, user)
        transaction.set_rollback(True, using=router.db_for_write(Organization))

    for name in sorted(set(os.listdir(snapshot_dir)) - SNAPSHOT_FILES - {"secrets"}):
        report.unchecked.append(f"{name} (a kind this checker does not know yet)")
    if report.linked_names:
        report.notes.append(
            f"{report.linked_names} linked member(s) show their self-hosted user's own name, not the "
            "hosted one (apply sets names only on users it creates)"
        )
    for line in report.notes:
        print(f"note: {line}")
    if report.unchecked:
        print(f"not checked ({len(report.unchecked)}): no Sentry 23.7.1 reader for these snapshot fields:")
        for line in report.unchecked:
            print(f"  {line}")
    for line in report.mismatches:
        print(f"MISMATCH {line}")
    print(
        f"conformance: organization {org.slug}: {report.checks} checks through Sentry 23.7.1's own code, "
        f"{len(report.mismatches)} mismatch(es)"
    )
    sys.exit(1 if report.mismatches else 0)


main()
