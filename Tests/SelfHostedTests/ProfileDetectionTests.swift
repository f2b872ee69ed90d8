import SentryModel
import Testing

@testable import SelfHosted

/// Pure detection logic over hand-built catalogs; the fixtures test it against real schemas.
@Suite struct ProfileDetectionTests {
    typealias Column = SchemaCatalog.Column

    /// A minimal catalog shaped like `family`, with only the columns detection looks at.
    static func catalog(_ family: TargetProfile.Family, idType: String = "bigint") -> SchemaCatalog {
        var tables: [String: [Column]] = [:]
        for table in TargetProfile.requiredTables {
            tables[table] = [
                Column(name: "id", dataType: idType, isNullable: false, defaultExpression: nil, maxLength: nil)
            ]
        }
        func add(_ table: String, _ name: String, _ type: String, maxLength: Int? = nil) {
            tables[table, default: []].append(
                Column(name: name, dataType: type, isNullable: true, defaultExpression: nil, maxLength: maxLength))
        }
        let json = family == .v25 || family == .v26 ? "jsonb" : "text"
        add("sentry_projectoptions", "value", "text")
        add("sentry_organizationoptions", "value", json)
        add("sentry_projectownership", "schema", json)
        add("sentry_regionoutbox", "payload", json)
        if family == .v23 {
            add("sentry_team", "actor_id", "bigint")
            add("sentry_actor", "id", "bigint")
        } else {
            add("sentry_organizationslugreservation", "id", "bigint")
            add("sentry_teamreplica", "id", "bigint")
            add("sentry_organizationmember_teamsreplica", "id", "integer")
            add("sentry_projectkey", "use_case", "character varying", maxLength: 32)
        }
        if family == .v26 { add("sentry_projectkeymapping", "id", "bigint") }
        let heads: [TargetProfile.Family: String] = [
            .v23: "0521_migrate_world_map_widgets", .v24: "0752_fix_substatus_for_unresolved_groups",
            .v25: "0991_projectownership_json_field", .v26: "1118_add_group_derived_data",
        ]
        return SchemaCatalog(tables: tables, migrationHeads: ["sentry": heads[family]!])
    }

    @Test(arguments: TargetProfile.Family.allCases)
    func detectsEachFamily(_ family: TargetProfile.Family) throws {
        var warnings: [String] = []
        let profile = try TargetProfile.detect(from: Self.catalog(family), target: "db", warnings: &warnings)
        #expect(profile.family == family)
        #expect(profile.hasTeamActors == (family == .v23))
        #expect(profile.hasSlugReservations == (family != .v23))
        #expect(profile.organizationOptionStorage == (family == .v25 || family == .v26 ? .jsonb : .text))
        #expect(profile.projectOptionStorage == .text)
        #expect(warnings.isEmpty)
    }

    @Test func detectsSmallIntegerIds() throws {
        var warnings: [String] = []
        let profile = try TargetProfile.detect(
            from: Self.catalog(.v24, idType: "integer"), target: "db", warnings: &warnings)
        #expect(profile.idWidth == .integer)
        #expect(profile.userIdWidth == .integer)
    }

    @Test func refusesAnEmptyDatabaseSayingWhatIsMissing() {
        var warnings: [String] = []
        let empty = SchemaCatalog(tables: [:], migrationHeads: [:])
        #expect {
            try TargetProfile.detect(from: empty, target: "postgresql://localhost/app", warnings: &warnings)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("postgresql://localhost/app") && text.contains("0 of 15 required tables")
                && text.contains("none of Sentry's tables exist here")
                && text.contains("supported: self-hosted Sentry 23.7")
                && (error as? any ReportableError)?.exitStatus == .dataError
        }
    }

    @Test func refusesAPartialSchema() {
        var catalog = Self.catalog(.v24)
        catalog.tables["sentry_projectownership"] = nil
        var warnings: [String] = []
        #expect {
            try TargetProfile.detect(from: catalog, target: "db", warnings: &warnings)
        } throws: { error in
            String(describing: error).contains("missing tables: sentry_projectownership")
        }
    }

    @Test func refusesAJSONColumnOfAnUnexpectedType() {
        var catalog = Self.catalog(.v25)
        catalog.tables["sentry_organizationoptions"]![1].dataType = "bytea"
        var warnings: [String] = []
        #expect {
            try TargetProfile.detect(from: catalog, target: "db", warnings: &warnings)
        } throws: { error in
            String(describing: error).contains("sentry_organizationoptions.value has type bytea")
        }
    }

    /// 23.10 to 24.5 have team actors and slug reservations side by side.
    @Test func acceptsActorsTogetherWithSlugReservations() throws {
        var catalog = Self.catalog(.v24)
        catalog.tables["sentry_team"]!.append(
            Column(name: "actor_id", dataType: "bigint", isNullable: true, defaultExpression: nil, maxLength: nil))
        catalog.tables["sentry_actor"] = catalog.tables["sentry_team"]
        var warnings: [String] = []
        let profile = try TargetProfile.detect(from: catalog, target: "db", warnings: &warnings)
        #expect(profile.family == .v24)
        #expect(profile.hasTeamActors)
    }

    @Test func refusesALayoutWithNeitherActorsNorReservations() {
        var catalog = Self.catalog(.v24)
        catalog.tables["sentry_organizationslugreservation"] = nil
        catalog.tables["sentry_teamreplica"] = nil
        catalog.tables["sentry_organizationmember_teamsreplica"] = nil
        var warnings: [String] = []
        #expect {
            try TargetProfile.detect(from: catalog, target: "db", warnings: &warnings)
        } throws: { error in
            String(describing: error).contains("neither team actors")
        }
    }

    @Test func refusesAnOlderSentry() {
        var catalog = Self.catalog(.v23)
        catalog.migrationHeads["sentry"] = "0400_something_old"
        var warnings: [String] = []
        #expect {
            try TargetProfile.detect(from: catalog, target: "db", warnings: &warnings)
        } throws: { error in
            String(describing: error).contains("older than 23.7")
        }
    }

    @Test func warnsAboutANewerMigrationHeadButAcceptsAKnownLayout() throws {
        var catalog = Self.catalog(.v26)
        catalog.migrationHeads["sentry"] = "1250_future_change"
        var warnings: [String] = []
        let profile = try TargetProfile.detect(from: catalog, target: "db", warnings: &warnings)
        #expect(profile.family == .v26)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("1250_future_change") == true)
    }

    @Test func readsSquashedMigrationNumbers() {
        #expect(SchemaCatalog.migrationNumber("0001_squashed_0904_onboarding_task_project_id_idx") == 904)
        #expect(SchemaCatalog.migrationNumber("0521_migrate_world_map_widgets") == 521)
        #expect(SchemaCatalog.migrationNumber("initial") == nil)
    }
}
