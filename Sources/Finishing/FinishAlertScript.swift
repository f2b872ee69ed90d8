import SentryModel

/// The part of `finish`'s script that has Sentry's own migration helpers build the workflow-engine
/// rows of the plan's alerts and the default detectors of the projects it created (FinishItem
/// `issueAlert`, `metricAlert`, `projectDetectors`; docs/apply.md, "Alerts on a workflow-engine
/// target"). Python 3.8 (Sentry 23.7.1) to 3.13; imports of the workflow engine happen per item, so
/// the script runs on every Sentry and reports `skipped` where there is none.
enum FinishAlertScript {
    static let python = #"""
        # Alerts on a workflow-engine Sentry (26.x evaluates alerts only through it; 25.x has it too).
        # The rows are built by Sentry's own helpers, never by hand: their layout is versioned with
        # the code (reference/alerts.md §2.8, §6). Where each helper lives differs per release, so
        # each is looked up in the places getsentry/sentry has kept it:
        #   IssueAlertMigrator(rule, user_id=None).run(): workflow_engine/migration_helpers/
        #     issue_alert_migration.py (2025 to 2026-H1, e.g. commit 5975097163d0), then
        #     testutils/helpers/issue_alert_migration.py (commit 39fb43f27af6)
        #   dual_write_alert_rule(alert_rule, user=None): workflow_engine/migration_helpers/alert_rule.py,
        #     then testutils/helpers/metric_alert_migration.py (commit 39fb43f27af6)
        #   update_migrated_issue_alert(rule): workflow_engine/migration_helpers/issue_alert_dual_write.py
        #   ensure_default_detectors(project): workflow_engine/defaults/detectors.py (commit 32141ebf8983),
        #     earlier workflow_engine/processors/detector.py
        ISSUE_ALERT_MIGRATOR = [
            ("sentry.workflow_engine.migration_helpers.issue_alert_migration", "IssueAlertMigrator"),
            ("sentry.testutils.helpers.issue_alert_migration", "IssueAlertMigrator"),
        ]
        ISSUE_ALERT_UPDATER = [
            ("sentry.workflow_engine.migration_helpers.issue_alert_dual_write", "update_migrated_issue_alert"),
        ]
        METRIC_ALERT_WRITER = [
            ("sentry.workflow_engine.migration_helpers.alert_rule", "dual_write_alert_rule"),
            ("sentry.testutils.helpers.metric_alert_migration", "dual_write_alert_rule"),
        ]
        DEFAULT_DETECTORS = [
            ("sentry.workflow_engine.defaults.detectors", "ensure_default_detectors"),
            ("sentry.workflow_engine.processors.detector", "ensure_default_detectors"),
        ]
        ALERT_RULE_MODEL = [
            ("sentry.incidents.models.alert_rule", "AlertRule"),
            ("sentry.incidents.models", "AlertRule"),
        ]


        def first_of(candidates):
            """The first of (module, name) this Sentry has, with where it was found, or None and what was tried."""
            tried = []
            for module_name, name in candidates:
                try:
                    module = importlib.import_module(module_name)
                except Exception as error:
                    tried.append("%s: %s" % (module_name, type(error).__name__))
                    continue
                if hasattr(module, name):
                    return getattr(module, name), "%s.%s" % (module_name, name)
                tried.append("%s has no %s" % (module_name, name))
            return None, "tried " + "; ".join(tried)


        ENGINE = {}


        def engine():
            """Sentry's workflow_engine models, or None where this Sentry has none (23.x, 24.x)."""
            if "models" not in ENGINE:
                try:
                    ENGINE["models"] = importlib.import_module("sentry.workflow_engine.models")
                    ENGINE["models"].AlertRuleWorkflow.objects.exists()
                except Exception as error:
                    ENGINE["models"] = None
                    ENGINE["why"] = "%s: %s" % (type(error).__name__, error)
            return ENGINE["models"]


        def no_engine():
            return ("skipped", "this Sentry has no workflow engine (sentry.workflow_engine: %s): it evaluates "
                    "alerts from the rows apply wrote, so there is nothing to build" % ENGINE["why"])


        def ensure_detectors(project):
            ensure, where = first_of(DEFAULT_DETECTORS)
            if ensure is None:
                return None, where
            made = ensure(project)
            names = sorted(made) if isinstance(made, dict) else [str(made)]
            return names, where


        def project_detectors(item, org):
            found = project_of(item, org)
            if found is None:
                return "missing", "no such project in the organization"
            if engine() is None:
                return no_engine()
            names, where = ensure_detectors(found)
            if names is None:
                return "skipped", ("this Sentry has no ensure_default_detectors (%s); its IssueAlertMigrator makes "
                                   "the error detector a rule needs" % where)
            return "ok", "default detectors %s ensured by %s" % (", ".join(names), where)


        def find_rule(item, org):
            from sentry.models.rule import Rule
            # As `sentry-migrate read` numbers rules: active or disabled, oldest id first.
            rules = list(Rule.objects.filter(project__organization_id=org.id, project__slug=item["project"],
                                             label=item["alertName"], status__in=[0, 1]).order_by("id"))
            return rules[int(item["ordinal"]) - 1] if len(rules) >= int(item["ordinal"]) else None


        def creator_of(rule):
            try:
                from sentry.models.rule import RuleActivity
                return RuleActivity.objects.filter(rule_id=rule.id, type=1).values_list("user_id", flat=True).first()
            except Exception:
                return None


        def issue_alert(item, org):
            rule = find_rule(item, org)
            if rule is None:
                return "missing", "no such rule on the project (apply the plan first)"
            models = engine()
            if models is None:
                return no_engine()
            existing = models.AlertRuleWorkflow.objects.filter(rule_id=rule.id).first()
            if existing is not None and not item["updated"]:
                return "skipped", "its workflow (id %s) exists already" % existing.workflow_id
            using = router.db_for_write(models.Workflow)
            if existing is not None:
                update, where = first_of(ISSUE_ALERT_UPDATER)
                if update is None:
                    return "failed", ("apply changed the rule, but this Sentry has no helper to rebuild its workflow "
                                      "(%s): open the rule in Sentry and save it once" % where)
                with transaction.atomic(using=using):
                    update(rule)
                return "ok", "workflow %s rebuilt from the changed rule by %s" % (existing.workflow_id, where)
            migrator, where = first_of(ISSUE_ALERT_MIGRATOR)
            if migrator is None:
                return "failed", "this Sentry has a workflow engine but no IssueAlertMigrator (%s)" % where
            ensure_detectors(rule.project)
            with transaction.atomic(using=using):
                migrator(rule, user_id=creator_of(rule)).run()
            built = models.AlertRuleWorkflow.objects.filter(rule_id=rule.id).first()
            if built is None:
                return "failed", "%s ran but left no AlertRuleWorkflow for rule %s" % (where, rule.id)
            return "ok", "workflow %s built by %s" % (built.workflow_id, where)


        def find_metric_alert(item, org):
            model, where = first_of(ALERT_RULE_MODEL)
            if model is None:
                raise RuntimeError("no AlertRule model (%s)" % where)
            from sentry.snuba.models import QuerySubscription
            matches = []
            for alert in model.objects.filter(organization_id=org.id, name=item["alertName"],
                                              status__in=[0, 5]).order_by("id"):
                # As `sentry-migrate read` keys it: the first of its projects (24.x+ alertruleprojects,
                # 23.x its subscriptions), in code-point order, which is UTF-8 order.
                try:
                    slugs = set(alert.projects.filter(organization_id=org.id).values_list("slug", flat=True))
                except AttributeError:
                    slugs = set(QuerySubscription.objects.filter(
                        snuba_query_id=alert.snuba_query_id, project__organization_id=org.id
                    ).values_list("project__slug", flat=True))
                if slugs and min(slugs) == item["project"]:
                    matches.append(alert)
            return matches[int(item["ordinal"]) - 1] if len(matches) >= int(item["ordinal"]) else None


        def metric_alert(item, org):
            alert = find_metric_alert(item, org)
            if alert is None:
                return "missing", "no such metric alert in the organization (apply the plan first)"
            models = engine()
            if models is None:
                return no_engine()
            existing = models.AlertRuleDetector.objects.filter(alert_rule_id=alert.id).first()
            if existing is not None:
                return "skipped", "its detector (id %s) exists already" % existing.detector_id
            write, where = first_of(METRIC_ALERT_WRITER)
            if write is None:
                return "failed", "this Sentry has a workflow engine but no dual_write_alert_rule (%s)" % where
            write(alert)  # one transaction of its own
            built = models.AlertRuleDetector.objects.filter(alert_rule_id=alert.id).first()
            if built is None:
                return "failed", "%s ran but left no AlertRuleDetector for alert %s" % (where, alert.id)
            return "ok", "detector %s, its data source and workflow built by %s" % (built.detector_id, where)


        """#
}

extension AlertKey {
    var payload: [String: JSONValue] {
        ["project": .string(project), "alertName": .string(name), "ordinal": .number(Double(ordinal))]
    }
}
