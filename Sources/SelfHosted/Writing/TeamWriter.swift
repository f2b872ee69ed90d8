import Planning
import SentryModel

/// Teams, with what Sentry's save hooks add: a `sentry_actor` per team on 23.x (inserted after the
/// team, then linked, as the ORM does) and a `sentry_teamreplica` row from 23.10 on.
struct TeamWriter {
    let session: WriteSession

    func write(_ changes: ArraySlice<EntityChange>, desired: [Team], index: OrganizationIndex) throws {
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

        // As Sentry's own delete does: pending deletion, the slug freed, a deletion scheduled.
        try PendingDeletion(session: session).deleteTeams(
            split.deletes.compactMap { slug in index.teams[slug].map { (id: $0, slug: slug) } })
    }

    private func create(_ teams: [Team], orgId: Int64) throws {
        guard !teams.isEmpty else { return }
        let ids = try session.copyReturningIds(
            "sentry_team",
            teams.map {
                [
                    "organization_id": orgId, "slug": $0.slug, "name": $0.name, "status": 0, "idp_provisioned": false,
                    "date_added": session.timestamp,
                ]
            })
        if session.profile.hasTeamActors {
            // As the ORM does: the team first, then its actor, then the link.
            let actors = try session.copyReturningIds(
                "sentry_actor", ids.map { ["type": 0, "team_id": $0, "user_id": SQLNull()] })
            try session.update("sentry_team", key: "id", zip(ids, actors).map { ["id": $0, "actor_id": $1] })
        }
        if session.has("sentry_teamreplica") {
            try session.copy(
                "sentry_teamreplica",
                zip(ids, teams).map { id, team in
                    [
                        "team_id": id, "organization_id": orgId, "slug": team.slug, "name": team.name, "status": 0,
                        "date_added": session.timestamp, "org_role": SQLNull(),
                    ]
                })
        }
    }

    private func staleTeam(_ slug: String) -> String {
        "team '\(slug)' is not on the target any more, but the plan updates it; the plan is stale. Run plan again."
    }
}
