import Foundation
import SentryModel
import Testing

@testable import SelfHosted

@Suite struct ConnectionFailureTests {
    @Test(arguments: [
        "postgresql://user:s3cret-pw@127.0.0.1:1/db",
        "host=/nonexistent password=s3cret-pw dbname=x",
        "host=/nonexistent password='s3cret-pw' dbname",
        "postgresql://user:s3cret-pw@127.0.0.1:1/db?sslmode=bogus",
    ])
    func failuresHideThePasswordAndSayWhatToDo(target: String) throws {
        let error = try #require(throws: PostgresError.self) { try PostgresConnection(ConnectionTarget(target)) }
        #expect(error.kind == .connect)
        #expect(error.exitStatus == .unavailable)
        #expect(!error.description.contains("s3cret"))
        #expect(!String(reflecting: error).contains("s3cret"))
        #expect(error.description.contains("next: "))
        #expect(error.advice.contains("URL"))
    }

    @Test func refusedConnectionNamesTheTargetAndTheServer() throws {
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection(ConnectionTarget("postgresql://user:s3cret-pw@127.0.0.1:1/db"))
        }
        #expect(error.target == "user=user password=*** dbname=db host=127.0.0.1 port=1")
        #expect(error.description.contains("Connection refused"))
        #expect(error.advice.contains("running"))
    }
}

@Suite(.requiresDatabase) struct ConnectionIntegrationTests {
    /// libpq's conninfo quoting, for building a test string.
    private func quoted(_ value: String) -> String {
        "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    }

    @Test func urlAndConninfoBothConnect() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let viaURL = try scratch.connect()
            let settings = try viaURL.query(
                """
                SELECT current_database() AS db, current_user AS who, current_setting('port') AS port,
                       split_part(current_setting('unix_socket_directories'), ',', 1) AS socket
                """)[0]
            #expect(try settings.string("db") == scratch.name)

            let conninfo = [
                "host=\(quoted(try settings.string("socket")))", "port=\(try settings.string("port"))",
                "user = \(quoted(try settings.string("who")))", "dbname=\(quoted(scratch.name))",
                "application_name='conninfo test'",
            ].joined(separator: " ")
            let viaConninfo = try PostgresConnection(ConnectionTarget(conninfo))
            let row = try viaConninfo.query(
                "SELECT current_database() AS db, current_setting('application_name') AS app")[0]
            #expect(try row.string("db") == scratch.name)
            #expect(try row.string("app") == "conninfo test")
            #expect(viaConninfo.serverVersion >= 100_000)
        }
    }

    @Test func missingDatabaseIsUnavailableWithAdvice() throws {
        let url = try #require(TestDatabase.url)
        let target = ConnectionTarget(url).overriding(database: "sm_test_does_not_exist")
        let error = try #require(throws: PostgresError.self) { try PostgresConnection(target) }
        #expect(error.exitStatus == .unavailable)
        #expect(error.advice.contains("database name"))
        #expect(error.description.contains("sm_test_does_not_exist"))
    }
}
