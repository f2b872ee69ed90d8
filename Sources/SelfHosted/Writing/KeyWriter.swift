import Planning
import SentryModel

/// Client keys with the snapshot's public and secret keys (so DSNs keep working), `data` JSON as
/// Sentry stores it, and a `sentry_projectkeymapping` row per key on 26.x. Secrets travel only as
/// bind parameters and never appear in messages.
struct KeyWriter {
    let session: WriteSession

    /// Keys whose public or secret half was already taken on the target, so new ones were generated.
    private(set) var regenerated: [String] = []
    /// Keys moved to another project (public key, project slug, its id): same keys, a DSN with a new project id.
    private(set) var moved: [(publicKey: String, project: String, projectId: Int64)] = []

    mutating func write(
        _ changes: ArraySlice<EntityChange>, desired: [ClientKey], secrets: [KeySecret], index: OrganizationIndex
    ) throws {
        _ = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.publicKey)
        let secretOf = Dictionary(
            secrets.compactMap { secret in secret.secretKey.map { (secret.publicKey, $0) } },
            uniquingKeysWith: { first, _ in first })
        try create(split.creates, secretOf: secretOf, projects: index.projects)

        var updates: [Record] = []
        var secretUpdates: [Record] = []
        for (change, key) in split.updates {
            // The key keeps its public and secret key; only the project id in its DSN follows the move.
            let projectId = try Self.projectId(of: key, in: index.projects)
            if change.fields.contains(where: { $0.field == "project" }) {
                moved.append((key.publicKey, key.project, projectId))
            }
            updates.append(
                attributes(key).merging(
                    ["public_key": key.publicKey, "project_id": projectId]))
            if change.fields.contains(where: { $0.sensitive }), let secret = secretOf[key.publicKey] {
                secretUpdates.append(["public_key": key.publicKey, "secret_key": secret])
            }
        }
        try session.update("sentry_projectkey", key: "public_key", updates)
        try session.update("sentry_projectkey", key: "public_key", secretUpdates)

        guard !split.deletes.isEmpty else { return }
        let ids = try session.query(
            "SELECT id FROM sentry_projectkey WHERE public_key = ANY(\(split.deletes))",
            activity: "keys: finding keys to delete"
        ).map { try $0.int64("id") }
        try session.delete("sentry_projectkeymapping", where: "project_key_id", in: ids)
        try session.delete("sentry_projectkey", where: "id", in: ids)
    }

    private mutating func create(
        _ creates: StageChanges<ClientKey>.Pairs, secretOf: [String: String], projects: [String: Int64]
    ) throws {
        guard !creates.isEmpty else { return }
        let keys = creates.map(\.entity)
        let publics = keys.map(\.publicKey)
        let secretsWanted = keys.compactMap { secretOf[$0.publicKey] }
        var takenPublic = Set<String>()
        var takenSecret = Set<String>()
        for row in try session.query(
            """
            SELECT public_key, secret_key FROM sentry_projectkey
            WHERE public_key = ANY(\(publics)) OR secret_key = ANY(\(secretsWanted))
            """, activity: "keys: checking which keys are free")
        {
            if let value = try row.optionalString("public_key") { takenPublic.insert(value) }
            if let value = try row.optionalString("secret_key") { takenSecret.insert(value) }
        }
        if session.profile.hasProjectKeyMapping {
            // The mapping's public key is UNIQUE too, and may outlive its key (see `readFacts`).
            for row in try session.query(
                "SELECT public_key FROM sentry_projectkeymapping WHERE public_key = ANY(\(publics))",
                activity: "keys: checking which public keys the key mappings hold")
            {
                takenPublic.insert(try row.string("public_key"))
            }
        }
        // What each key gets (its project and keys), decided and checked first; its row is made when
        // the COPY asks for it, a batch at a time: 20,000 rows made at once were the peak of apply's
        // memory at xlarge (docs/performance.md).
        var made: [(projectId: Int64, publicKey: String, secretKey: String?)] = []
        made.reserveCapacity(creates.count)
        for (change, key) in creates {
            let projectId = try Self.projectId(of: key, in: projects)
            var publicKey = key.publicKey
            // A key whose secret is null in the snapshot (apply reads it with its secrets/ folder, which
            // has an entry for every key) has none on sentry.io either: `ProjectKey.secret_key` is nullable (src/sentry/models/projectkey.py,
            // NULL allowed on every supported schema), so it is carried as NULL, as there.
            var secretKey = secretOf[key.publicKey]
            let collides = takenPublic.contains(publicKey) || secretKey.map(takenSecret.contains) == true
            // The plan told reviewers this key's DSN keeps working: never hand out another.
            if let promise = change.dsn, promise.preserved {
                let name = "key \(key.publicKey.prefix(8))… of project \(key.project)"
                if collides {
                    let which = takenPublic.contains(publicKey) ? "its public key" : "its secret key"
                    throw PlanPromiseError(
                        stage: .keys,
                        broken: "\(name): the plan keeps its public and secret key so its DSN stays valid, but "
                            + "\(which) is now used by another key on the target")
                }
                if let planned = promise.projectId, planned != projectId {
                    throw PlanPromiseError(
                        stage: .keys,
                        broken: "\(name): the plan keeps its DSN, which ends in project id \(planned), but the "
                            + "project's id on the target is \(projectId)")
                }
            }
            if collides {
                regenerated.append(publicKey)
                publicKey = Randomness.hex(bytes: 16)
                secretKey = secretKey.map { _ in Randomness.hex(bytes: 16) }
            }
            made.append((projectId, publicKey, secretKey))
        }
        let ids = try session.copyReturningIds("sentry_projectkey", count: made.count) { index in
            let (projectId, publicKey, secretKey) = made[index]
            var record = attributes(creates[index].entity)
            record.merge(
                [
                    "project_id": projectId, "public_key": publicKey, "secret_key": secretKey ?? SQLNull(), "roles": 1,
                    "date_added": session.timestamp, "use_case": "user",
                ])
            return record
        }
        if session.profile.hasProjectKeyMapping {
            try session.copy("sentry_projectkeymapping", count: made.count) { index in
                [
                    "project_key_id": ids[index], "public_key": made[index].publicKey, "cell_name": monolithRegion,
                    "date_updated": session.timestamp,
                ]
            }
        }
    }

    private static func projectId(of key: ClientKey, in projects: [String: Int64]) throws -> Int64 {
        guard let projectId = projects[key.project] else {
            throw ApplyOrderError(
                message: "project '\(key.project)' of key \(key.publicKey.prefix(8))… is not on the target; "
                    + "apply the projects stage (or its wave) first")
        }
        return projectId
    }

    /// The columns an update may change.
    private func attributes(_ key: ClientKey) -> Record {
        [
            "label": key.label, "status": key.active ? 0 : 1,
            "rate_limit_count": key.rateLimit.map { $0.count as any PostgresEncodable } ?? SQLNull(),
            "rate_limit_window": key.rateLimit.map { $0.window as any PostgresEncodable } ?? SQLNull(),
            "data": Self.data(of: key),
        ]
    }

    /// `{"browserSdkVersion": …, "dynamicSdkLoaderOptions": {…}}`, only the keys the snapshot sets.
    static func data(of key: ClientKey) -> String {
        var members: [String] = []
        if let version = key.browserSdkVersion { members.append("\"browserSdkVersion\":\(JSONString.quote(version))") }
        if let options = key.loaderOptions {
            let flags = [
                ("hasDebug", options.hasDebug), ("hasFeedback", options.hasFeedback),
                ("hasLogsAndMetrics", options.hasLogsAndMetrics), ("hasPerformance", options.hasPerformance),
                ("hasReplay", options.hasReplay),
            ].map { "\"\($0.0)\":\($0.1)" }
            members.append("\"dynamicSdkLoaderOptions\":{\(flags.joined(separator: ","))}")
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
