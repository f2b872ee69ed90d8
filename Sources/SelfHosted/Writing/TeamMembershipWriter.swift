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
        // Plain values until copied: a record each for 50,000 memberships was tens of megabytes.
        var inserts: [(memberId: Int64, teamId: Int64, role: String?)] = []
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
                inserts.append((memberId, teamId, role))
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
        let ids = try session.copyReturningIds("sentry_organizationmember_teams", count: inserts.count) {
            let insert = inserts[$0]
            return [
                "organizationmember_id": insert.memberId, "team_id": insert.teamId, "is_active": true,
                "role": Self.value(insert.role),
            ]
        }
        if session.has("sentry_organizationmember_teamsreplica") {
            try session.copy("sentry_organizationmember_teamsreplica", count: inserts.count) {
                let insert = inserts[$0]
                return [
                    "team_id": insert.teamId, "organization_id": orgId, "organizationmember_id": insert.memberId,
                    "organizationmemberteam_id": ids[$0], "is_active": true, "role": Self.value(insert.role),
                    "date_added": session.timestamp,
                ]
            }
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
