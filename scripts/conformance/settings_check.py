# Organization and project settings and environments, read back through Sentry 23.7.1's own code
# (issue 14 items 1-3). Imported by check.py; every reader here is Sentry's, not a re-implementation:
#   organization settings  DetailedOrganizationSerializer's fields; the readers whose encoding is a
#                          trap (settings.md §2.3): join requests (`is False`), JavaScript scraping
#                          (`is not False`), member scopes (Organization.get_scopes: truthiness),
#                          datascrubbing.get_datascrubbing_settings / get_pii_config
#   project settings       DetailedProjectSerializer's fields (and its formatted `options`), the same
#                          datascrubbing readers, Project.get_security_token
#   environments           EnvironmentProjectSerializer through ProjectEnvironmentsEndpoint's query,
#                          Environment.get_for_organization_id
import json

from sentry import roles
from sentry.api.serializers import serialize
from sentry.api.serializers.models.organization import DetailedOrganizationSerializer
from sentry.api.serializers.models.project import DetailedProjectSerializer
from sentry.datascrubbing import get_datascrubbing_settings, get_pii_config
from sentry.models import Environment, EnvironmentProject

# Settings Sentry 23.7.1 does not have; the plan leaves them out on this target (a note there).
ORG_NOT_IN_23 = {"allowMemberInvite", "allowMemberProjectCreation"}
PROJECT_NOT_IN_23 = {"highlightTags", "highlightContext"}
# Project settings DetailedProjectSerializer shows in its `options` dict, formatted.
PROJECT_OPTIONS_FORMATTED = {
    "cspIgnoredSources": ("sentry:csp_ignored_sources", lambda v: "\n".join(v)),
    "cspIgnoredSourcesDefaults": ("sentry:csp_ignored_sources_defaults", bool),
}


def check_organization_settings(report, settings, org, user, access):
    entity = f"organization/{org.slug}"
    data = serialize(org, user, DetailedOrganizationSerializer(), access=access)
    for name, want in sorted(settings.items()):
        if name in ORG_NOT_IN_23:
            report.notes.append(f"{entity} settings.{name}: Sentry 23.7.1 has no such setting (not carried)")
            continue
        if name not in data:
            report.unchecked.append(f"{entity} settings.{name}")
            continue
        report.equal(entity, f"settings.{name}", data[name], want)
    # The readers that decide what each encoding means.
    if "allowJoinRequests" in settings:
        refused = org.get_option("sentry:join_requests") is False
        report.equal(entity, "settings.allowJoinRequests (join request endpoint: `is False`)", not refused,
                     settings["allowJoinRequests"])
    if "scrapeJavaScript" in settings:
        scrapes = org.get_option("sentry:scrape_javascript", True) is not False
        report.equal(entity, "settings.scrapeJavaScript (JavaScript processor: `is not False`)", scrapes,
                     settings["scrapeJavaScript"])
    member_scopes = org.get_scopes(roles.get("member"))
    if "eventsMemberAdmin" in settings:
        report.equal(entity, "settings.eventsMemberAdmin (member scopes hold event:admin)",
                     "event:admin" in member_scopes, settings["eventsMemberAdmin"])
    if "alertsMemberWrite" in settings:
        report.equal(entity, "settings.alertsMemberWrite (member scopes hold alerts:write)",
                     "alerts:write" in member_scopes, settings["alertsMemberWrite"])


def check_project_settings(report, snapshot_projects, projects, user, tokens):
    for expected in snapshot_projects:
        slug = expected["slug"]
        project = projects.get(slug)
        if project is None:
            continue
        entity = f"projects/{slug}"
        settings = expected.get("settings") or {}
        data = serialize(project, user, DetailedProjectSerializer())
        for name, want in sorted(settings.items()):
            if name in PROJECT_NOT_IN_23:
                report.notes.append(f"{entity} settings.{name}: Sentry 23.7.1 has no such setting (not carried)")
                continue
            if name in PROJECT_OPTIONS_FORMATTED:
                key, formatted = PROJECT_OPTIONS_FORMATTED[name]
                report.equal(entity, f"settings.{name} (options[{key}])", data["options"].get(key), formatted(want))
                continue
            if name not in data:
                report.unchecked.append(f"{entity} settings.{name}")
                continue
            report.equal(entity, f"settings.{name}", data[name], want)
        if slug in tokens:
            # get_security_token returns the stored token (it would mint and store one if none were).
            report.equal(entity, "securityToken", project.get_security_token(), tokens[slug], secret=True)
        _check_scrubbing(report, entity, project, settings)


def _check_scrubbing(report, entity, project, settings):
    """What Relay is told to scrub: organization and project settings combined by Sentry itself."""
    scrubbing = get_datascrubbing_settings(project)
    org = project.organization
    require = org.get_option("sentry:require_scrub_data", False)
    if "dataScrubber" in settings:
        report.equal(entity, "settings.dataScrubber (Relay: scrubData)", bool(scrubbing.get("scrubData")),
                     bool(require) or settings["dataScrubber"])
    if "dataScrubberDefaults" in settings:
        report.equal(entity, "settings.dataScrubberDefaults (Relay: scrubDefaults)", bool(scrubbing.get("scrubDefaults")),
                     bool(org.get_option("sentry:require_scrub_defaults", False)) or settings["dataScrubberDefaults"])
    if "scrubIPAddresses" in settings:
        report.equal(entity, "settings.scrubIPAddresses (Relay: scrubIpAddresses)",
                     bool(scrubbing.get("scrubIpAddresses")),
                     bool(org.get_option("sentry:require_scrub_ip_address", False)) or settings["scrubIPAddresses"])
    if "sensitiveFields" in settings:
        org_fields = org.get_option("sentry:sensitive_fields", []) or []
        report.equal(entity, "settings.sensitiveFields (Relay: sensitiveFields)", scrubbing["sensitiveFields"],
                     list(org_fields) + settings["sensitiveFields"])
    if "relayPiiConfig" in settings:
        merged = get_pii_config(project) or {}
        rules = json.loads(settings["relayPiiConfig"]).get("rules") or {}
        for name in sorted(rules):
            report.ok(f"project:{name}" in (merged.get("rules") or {}), entity,
                      f"settings.relayPiiConfig rule {name!r} is not in what get_pii_config gives Relay")


def check_environments(report, snapshot_projects, projects, org):
    for expected in snapshot_projects:
        slug = expected["slug"]
        project = projects.get(slug)
        wanted = expected.get("environments") or {}
        if project is None:
            continue
        entity = f"projects/{slug}"
        # ProjectEnvironmentsEndpoint's own query with visibility=all, and its serializer.
        rows = (
            EnvironmentProject.objects.filter(project=project, environment__organization_id=org.id)
            .exclude(environment__name="")
            .select_related("environment")
            .order_by("environment__name")
        )
        found = {row["name"]: row["isHidden"] for row in serialize(list(rows))}
        # Environments only the target has are kept; every snapshot one must be there as wanted.
        for name, hidden in sorted(wanted.items()):
            if name not in found:
                report.fail(entity, f"environment {name!r}: Sentry 23.7.1 does not list it")
                continue
            report.equal(entity, f"environments.{name} (isHidden)", found[name], hidden)
            try:
                Environment.get_for_organization_id(org.id, name)
                report.checks += 1
            except Environment.DoesNotExist:
                report.fail(entity, f"environment {name!r}: Environment.get_for_organization_id finds none")
