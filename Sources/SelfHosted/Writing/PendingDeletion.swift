import SentryModel

/// `--prune` of a project or team, done as Sentry's own delete endpoints do it, so that Sentry's
/// deletion task finishes the job and the slug is free again at once:
///
/// - project (`api/endpoints/project_details.py` `ProjectDetailsEndpoint.delete`, 23.7.1 and 2026
///   alike): status `PENDING_DELETION` (2) where it is still `ACTIVE` (0); a scheduled-deletion row
///   due now (`RegionScheduledDeletion.schedule(project, days=0)`); then
///   `rename_on_pending_deletion` (`db/mixin.py` `PendingDeletionMixin`, `Project`'s
///   `_rename_fields_on_pending_delete = {"slug"}`): the slug becomes `uuid4().hex` and the
///   organization option `pending-delete:Project:<id>` keeps `{"id", "model", "slug"}`.
/// - team (`api/endpoints/team_details.py` `TeamDetailsEndpoint.delete`): slug
///   `f"{slug}-{uuid4().hex}"[0:50]` and status `PENDING_DELETION` (1) in one update, then the same
///   scheduled-deletion row. From 23.10 the team's save fans out to `sentry_teamreplica`.
///
/// The row goes to `sentry_regionscheduleddeletion` (`models/scheduledeletion.py`
/// `RegionScheduledDeletion`; since 2026 `CellScheduledDeletion`, same table), which
/// `tasks/deletion/scheduled.py` `run_scheduled_deletions` reads in a monolith. Columns as
/// `BaseScheduledDeletion` fills them: a fresh `guid`, `app_label` `sentry`, the model's class name,
/// `date_added` = `date_scheduled` = now, no actor, `data` `{}`, not in progress; an existing row for
/// the same object is updated (`create_or_update` on `(app_label, model_name, object_id)`).
struct PendingDeletion {
    let session: WriteSession

    static let scheduledDeletionTable = "sentry_regionscheduleddeletion"

    func deleteProjects(_ projects: [(id: Int64, slug: String)], orgId: Int64) throws {
        guard !projects.isEmpty else { return }
        let renamed = projects.map { ($0.id, $0.slug, Randomness.hex(bytes: 16)) }
        try session.update(
            "sentry_project", key: "id", renamed.map { ["id": $0.0, "status": 2, "slug": $0.2] })
        try schedule(model: "Project", ids: projects.map(\.id))
        try session.insert(
            "sentry_organizationoptions",
            renamed.map { id, slug, _ in
                [
                    "organization_id": orgId, "key": "pending-delete:Project:\(id)",
                    "value": "{\"id\":\(id),\"model\":\"Project\",\"slug\":\(JSONString.quote(slug))}",
                ]
            }, suffix: "ON CONFLICT (organization_id, key) DO UPDATE SET value = EXCLUDED.value")
    }

    func deleteTeams(_ teams: [(id: Int64, slug: String)]) throws {
        guard !teams.isEmpty else { return }
        let renamed: [Record] = teams.map {
            ["id": $0.id, "status": 1, "slug": String("\($0.slug)-\(Randomness.hex(bytes: 16))".prefix(50))]
        }
        try session.update("sentry_team", key: "id", renamed)
        if session.has("sentry_teamreplica") {
            try session.update(
                "sentry_teamreplica", key: "team_id",
                renamed.map { ["team_id": $0["id"]!, "status": 1, "slug": $0["slug"]!] })
        }
        try schedule(model: "Team", ids: teams.map(\.id))
    }

    func schedule(model: String, ids: [Int64]) throws {
        guard session.has(Self.scheduledDeletionTable) else { return }
        try session.insert(
            Self.scheduledDeletionTable,
            ids.map {
                [
                    "guid": Randomness.hex(bytes: 16), "app_label": "sentry", "model_name": model, "object_id": $0,
                    "date_added": session.timestamp, "date_scheduled": session.timestamp, "actor_id": SQLNull(),
                    "data": "{}",
                    "in_progress": false,
                ]
            },
            suffix: """
                ON CONFLICT (app_label, model_name, object_id) DO UPDATE
                SET date_scheduled = EXCLUDED.date_scheduled, data = EXCLUDED.data, actor_id = EXCLUDED.actor_id
                """)
    }
}
