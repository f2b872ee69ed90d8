import Planning
import SentryModel

extension TargetDatabase {
    /// What the target says about the users, project ids and keys `desired` wants (see `TargetFacts`),
    /// in one read-only transaction, one statement per question. Secret keys are sent as parameters
    /// only to find collisions; no secret is read back.
    /// `current`: the organization as the target holds it (`readOrganization`), when already read:
    /// keys it holds as desired need no look-up (see `readFacts(for:current:profile:connection:)`).
    public func readFacts(for desired: Snapshot, current: Snapshot? = nil) throws -> TargetFacts {
        try connection.withTransaction(activity: "reading target facts") { connection in
            try connection.execute(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", activity: "starting a consistent read")
            return try Self.readFacts(for: desired, current: current, profile: profile, connection: connection)
        }
    }

    /// The user each of `emails` (lower-cased) finds: several users may share an e-mail in different
    /// cases, and the oldest one is the one Sentry finds. When `auth_user` holds fewer rows than there
    /// are e-mails to look up (a fresh install holds its admins, and after an initial apply the
    /// organization's 45,000 invites are all still asked about), the table is read whole and the
    /// e-mails are matched here: sending the list cost 40 ms of PostgreSQL's time and 20 ms of ours on
    /// the large organization (docs/performance.md, eleventh session). Counting stops at the list's
    /// length, so a target with many users pays a scan of that many rows at most before the lookup.
    static func users(withEmails emails: [String], connection: PostgresConnection) throws -> [String: Int64] {
        guard !emails.isEmpty else { return [:] }
        let fewer =
            try connection.query(
                "SELECT count(*) < \(emails.count) AS fewer FROM (SELECT FROM auth_user LIMIT \(emails.count)) AS bounded",
                activity: "counting users"
            ).first?.bool("fewer") ?? false
        var users: [String: Int64] = [:]
        if fewer {
            // Matched on the smaller side: the table's users by e-mail, then each e-mail looked up in them.
            var everyone: [String: Int64] = [:]
            for row in try connection.query(
                "SELECT lower(email) AS email, min(id) AS id FROM auth_user GROUP BY lower(email)",
                activity: "reading users")
            {
                guard let email = try row.optionalString("email") else { continue }
                everyone[email] = try row.int64("id")
            }
            guard !everyone.isEmpty else { return [:] }
            for email in emails { users[email] = everyone[email] }
            return users
        }
        for row in try connection.query(
            """
            SELECT lower(email) AS email, min(id) AS id FROM auth_user
            WHERE lower(email) = ANY(\(emails)) GROUP BY lower(email)
            """,
            activity: "looking up users by e-mail")
        {
            users[try row.string("email")] = try row.int64("id")
        }
        return users
    }

    /// `readFacts(for:current:)` inside a transaction the caller holds (apply's locked check).
    ///
    /// Keys are looked up only where the answer can matter: a public key is asked for only when the
    /// target's organization does not hold that key already (`DSNOutcomes` consults the holder only
    /// then), and a secret key only when the organization's key does not hold that very secret (the
    /// column is unique, so its holder would be the key itself, which `DSNOutcomes` ignores). A
    /// re-plan of an applied organization then sends no key query at all: three queries over arrays
    /// of 10,000 keys were most of the facts' time on the large organization.
    static func readFacts(
        for desired: Snapshot, current: Snapshot? = nil, profile: TargetProfile, connection: PostgresConnection
    ) throws -> TargetFacts {
        do {
            var facts = TargetFacts(
                organizationSettingsNotHeld: profile.organizationSettingsNotHeld,
                projectSettingsNotHeld: profile.projectSettingsNotHeld)
            facts.organizations = try connection.query(
                "SELECT slug FROM sentry_organization WHERE status = 0 ORDER BY slug",
                activity: "listing organizations"
            ).map { try $0.string("slug") }
            // The statement Django sends for Organization.get_default() (filter(status=ACTIVE)[0], no
            // ordering on the model): whichever row PostgreSQL returns first is the one Sentry serves.
            if let row = try connection.query(
                "SELECT id, slug FROM sentry_organization WHERE status = 0 LIMIT 1",
                activity: "finding the organization single-organization mode serves"
            ).first {
                facts.defaultOrganization = TargetFacts.OrganizationRow(
                    slug: try row.string("slug"), id: try row.int64("id"))
            }
            // Only members whose user the planner may ask about (`IdentityOutcomes`): not a desired
            // pending invite (it stays an invite whoever has the e-mail), and not a member the target
            // holds with a user under the very e-mail the planner matches on. An applied organization
            // sends none.
            let withUser = Set((current?.members ?? []).lazy.filter { !$0.pending }.map(\.email))
            // Straight to the e-mails: filtering the members first copied 45,000 of them.
            let emails = desired.members.compactMap { member in
                !member.pending && !withUser.contains(member.email) ? member.email.caseFolded : nil
            }
            facts.usersByEmail = try users(withEmails: emails, connection: connection)

            // Who holds a hosted project id matters only for a project the target's organization does not
            // have yet (`DSNOutcomes.projectId`).
            let heldProjects = Set((current?.projects ?? []).map(\.slug))
            let projectIds = desired.projects.compactMap {
                heldProjects.contains($0.slug) ? nil : $0.hostedId.flatMap { Int64($0) }
            }
            for row in try projectIds.isEmpty
                ? .empty
                : connection.query(
                    """
                    SELECT p.id, p.slug, o.slug AS organization FROM sentry_project p
                    JOIN sentry_organization o ON o.id = p.organization_id WHERE p.id = ANY(\(projectIds))
                    """,
                    activity: "looking up project ids")
            {
                facts.projectIdHolders[String(try row.int64("id"))] = TargetFacts.Holder(
                    organization: try row.string("organization"), project: try row.string("slug"))
            }

            let held = Set((current?.keys ?? []).map(\.publicKey))
            let publicKeys = desired.keys.map(\.publicKey).filter { !held.contains($0) }
            for row in try publicKeys.isEmpty
                ? .empty
                : connection.query(
                    """
                    SELECT k.public_key, p.slug, o.slug AS organization FROM sentry_projectkey k
                    JOIN sentry_project p ON p.id = k.project_id JOIN sentry_organization o ON o.id = p.organization_id
                    WHERE k.public_key = ANY(\(publicKeys))
                    """,
                    activity: "looking up public keys")
            {
                let publicKey = try row.string("public_key")
                facts.publicKeyHolders[publicKey] = TargetFacts.Holder(
                    organization: try row.string("organization"), project: try row.string("slug"),
                    publicKey: publicKey)
            }

            // 26.x: `sentry_projectkeymapping.public_key` is UNIQUE on its own (migration 1041), and a
            // mapping can outlive its key (the control silo drops it when the key's outbox drains). A
            // public key held there is as taken as one in `sentry_projectkey`: found here, so the plan
            // says so, instead of a COPY failing on the mapping during apply.
            if profile.hasProjectKeyMapping, !publicKeys.isEmpty {
                for row in try connection.query(
                    """
                    SELECT m.public_key, m.project_key_id, p.slug, o.slug AS organization
                    FROM sentry_projectkeymapping m
                    LEFT JOIN sentry_projectkey k ON k.id = m.project_key_id
                    LEFT JOIN sentry_project p ON p.id = k.project_id
                    LEFT JOIN sentry_organization o ON o.id = p.organization_id
                    WHERE m.public_key = ANY(\(publicKeys))
                    """,
                    activity: "looking up public keys in sentry_projectkeymapping")
                {
                    let publicKey = try row.string("public_key")
                    guard facts.publicKeyHolders[publicKey] == nil else { continue }
                    let keyId = try row.int64("project_key_id")
                    facts.publicKeyHolders[publicKey] = TargetFacts.Holder(
                        organization: try row.optionalString("organization") ?? "(no organization)",
                        project: try row.optionalString("slug") ?? "(key mapping of project key \(keyId), no such key)",
                        publicKey: publicKey)
                }
            }

            let heldSecrets = Dictionary(
                (current?.secrets ?? []).compactMap { secret in secret.secretKey.map { (secret.publicKey, $0) } },
                uniquingKeysWith: { first, _ in first })
            let secrets = desired.secrets.compactMap { secret in
                secret.secretKey.flatMap { heldSecrets[secret.publicKey] == $0 ? nil : (secret.publicKey, $0) }
            }
            for row in try secrets.isEmpty
                ? .empty
                : connection.query(
                    """
                    SELECT d.public_key AS wanted, k.public_key, p.slug, o.slug AS organization
                    FROM unnest(\(secrets.map(\.0))::text[], \(secrets.map(\.1))::text[])
                         AS d(public_key, secret_key)
                    JOIN sentry_projectkey k ON k.secret_key = d.secret_key
                    JOIN sentry_project p ON p.id = k.project_id JOIN sentry_organization o ON o.id = p.organization_id
                    """,
                    activity: "looking up secret-key collisions")
            {
                facts.secretKeyHolders[try row.string("wanted")] = TargetFacts.Holder(
                    organization: try row.string("organization"), project: try row.string("slug"),
                    publicKey: try row.optionalString("public_key"))
            }
            facts.alertRulesRefusal = profile.alertRulesRefusal
            facts.metricAlertsRefusal = profile.metricAlertsRefusal
            facts.alertsNeedWorkflowEngine = profile.needsWorkflowEngine
            facts.metricAlertActionTypes = profile.metricAlertActionTypes
            if profile.catalog.hasTable("sentry_incident"), profile.catalog.hasTable("sentry_alertrule") {
                facts.metricAlertsWithIncidents = Set(
                    try connection.query(
                        """
                        SELECT DISTINCT i.alert_rule_id FROM sentry_incident i
                        JOIN sentry_alertrule a ON a.id = i.alert_rule_id
                        JOIN sentry_organization o ON o.id = a.organization_id
                        WHERE o.slug = \(desired.organization.slug) AND o.status = 0
                        """, activity: "finding metric alerts with incidents"
                    ).map { String(try $0.int64("alert_rule_id")) })
            }
            if !(desired.rules.isEmpty && desired.metricAlerts.isEmpty), profile.catalog.hasTable("sentry_integration"),
                let orgId = try connection.query(
                    "SELECT id FROM sentry_organization WHERE slug = \(desired.organization.slug) AND status = 0",
                    activity: "finding the organization for its integrations"
                ).first.map({ try $0.int64("id") })
            {
                facts.integrations = Set(try RuleReader.integrations(orgId: orgId, connection: connection).keys)
            } else if !(desired.rules.isEmpty && desired.metricAlerts.isEmpty) {
                facts.integrations = []
            }
            return facts
        }
    }
}
