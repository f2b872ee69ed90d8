import SentryModel

/// Brings members' team memberships to the desired sets, with their replicas (23.10+).
struct TeamMembershipWriter {
    let session: WriteSession
    let orgId: Int64
    /// Team slug → id.
    let teams: [String: Int64]

    private struct Row {
        var id: Int64
        var teamId: Int64
        var role: String?
        var isActive: Bool
    }

    /// `desired`: member id → the teams it should be on (members not listed are left alone).
    func sync(_ desired: [Int64: [TeamMembership]]) throws {
        guard !desired.isEmpty else { return }
        let current = try currentRows(of: Array(desired.keys))
        var inserts: [Record] = []
        var updates: [Record] = []
        var removed: [Int64] = []
        for (memberId, memberships) in desired {
            var wanted: [Int64: String?] = [:]
            for membership in memberships {
                guard let teamId = try session.linkableTeam(membership.slug, in: teams) else { continue }
                wanted[teamId] = membership.role
            }
            let rows = current[memberId] ?? []
            for row in rows {
                guard let role = wanted[row.teamId] else {
                    removed.append(row.id)
                    continue
                }
                if row.role != role || !row.isActive {
                    updates.append(["id": row.id, "role": Self.value(role), "is_active": true])
                }
            }
            let existing = Set(rows.map(\.teamId))
            for (teamId, role) in wanted where !existing.contains(teamId) {
                inserts.append([
                    "organizationmember_id": memberId, "team_id": teamId, "is_active": true, "role": Self.value(role),
                ])
            }
        }
        try remove(removed)
        try session.update("sentry_organizationmember_teams", key: "id", updates)
        if session.has("sentry_organizationmember_teamsreplica") {
            try session.update(
                "sentry_organizationmember_teamsreplica", key: "organizationmemberteam_id",
                updates.map { ["organizationmemberteam_id": $0["id"]!, "role": $0["role"]!, "is_active": true] })
        }
        guard !inserts.isEmpty else { return }
        let ids = try session.copyReturningIds("sentry_organizationmember_teams", inserts)
        if session.has("sentry_organizationmember_teamsreplica") {
            try session.copy(
                "sentry_organizationmember_teamsreplica",
                zip(ids, inserts).map { id, membership in
                    [
                        "team_id": membership["team_id"]!, "organization_id": orgId,
                        "organizationmember_id": membership["organizationmember_id"]!, "organizationmemberteam_id": id,
                        "is_active": true, "role": membership["role"]!, "date_added": session.now,
                    ]
                })
        }
    }

    /// Every membership of these members (before the members themselves are deleted).
    func removeAll(of memberIds: [Int64]) throws {
        guard !memberIds.isEmpty else { return }
        try remove(try currentRows(of: memberIds).values.flatMap { $0.map(\.id) })
    }

    private func remove(_ ids: [Int64]) throws {
        try session.delete("sentry_organizationmember_teamsreplica", where: "organizationmemberteam_id", in: ids)
        try session.delete("sentry_organizationmember_teams", where: "id", in: ids)
    }

    private func currentRows(of memberIds: [Int64]) throws -> [Int64: [Row]] {
        var rows: [Int64: [Row]] = [:]
        for row in try session.query(
            """
            SELECT id, organizationmember_id, team_id, role, is_active FROM sentry_organizationmember_teams
            WHERE organizationmember_id = ANY(\(memberIds))
            """, activity: "members: reading team memberships")
        {
            rows[try row.int64("organizationmember_id"), default: []].append(
                Row(
                    id: try row.int64("id"), teamId: try row.int64("team_id"), role: try row.optionalString("role"),
                    isActive: try row.bool("is_active")))
        }
        return rows
    }

    private static func value(_ text: String?) -> any PostgresEncodable {
        text.map { $0 as any PostgresEncodable } ?? SQLNull()
    }
}
