import Foundation
import SentryModel
import Testing

/// The organization of Sentry's published API examples (Tests/Fixtures/snapshots/example-hosted),
/// carried unchanged by mappings/identity.yaml through every step, on every schema profile. Its
/// ownership rules name `jane.smith@org.com`, whom sentry.io itself does not resolve: each step
/// reports that once and none fails on it.
@Suite(.requiresDatabase, .timeLimit(.minutes(3))) struct ExamplePipelineTests {
    @Test(arguments: SchemaFixture.allCases)
    func theIdentityMappingCarriesTheExampleOrganization(_ fixture: SchemaFixture) throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection)
            let database = try #require(TestDatabase.url).replacingOccurrences(
                of: "///postgres?", with: "///\(scratch.name)?")
            let simulator = try Simulator.start(
                snapshot: SchemaFixture.directory.appendingPathComponent("snapshots/example-hosted"),
                arguments: ["--not-carried", "dashboards=4", "--not-carried", "integrations=2"])
            defer { simulator.stop() }
            let identity = PipelineTests.exampleMapping.replacingOccurrences(of: "example.yaml", with: "identity.yaml")
            let stale =
                "owner 'jane.smith@org.com' (3 rules in project 'prime-mover') is already unresolved on sentry.io"

            try withTemporaryFolder { folder in
                func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
                func run(_ arguments: [String], expect status: Int32 = 0) throws -> CommandResult {
                    let result = try SentryMigrateBinary.run(
                        arguments, environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
                    #expect(result.status == status, "\(arguments.first ?? ""): \(result.stderr)")
                    return result
                }
                func reportedOnce(_ result: CommandResult) -> Bool {
                    result.stderr.components(separatedBy: "jane.smith@org.com").count == 2
                        && result.stderr.contains(stale)
                }
                _ = try run([
                    "export", "--url", simulator.url, "--org", "the-interstellar-jurisdiction", "--out", path("hosted"),
                    "--quiet",
                ])
                let transform = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", identity, "--out", path("desired"),
                ])
                #expect(reportedOnce(transform), "\(transform.stderr)")
                let plan = try run(
                    [
                        "plan", "--snapshot", path("desired"), "--database", database, "--out", path("plan.json"),
                        "--detailed-exitcode",
                    ], expect: 2)
                #expect(reportedOnce(plan), "\(plan.stderr)")
                // What sentry.io holds but the tool does not carry: counted by export, kept by transform.
                #expect(plan.stdout.contains("Not carried (on sentry.io, redo by hand):"))
                #expect(plan.stdout.contains("  2 integrations: reinstall them on the target\n"))
                #expect(plan.stdout.contains("  4 dashboards: recreate them\n"))
                _ = try run(["apply", path("plan.json"), "--database", database])
                let verify = try run(["verify", "--snapshot", path("desired"), "--database", database])
                #expect(verify.stdout.contains("Verified: the target matches the snapshot and every invariant holds."))
                #expect(reportedOnce(verify), "\(verify.stderr)")
                let hosted = try SnapshotReader.read(from: URL(fileURLWithPath: path("hosted"))).snapshot
                let desired = try SnapshotReader.read(from: URL(fileURLWithPath: path("desired"))).snapshot
                #expect(hosted == desired)
            }
        }
    }
}
