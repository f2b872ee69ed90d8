import SentryModel

/// Why a database was refused as a target: what was found, what is supported, what to do.
public struct UnsupportedSchemaError: ReportableError {
    public var target: String
    public var found: [String]
    public var problems: [String]

    public var exitStatus: ExitStatus { .dataError }

    public var diagnostics: [Diagnostic] {
        let why =
            ["found: " + (found.isEmpty ? "nothing Sentry-like" : found.joined(separator: "; "))]
            + problems.map { "problem: \($0)" }
            + [
                "supported: self-hosted Sentry 23.7 to 26.x (profiles 23.x, 24.x, 25.8+, 26.x, with big or small"
                    + " integer ids); see docs/self-hosted-versions.md."
            ]
        return [
            Diagnostic(
                "the database \(target) is not a self-hosted Sentry schema sentry-migrate supports",
                why: why.joined(separator: "\n"),
                next: "Point --database at the database Sentry itself uses (usually `postgres`), and finish"
                    + " `./install.sh` or `sentry upgrade` there so every migration is applied.")
        ]
    }
}

extension TargetProfile {
    /// Decides which profile `catalog` matches, or explains why none does. `warnings` receives
    /// non-fatal findings (a newer migration head than we have checked, say).
    public static func detect(
        from catalog: SchemaCatalog, target: String, warnings: inout [String]
    ) throws(UnsupportedSchemaError) -> TargetProfile {
        var found: [String] = []
        var problems: [String] = []
        let head = catalog.migrationHeads["sentry"]
        let headNumber = head.flatMap(SchemaCatalog.migrationNumber)
        if let head { found.append("sentry migration \(head)") }

        let missing = requiredTables.filter { !catalog.hasTable($0) }
        let present = requiredTables.count - missing.count
        found.append("\(present) of \(requiredTables.count) required tables")
        if present == 0 {
            problems.append("none of Sentry's tables exist here: is this the right database?")
        } else if !missing.isEmpty {
            problems.append("missing tables: \(missing.joined(separator: ", "))")
        }
        if head == nil, catalog.hasTable("django_migrations") {
            problems.append("django_migrations has no `sentry` rows")
        }
        if let headNumber, headNumber < oldestSupportedMigration {
            problems.append(
                "sentry migration \(headNumber) is older than 23.7's \(oldestSupportedMigration); upgrade Sentry first")
        }
        if let headNumber, headNumber > newestKnownMigration {
            warnings.append(
                "sentry migration \(head ?? "") is newer than the newest checked (\(newestKnownMigration));"
                    + " the layout matched a known profile, but review the plan carefully")
        }

        let hasActors = catalog.column("sentry_team", "actor_id") != nil && catalog.hasTable("sentry_actor")
        let hasReservations = catalog.hasTable("sentry_organizationslugreservation")
        let hasReplicas =
            catalog.hasTable("sentry_teamreplica") && catalog.hasTable("sentry_organizationmember_teamsreplica")
        let hasKeyMapping = catalog.hasTable("sentry_projectkeymapping")
        let jsonColumns = [
            ("sentry_organizationoptions", "value"), ("sentry_projectoptions", "value"),
            ("sentry_projectownership", "schema"), ("sentry_regionoutbox", "payload"),
        ]
        var storages: [String: JSONStorage] = [:]
        for (table, column) in jsonColumns {
            guard let type = catalog.column(table, column)?.dataType else {
                if catalog.hasTable(table) { problems.append("\(table) has no column \(column)") }
                continue
            }
            guard let storage = storage(type) else {
                problems.append("\(table).\(column) has type \(type); Sentry stores JSON there as text or jsonb")
                continue
            }
            storages[table] = storage
        }
        let orgOptions = storages["sentry_organizationoptions"] ?? .text
        if hasActors { found.append("team actors") }
        if hasReservations { found.append("slug reservations") }
        if hasReplicas { found.append("team replicas") }
        if hasKeyMapping { found.append("project key mappings") }
        if let type = storages["sentry_organizationoptions"] {
            found.append("organization options as \(type.rawValue)")
        }
        if hasReservations != hasReplicas {
            problems.append("slug reservations and team replica tables must appear together (both came in 23.10)")
        }

        // The order follows the releases: each later family adds what tells it apart.
        let family: Family
        if hasKeyMapping {
            family = .v26
        } else if orgOptions == .jsonb {
            family = .v25
        } else if hasReservations {
            // 23.10 to 24.5 still have team actors next to the reservations; writers honour both.
            family = .v24
        } else if hasActors, !hasReservations {
            family = .v23
        } else {
            family = .v24
            if missing.isEmpty {
                problems.append("neither team actors (23.x) nor slug reservations (23.10 and later) exist")
            }
        }
        if family != .v23, !hasReservations, missing.isEmpty {
            problems.append("\(family.rawValue) layout without sentry_organizationslugreservation")
        }
        if !problems.isEmpty {
            throw UnsupportedSchemaError(target: target, found: found, problems: problems)
        }

        return TargetProfile(
            family: family,
            migrationHead: head ?? "",
            idWidth: width(catalog.column("sentry_organization", "id")),
            userIdWidth: width(catalog.column("auth_user", "id")),
            hasTeamActors: hasActors,
            hasSlugReservations: hasReservations,
            hasSlugReservationReplica: catalog.hasTable("hybridcloud_organizationslugreservationreplica"),
            hasTeamReplicas: hasReplicas,
            hasProjectKeyMapping: hasKeyMapping,
            hasKeyUseCase: catalog.column("sentry_projectkey", "use_case") != nil,
            hasEmailTable: catalog.hasTable("sentry_email"),
            organizationOptionStorage: orgOptions,
            projectOptionStorage: storages["sentry_projectoptions"] ?? .text,
            ownershipSchemaStorage: storages["sentry_projectownership"] ?? .text,
            outboxPayloadStorage: storages["sentry_regionoutbox"] ?? .text,
            projectSlugMaxLength: catalog.column("sentry_project", "slug")?.maxLength ?? 50,
            emailMaxLength: catalog.column("auth_user", "email")?.maxLength ?? 75,
            catalog: catalog
        )
    }

    private static func storage(_ dataType: String?) -> JSONStorage? {
        switch dataType {
        case "text": .text
        case "jsonb": .jsonb
        default: nil
        }
    }

    private static func width(_ column: SchemaCatalog.Column?) -> IntegerWidth {
        column?.dataType == "integer" ? .integer : .bigint
    }
}
