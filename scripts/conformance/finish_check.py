# The caches `sentry-migrate finish` refreshes, read through Sentry 23.7.1's own code
# (scripts/conformance/finish.sh). sys.argv[2] is the phase:
#   warm   before apply: Sentry reads what it will serve from cache (the default organization by
#          slug and id; Relay's config of each key the plan creates, which Sentry caches as
#          {"disabled": True} while the key does not exist: build_project_config, src/sentry/tasks/relay.py)
#   stale  after apply, before finish: those caches still hold the old values (else this test
#          could not fail)
#   fresh  after finish: the caches serve what apply wrote, and single-organization mode serves
#          the migrated organization with its id and the default project kept
# CONFORMANCE_PLAN names the plan; CONFORMANCE_OLD_SLUG the organization migrated into.
import json
import os
import sys

from sentry.models import Organization, Project
from sentry.relay import projectconfig_cache
from sentry.tasks.relay import build_project_config

phase = sys.argv[2]
with open(os.environ["CONFORMANCE_PLAN"], encoding="utf-8") as f:
    plan = json.load(f)
old_slug = os.environ["CONFORMANCE_OLD_SLUG"]
new_slug = plan["organization"]
created_keys = [c["key"] for c in plan["changes"] if c["stage"] == "keys" and c["action"] == "create"]
problems = []


def expect(ok, what):
    print(("finish-check: ok   " if ok else "finish-check: FAIL ") + what)
    if not ok:
        problems.append(what)


if phase == "warm":
    org = Organization.objects.get_from_cache(slug=old_slug)
    for public_key in created_keys:
        build_project_config(public_key=public_key)
    expect(bool(created_keys), "the plan creates keys (%d)" % len(created_keys))
    expect(org.id is not None, "organization '%s' (id %s) read through the cache" % (old_slug, org.id))
else:
    cached = Organization.objects.get_from_cache(id=int(os.environ["CONFORMANCE_ORG_ID"]))
    configs = [projectconfig_cache.backend.get(public_key) for public_key in created_keys]
    disabled = sum(1 for config in configs if config is not None and config.get("disabled"))
    if phase == "stale":
        expect(cached.slug == old_slug, "before finish the cached row still says slug '%s'" % cached.slug)
        expect(disabled == len(created_keys), "before finish Relay's config of %d/%d new key(s) says disabled"
               % (disabled, len(created_keys)))
    else:
        row = Organization.objects.get(id=cached.id)
        expect(cached.slug == new_slug == row.slug and cached.name == row.name,
               "the cached row says what the database says: '%s', %r" % (cached.slug, cached.name))
        try:
            by_old = Organization.objects.get_from_cache(slug=old_slug)
            expect(False, "the old slug '%s' still finds organization %s through the cache" % (old_slug, by_old.id))
        except Organization.DoesNotExist:
            expect(True, "the old slug '%s' finds nothing" % old_slug)
        expect(disabled == 0, "no new key's Relay config says disabled (%d do)" % disabled)
        default = Organization.get_default()
        expect(default.id == cached.id and default.slug == new_slug,
               "single-organization mode serves '%s' (id %s)" % (default.slug, default.id))
        internal = Project.objects.filter(id=1).first()
        expect(internal is not None and internal.slug == "internal" and internal.organization_id == cached.id,
               "project 1 'internal' is kept in it")
if problems:
    sys.exit(1)
