import SentryModel
import Testing

@testable import SelfHosted

/// Profile detection against the real schema fixtures, in both integer widths.
@Suite(.requiresDatabase) struct ProfileFixtureTests {
    @Test(arguments: SchemaFixture.allCases, [false, true])
    func detectsTheFixturesProfile(_ fixture: SchemaFixture, smallInts: Bool) throws {
        try TestDatabase.withScratchDatabase { scratch in
            try fixture.load(into: try scratch.connect(), smallInts: smallInts)
            let database = try TargetDatabase(target: scratch.target)
            #expect(database.profile.family == fixture.family)
            #expect(database.profile.idWidth == (smallInts ? .integer : .bigint))
            #expect(database.profile.userIdWidth == (smallInts ? .integer : .bigint))
            #expect(database.profile.hasTeamActors == (fixture == .v23))
            #expect(database.profile.hasProjectKeyMapping == (fixture == .v26))
            #expect(database.profile.organizationOptionStorage == (fixture >= .v25 ? .jsonb : .text))
            #expect(database.profile.ownershipSchemaStorage == (fixture >= .v25 ? .jsonb : .text))
            #expect(database.profile.projectOptionStorage == .text)
            #expect(database.warnings.isEmpty)
        }
    }

    /// sentry-migrate never writes an outbox row, so a database without the outbox tables is still a
    /// target of its profile (and the profile's JSON encodings come from the other columns).
    @Test(arguments: SchemaFixture.allCases)
    func acceptsADatabaseWithoutOutboxTables(_ fixture: SchemaFixture) throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection)
            try connection.execute("DROP TABLE public.sentry_regionoutbox, public.sentry_controloutbox")
            let database = try TargetDatabase(target: scratch.target)
            #expect(database.profile.family == fixture.family)
            #expect(!database.profile.catalog.hasTable("sentry_regionoutbox"))
            #expect(database.warnings.isEmpty)
        }
    }

    @Test func refusesADatabaseThatIsNotSentry() throws {
        try TestDatabase.withScratchDatabase { scratch in
            try scratch.connect().execute("CREATE TABLE invoices (id bigint PRIMARY KEY)")
            #expect {
                try TargetDatabase(target: scratch.target)
            } throws: { error in
                let text = String(describing: error)
                return text.contains("0 of 15 required tables") && text.contains(scratch.name)
                    && (error as? UnsupportedSchemaError)?.exitStatus == .dataError
            }
        }
    }

    @Test func refusesAPartialSentrySchema() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try SchemaFixture.v24.load(into: connection)
            try connection.execute("DROP TABLE sentry_projectownership")
            #expect {
                try TargetDatabase(target: scratch.target)
            } throws: { error in
                let text = String(describing: error)
                return text.contains("14 of 15 required tables")
                    && text.contains("missing tables: sentry_projectownership")
                    && text.contains("sentry migration 0752_fix_substatus_for_unresolved_groups")
            }
        }
    }

    @Test func refusesASentryOlderThan23_7() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try SchemaFixture.v23.load(into: connection)
            try connection.execute("DELETE FROM django_migrations WHERE app = 'sentry' AND name > '0400'")
            #expect {
                try TargetDatabase(target: scratch.target)
            } throws: { error in
                String(describing: error).contains("older than 23.7")
            }
        }
    }
}

extension SchemaFixture: Comparable {
    static func < (lhs: SchemaFixture, rhs: SchemaFixture) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
