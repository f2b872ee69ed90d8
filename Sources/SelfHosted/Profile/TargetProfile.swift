import SentryModel

/// How one self-hosted Sentry version stores organization configuration. The loader and reader
/// branch on these facts, never on version numbers, because admins run every release in between.
public struct TargetProfile: Sendable, Hashable {
    /// The release family, for people: it names the documented profile the database matches.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        /// 23.x before 23.10: team actors, no slug reservations or replica tables.
        case v23 = "23.x"
        /// 23.10 to 25.7: slug reservations and replicas, no team actors; option values as JSON text.
        case v24 = "24.x"
        /// 25.8 and later 25.x: organization option values (and from 25.10 ownership schema) as jsonb.
        case v25 = "25.8+"
        /// 26.x: `sentry_projectkeymapping`; no slug-reservation replica.
        case v26 = "26.x"
    }

    /// How a JSON value is stored in a column.
    public enum JSONStorage: String, Sendable, Hashable {
        /// `text` holding JSON (Sentry's own JSONField and PickledObjectField).
        case text
        case jsonb
    }

    public enum IntegerWidth: String, Sendable, Hashable {
        case integer
        case bigint
    }

    public var family: Family
    /// Newest applied `sentry` migration, e.g. `0521_migrate_world_map_widgets`.
    public var migrationHead: String
    /// Width of the primary keys of organizations, teams, projects (`SENTRY_USE_BIG_INTS`).
    public var idWidth: IntegerWidth
    /// Width of `auth_user.id`; `integer` on databases first created by Sentry 9/10.
    public var userIdWidth: IntegerWidth
    /// 23.x: every team has a `sentry_actor` row and `sentry_team.actor_id`.
    public var hasTeamActors: Bool
    /// `sentry_organizationslugreservation` exists (23.10+).
    public var hasSlugReservations: Bool
    /// `hybridcloud_organizationslugreservationreplica` exists (23.10 to 25.x).
    public var hasSlugReservationReplica: Bool
    /// `sentry_teamreplica` and `sentry_organizationmember_teamsreplica` exist (23.10+).
    public var hasTeamReplicas: Bool
    /// `sentry_projectkeymapping` exists (26.x).
    public var hasProjectKeyMapping: Bool
    /// `sentry_projectkey.use_case` exists (24.3+).
    public var hasKeyUseCase: Bool
    /// `sentry_email` exists (removed in 2026).
    public var hasEmailTable: Bool
    /// Each JSON column's own type decides its encoding: 25.8 made organization options jsonb, but
    /// project options went back to text a week after they became jsonb (migrations 0960, 0962).
    public var organizationOptionStorage: JSONStorage
    public var projectOptionStorage: JSONStorage
    public var ownershipSchemaStorage: JSONStorage
    public var outboxPayloadStorage: JSONStorage
    public var projectSlugMaxLength: Int
    public var emailMaxLength: Int
    /// Every column of every table, for writing each NOT NULL column Sentry's ORM would have filled.
    public var catalog: SchemaCatalog

    /// Tables every supported version has and sentry-migrate reads or writes. The outbox tables are
    /// not among them: sentry-migrate writes the rows the drained outboxes would leave, never an
    /// outbox row, so a database without them is no less a target.
    public static let requiredTables = [
        "auth_user", "sentry_useremail", "sentry_organization", "sentry_organizationoptions", "sentry_team",
        "sentry_organizationmember", "sentry_organizationmember_teams", "sentry_project", "sentry_projectteam",
        "sentry_projectkey", "sentry_projectoptions", "sentry_projectownership", "sentry_organizationmapping",
        "sentry_organizationmembermapping", "django_migrations",
    ]

    /// Oldest `sentry` migration we support: 23.7's head, after option values became JSON.
    public static let oldestSupportedMigration = 521
    /// Newest `sentry` migration whose schema we have checked (≈26.8).
    public static let newestKnownMigration = 1118
}

extension TargetProfile {
    /// Whether `filters:react-hydration-errors` is stored as the strings `"1"`/`"0"` (23.10 and later)
    /// rather than a JSON boolean (23.7 to 23.9). Sentry 23.7.1 reads it with plain truthiness
    /// (`api/serializers/models/project.py` `format_options`, `relay/config/__init__.py`
    /// `get_project_config`), so a stored `"0"` means *on* there; from 23.10.0 (getsentry/sentry#57761)
    /// the ORM writes `"1"`/`"0"`, Relay's config reads `value in ("1", True)`
    /// (`ingest/inbound_filters.py` `get_generic_filters`) and project settings `== "1"`, so a JSON
    /// `true` shows as *off* there. The fact that tells them apart is the slug-reservation table:
    /// migration 0567_add_slug_reservation_model (2023-09-25) is, like #57761, first in 23.10.0.
    public var genericFiltersAsFlagStrings: Bool { hasSlugReservations }

    /// One line for people: `26.x (migration 1118_add_group_derived_data, 64-bit ids)`.
    public var summary: String {
        let ids = idWidth == .bigint ? "64-bit ids" : "32-bit ids"
        return "\(family.rawValue) (migration \(migrationHead), \(ids))"
    }
}

extension TargetProfile {
    /// Whether this target's Sentry evaluates issue alerts and notifies for metric alerts only through
    /// the workflow engine (26.x): legacy issue-alert evaluation is gone (migrations 1088/1093,
    /// 2026-05) and `handle_trigger_action` does nothing, so a rule or metric alert fires only with
    /// its workflow-engine rows (getsentry/self-hosted#4452; reference/alerts.md §0, §2.7, §2.9).
    /// apply writes the legacy rows; `finish` has Sentry's own migration helpers build the rest.
    public var needsWorkflowEngine: Bool { family == .v26 }

    /// The workflow-engine tables `finish`'s helpers write and `verify` reads (Sentry's
    /// `workflow_engine` app, squash 0001_squashed_0114, 2026-06-16).
    public static let workflowEngineTables = [
        "workflow_engine_workflow", "workflow_engine_detector", "workflow_engine_alertruleworkflow",
        "workflow_engine_alertruledetector", "workflow_engine_datasource", "workflow_engine_datasourcedetector",
    ]

    /// Workflow-engine tables this target lacks.
    public var missingWorkflowEngineTables: [String] { Self.workflowEngineTables.filter { !catalog.hasTable($0) } }

    /// Why issue alert rules cannot be carried to this target, or nil when they can. 23.x to 25.x
    /// evaluate them from `sentry_rule` (`post_process_group` → `RuleProcessor`); 26.x only through
    /// the workflow engine, whose rows `finish` builds, so a 26.x target without its tables is refused.
    public var alertRulesRefusal: String? {
        guard catalog.hasTable("sentry_rule"), catalog.hasTable("sentry_ruleactivity") else {
            return "the target has no sentry_rule/sentry_ruleactivity tables"
        }
        return workflowEngineRefusal
    }

    /// A 26.x target evaluates alerts only through the workflow engine: without its tables nothing
    /// `finish` could build would make a rule fire.
    private var workflowEngineRefusal: String? {
        let missing = missingWorkflowEngineTables
        guard needsWorkflowEngine, !missing.isEmpty else { return nil }
        return "the target (\(summary)) evaluates alerts only through Sentry's workflow engine, but its database "
            + "has no \(missing.joined(separator: ", ")) table(s) (run `sentry upgrade` on the target first); "
            + "alerts written without workflow-engine rows never fire (getsentry/self-hosted#4452)"
    }
}

extension TargetProfile {
    /// Why metric alerts cannot be carried to this target, or nil when they can. 23.x to 25.x evaluate
    /// them from `sentry_alertrule` through Snuba subscriptions (`SubscriptionProcessor`); on 26.x
    /// `handle_trigger_action` does nothing and only the workflow engine notifies (reference/alerts.md
    /// §2.7), through the detector `finish` has Sentry build.
    public var metricAlertsRefusal: String? {
        let tables = [
            "sentry_snubaquery", "sentry_snubaqueryeventtype", "sentry_querysubscription", "sentry_alertrule",
            "sentry_alertruletrigger", "sentry_alertruletriggeraction", "sentry_alertruleactivity",
        ]
        let missing = tables.filter { !catalog.hasTable($0) }
        return missing.isEmpty ? workflowEngineRefusal : "the target has no \(missing.joined(separator: ", ")) table"
    }

    /// Metric alert action types the target's Sentry registers: Opsgenie (6) and Discord (7) came
    /// with 24.x (`ActionService`; 23.7.1 `incidents/models.py` has 0-5).
    public var metricAlertActionTypes: Set<String> {
        var types: Set<String> = ["email", "pagerduty", "slack", "msteams", "sentry_app"]
        if family != .v23 { types.formUnion(["opsgenie", "discord"]) }
        return types
    }
}
