/// What the alert readers (issue alert rules and metric alerts) both look up.
enum AlertReading {
    /// The e-mail (lowercased) of each user who is a member of organization `orgId`, by user id: alerts
    /// name their creator and their member owners and targets by user id.
    static func memberUserEmails(orgId: Int64, connection: PostgresConnection, for alerts: String) throws -> [Int64:
        String]
    {
        var users: [Int64: String] = [:]
        for row in try connection.query(
            """
            SELECT u.id, lower(u.email) AS email FROM auth_user u
            JOIN sentry_organizationmember m ON m.user_id = u.id WHERE m.organization_id = \(orgId)
            """, activity: "reading member users for \(alerts)")
        {
            users[try row.int64("id")] = try row.string("email")
        }
        return users
    }
}
