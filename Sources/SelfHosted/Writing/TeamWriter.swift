import SentryModel

/// Teams, with what Sentry's save hooks add: a `sentry_actor` per team on 23.x (inserted after the
/// team, then linked, as the ORM does) and a `sentry_teamreplica` row from 23.10 on.
struct TeamWriter {
    let session: WriteSession

    func write(_ changes: [EntityChange], desired: [Team], index: OrganizationIndex) throws {
        let orgId = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.slug)
        try create(split.creates.map(\.entity), orgId: orgId)

        let updates = try split.updates.map { _, team -> (Int64, Team) in
            guard let id = index.teams[team.slug] else { throw ApplyOrderError(message: staleTeam(team.slug)) }
            return (id, team)
        }
        try session.update("sentry_team", key: "id", updates.map { ["id": $0.0, "name": $0.1.name] })
        if session.has("sentry_teamreplica") {
            try session.update(
                "sentry_teamreplica", key: "team_id", updates.map { ["team_id": $0.0, "name": $0.1.name] })
        }

        // Deleting a team is what Sentry's own endpoint does first: mark it pending deletion.
        let deleted = split.deletes.compactMap { index.teams[$0] }
        try session.update("sentry_team", key: "id", deleted.map { ["id": $0, "status": 1] })
        if session.has("sentry_teamreplica") {
            try session.update("sentry_teamreplica", key: "team_id", deleted.map { ["team_id": $0, "status": 1] })
        }
    }

    private func create(_ teams: [Team], orgId: Int64) throws {
        guard !teams.isEmpty else { return }
        let inserted = try session.insert(
            "sentry_team",
            teams.map {
                [
                    "organization_id": orgId, "slug": $0.slug, "name": $0.name, "status": 0, "idp_provisioned": false,
                    "date_added": session.now,
                ]
            },
            suffix: "RETURNING id, slug, name")
        if session.profile.hasTeamActors {
            let actors = try session.insert(
                "sentry_actor", try inserted.map { ["type": 0, "team_id": try $0.int64("id"), "user_id": SQLNull()] },
                suffix: "RETURNING id, team_id")
            try session.update(
                "sentry_team", key: "id",
                try actors.map { ["id": try $0.int64("team_id"), "actor_id": try $0.int64("id")] })
        }
        if session.has("sentry_teamreplica") {
            try session.insert(
                "sentry_teamreplica",
                try inserted.map {
                    [
                        "team_id": try $0.int64("id"), "organization_id": orgId, "slug": try $0.string("slug"),
                        "name": try $0.string("name"), "status": 0, "date_added": session.now, "org_role": SQLNull(),
                    ]
                })
        }
    }

    private func staleTeam(_ slug: String) -> String {
        "team '\(slug)' is not on the target any more, but the plan updates it; the plan is stale. Run plan again."
    }
}
