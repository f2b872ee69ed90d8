import SentryModel

extension TargetDatabase {
    /// Checks what a diff of snapshots cannot see: DSNs resolve to the right active key, the
    /// hybrid-cloud mapping and replica tables agree with their primary rows, no membership points at
    /// a missing row and every owner the ownership rules name resolves. `desired` names the keys that
    /// must resolve. `current`: the organization as `readOrganization` read it, and `owners`: the
    /// owner check on it, when the caller has them already (verify); otherwise they are read and made
    /// here. `beside`: a second connection for half of the queries.
    public func checkInvariants(
        organization slug: String, desired: Snapshot, current: Snapshot? = nil, owners: OwnerCheck? = nil,
        beside: TargetDatabase? = nil
    ) throws -> [InvariantViolation] {
        guard
            let orgId = try connection.query(
                "SELECT id FROM sentry_organization WHERE slug = \(slug)", activity: "finding the organization"
            ).first.map({ try $0.int64("id") })
        else {
            return [InvariantViolation(check: "organization", entity: "organization/\(slug)", message: "is missing")]
        }
        let current =
            try current ?? OrganizationReader(connection: connection, profile: profile).read(slug: slug) { _ in }
            ?? Snapshot(organization: desired.organization)
        // Two halves of about equal work for PostgreSQL (each joins about a row per member and per
        // team membership); the second on `beside`, when given, at the same time.
        let keysAndMappings = {
            try self.keyViolations(orgId: orgId, desired: desired, held: current) + self.mappingViolations(orgId: orgId)
        }
        let replicasAndOrphans = { (database: TargetDatabase) in
            try database.replicaViolations(orgId: orgId) + database.orphanViolations(orgId: orgId)
        }
        let (first, second) =
            try beside.map { beside in try concurrently(keysAndMappings, { try replicasAndOrphans(beside) }) }
            ?? (keysAndMappings(), replicasAndOrphans(self))
        var violations = first + second
        violations += (owners ?? OwnerCheck(desired: desired, target: current)).violations
        violations += try ruleViolations(orgId: orgId)
        violations += try metricAlertViolations(orgId: orgId)
        violations += try workflowEngineViolations(orgId: orgId, desired: desired)
        return violations
    }

    /// Every desired key must exist, be active when desired active, and belong to the desired project.
    /// The organization's own keys are known from `held` (the same rows, as read); only the others
    /// are looked up, so verifying an applied organization sends no query for 10,000 keys.
    private func keyViolations(orgId: Int64, desired: Snapshot, held: Snapshot) throws -> [InvariantViolation] {
        var found: [String: (project: String?, active: Bool, orgId: Int64?, projectId: Int64)] = [:]
        let projectIds = Dictionary(
            held.projects.compactMap { project in project.hostedId.flatMap(Int64.init).map { (project.slug, $0) } },
            uniquingKeysWith: { first, _ in first })
        for key in held.keys {
            guard let projectId = projectIds[key.project] else { continue }
            found[key.publicKey] = (key.project, key.active, orgId, projectId)
        }
        let publicKeys = desired.keys.map(\.publicKey).filter { found[$0] == nil }
        for row in try publicKeys.isEmpty
            ? .empty
            : connection.query(
                """
                SELECT k.public_key, k.status, k.project_id, p.slug, p.organization_id
                FROM sentry_projectkey k LEFT JOIN sentry_project p ON p.id = k.project_id
                WHERE k.public_key = ANY(\(publicKeys))
                """,
                activity: "resolving public keys")
        {
            found[try row.string("public_key")] = (
                try row.optionalString("slug"), try row.int("status") == 0, try row.optionalInt64("organization_id"),
                try row.int64("project_id")
            )
        }
        var violations: [InvariantViolation] = []
        for key in desired.keys {
            let entity = "keys/\(key.publicKey)"
            guard let actual = found[key.publicKey] else {
                violations.append(
                    InvariantViolation(
                        check: "key-resolves", entity: entity,
                        message: "DSNs with this public key (project '\(key.project)') resolve to no key"))
                continue
            }
            if actual.orgId != orgId || actual.project != key.project {
                violations.append(
                    InvariantViolation(
                        check: "key-resolves", entity: entity,
                        message: "resolves to project '\(actual.project ?? "?")', not '\(key.project)'"))
            }
            // A DSN names the project id too: the hosted one must have been kept.
            if let hosted = key.hostedProjectId, hosted != String(actual.projectId) {
                violations.append(
                    InvariantViolation(
                        check: "key-resolves", entity: entity,
                        message: "its DSNs name project id \(hosted), but project '\(key.project)' has id"
                            + " \(actual.projectId): existing DSNs do not reach it"))
            }
            if key.active, !actual.active {
                violations.append(
                    InvariantViolation(
                        check: "key-resolves", entity: entity,
                        message: "is inactive: events sent with this DSN are dropped"))
            }
        }
        if profile.hasProjectKeyMapping {
            for row in try connection.query(
                """
                SELECT k.public_key FROM sentry_projectkey k JOIN sentry_project p ON p.id = k.project_id
                LEFT JOIN sentry_projectkeymapping m ON m.project_key_id = k.id AND m.public_key = k.public_key
                WHERE p.organization_id = \(orgId) AND m.id IS NULL
                """,
                activity: "checking key mappings")
            {
                violations.append(
                    InvariantViolation(
                        check: "key-mapping", entity: "keys/\(try row.string("public_key"))",
                        message: "has no sentry_projectkeymapping row: Relay cannot route its events"))
            }
        }
        return violations
    }

    /// The control-silo copies Sentry reads in monolith mode must match the region rows.
    private func mappingViolations(orgId: Int64) throws -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        let org = try connection.query(
            """
            SELECT o.slug, o.name, m.slug AS mapped_slug, m.name AS mapped_name
            FROM sentry_organization o
            LEFT JOIN sentry_organizationmapping m ON m.organization_id = o.id
            WHERE o.id = \(orgId)
            """,
            activity: "checking the organization mapping")
        if let row = org.first {
            let slug = try row.string("slug")
            if let mappedSlug = try row.optionalString("mapped_slug") {
                let mappedName = try row.optionalString("mapped_name")
                let name = try row.string("name")
                if mappedSlug != slug || mappedName != name {
                    violations.append(
                        InvariantViolation(
                            check: "org-mapping", entity: "organization/\(slug)",
                            message: "sentry_organizationmapping says '\(mappedSlug)', the organization '\(slug)'"))
                }
            } else {
                violations.append(
                    InvariantViolation(
                        check: "org-mapping", entity: "organization/\(slug)",
                        message: "has no sentry_organizationmapping row: users' organization lists leave it out"))
            }
            if profile.hasSlugReservations {
                let reserved = try connection.query(
                    """
                    SELECT slug FROM sentry_organizationslugreservation
                    WHERE organization_id = \(orgId) AND reservation_type = 0
                    """,
                    activity: "checking the slug reservation")
                if try reserved.first?.string("slug") != slug {
                    violations.append(
                        InvariantViolation(
                            check: "slug-reservation", entity: "organization/\(slug)",
                            message: "has no primary slug reservation for '\(slug)'"))
                }
            }
        }

        // An anti-join of the few columns compared, and the users looked up only for the members it finds
        // (`OFFSET 0` keeps the two apart): 25-33 ms against 39-59 ms for the outer joins with the users
        // in them, on the large organization with a user per member (docs/performance.md, twelfth session).
        for row in try connection.query(
            """
            SELECT m.id, coalesce(u.email, m.email) AS email
            FROM (
                SELECT m.id, m.email, m.user_id FROM sentry_organizationmember m
                WHERE m.organization_id = \(orgId) AND NOT EXISTS (
                    SELECT FROM sentry_organizationmembermapping mm
                    WHERE mm.organizationmember_id = m.id AND mm.organization_id = m.organization_id
                      AND mm.role = m.role AND mm.user_id IS NOT DISTINCT FROM m.user_id)
                OFFSET 0
            ) AS m LEFT JOIN auth_user u ON u.id = m.user_id
            """,
            activity: "checking member mappings")
        {
            violations.append(
                InvariantViolation(
                    check: "member-mapping", entity: "members/\((try row.optionalString("email") ?? "").lowercased())",
                    message: "has no matching sentry_organizationmembermapping row (role and user must agree)"))
        }
        return violations
    }

    /// The replicas of teams and team memberships must agree with their primary rows.
    private func replicaViolations(orgId: Int64) throws -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        guard profile.hasTeamReplicas else { return violations }
        for row in try connection.query(
            """
            SELECT t.slug FROM sentry_team t
            LEFT JOIN sentry_teamreplica r ON r.team_id = t.id AND r.slug = t.slug AND r.name = t.name
            WHERE t.organization_id = \(orgId) AND t.status = 0 AND r.id IS NULL
            """,
            activity: "checking team replicas")
        {
            violations.append(
                InvariantViolation(
                    check: "team-replica", entity: "teams/\(try row.string("slug"))",
                    message: "has no matching sentry_teamreplica row"))
        }
        for row in try connection.query(
            """
            SELECT t.slug, omt.organizationmember_id FROM sentry_organizationmember_teams omt
            JOIN sentry_team t ON t.id = omt.team_id
            LEFT JOIN sentry_organizationmember_teamsreplica r
              ON r.organizationmemberteam_id = omt.id AND r.is_active = omt.is_active
             AND r.role IS NOT DISTINCT FROM omt.role
            WHERE t.organization_id = \(orgId) AND r.id IS NULL
            """,
            activity: "checking team membership replicas")
        {
            violations.append(
                InvariantViolation(
                    check: "member-team-replica", entity: "teams/\(try row.string("slug"))",
                    message: "membership of member \(try row.int64("organizationmember_id")) has no matching"
                        + " sentry_organizationmember_teamsreplica row"))
        }
        return violations
    }

    /// Rows that point at nothing: Sentry's own code fails on them. A membership is the organization's
    /// when the member or the team it still has is; each half starts from the organization's own rows
    /// (one query over the whole memberships table with both outer joins took 56 ms against 36 ms on
    /// the large organization, docs/performance.md, eleventh session).
    private func orphanViolations(orgId: Int64) throws -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for row in try connection.query(
            """
            SELECT omt.id, omt.team_id, true AS missing_team
            FROM sentry_organizationmember m
            JOIN sentry_organizationmember_teams omt ON omt.organizationmember_id = m.id
            WHERE m.organization_id = \(orgId) AND NOT EXISTS (SELECT FROM sentry_team t WHERE t.id = omt.team_id)
            UNION ALL
            SELECT omt.id, omt.team_id, false
            FROM sentry_team t JOIN sentry_organizationmember_teams omt ON omt.team_id = t.id
            WHERE t.organization_id = \(orgId)
              AND NOT EXISTS (SELECT FROM sentry_organizationmember m WHERE m.id = omt.organizationmember_id)
            """,
            activity: "checking team memberships for missing rows")
        {
            let what = try row.bool("missing_team") ? "team \(try row.int64("team_id"))" : "member"
            violations.append(
                InvariantViolation(
                    check: "membership-orphan", entity: "memberships/\(try row.int64("id"))",
                    message: "team membership points at a missing \(what)"))
        }
        for row in try connection.query(
            """
            SELECT m.id, m.user_id FROM sentry_organizationmember m LEFT JOIN auth_user u ON u.id = m.user_id
            WHERE m.organization_id = \(orgId) AND m.user_id IS NOT NULL AND u.id IS NULL
            """,
            activity: "checking members for missing users")
        {
            violations.append(
                InvariantViolation(
                    check: "member-orphan", entity: "members/#\(try row.int64("id"))",
                    message: "points at user \(try row.int64("user_id")), which does not exist"))
        }
        return violations
    }
}
