import SentryModel

/// Members read on a second connection that shares the first one's transaction snapshot, beside the
/// other kinds on the first: the members query returns the most rows, and reading it alone after
/// the others kept the database and our parsing waiting on each other (`docs/performance.md`).
/// Both connections see the same moment, as one REPEATABLE READ transaction would (PostgreSQL's
/// `pg_export_snapshot` and `SET TRANSACTION SNAPSHOT`, "Snapshot Synchronization Functions").
struct MembersAside {
    var members: [Member]
    /// What reading them warned of, for the caller to report in its own order.
    var warnings: [String]

    /// The snapshot of `connection`'s transaction, which must be REPEATABLE READ and read only, or
    /// nil where it cannot be shared: a standby cannot export one (and an error would end the transaction).
    static func exportSnapshot(of connection: PostgresConnection) throws -> String? {
        let row = try connection.query(
            "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_export_snapshot() END AS snapshot",
            activity: "sharing the read's snapshot"
        ).first
        return try row?.optionalString("snapshot")
    }

    /// Members on a new connection to `connection`'s target, in a transaction on snapshot `snapshot`;
    /// nil when that connection or snapshot cannot be had (too many connections, a pooler that does
    /// not allow it), and then the caller reads them on its own connection. A failure while reading
    /// is thrown, as on the first connection.
    static func read(
        sharing snapshot: String, of connection: PostgresConnection, profile: TargetProfile, orgId: Int64,
        teamSlugs: [Int64: String]
    ) throws -> MembersAside? {
        // An identifier as PostgreSQL makes them (hex digits and dashes): it is spliced into the
        // statement, which takes no parameter.
        guard !snapshot.isEmpty, snapshot.utf8.allSatisfy({ $0 == 0x2D || $0.isHexDigit }),
            let second = try? PostgresConnection(connection.target, limits: connection.limits)
        else { return nil }
        do {
            try second.executeScript(
                "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '\(snapshot)'",
                activity: "sharing the read's snapshot")
        } catch {
            return nil
        }
        defer { try? second.executeScript("ROLLBACK", activity: "ending the members read") }
        var warnings: [String] = []
        let members = try OrganizationReader(connection: second, profile: profile).readMembers(
            orgId: orgId, teamSlugs: teamSlugs
        ) { warnings.append($0) }
        return MembersAside(members: members, warnings: warnings)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x46).contains(self) }
}
