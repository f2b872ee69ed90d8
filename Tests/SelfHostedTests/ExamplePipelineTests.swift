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

    /// A key whose secret is null on sentry.io and a member whose user has no e-mail: the key is carried
    /// through plan, apply (its `secret_key` NULL on the target, as on sentry.io) and verify; the member
    /// is left out, named by hosted id in export's output and in the manifest, and nothing fails.
    @Test(arguments: SchemaFixture.allCases)
    func aNullSecretIsCarriedAndAMemberWithoutEmailIsNamed(_ fixture: SchemaFixture) throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection)
            let database = try #require(TestDatabase.url).replacingOccurrences(
                of: "///postgres?", with: "///\(scratch.name)?")
            let nullKey = "60120449b6b1d5e45f75561e6dabd80b"
            let simulator = try Simulator.start(
                snapshot: SchemaFixture.directory.appendingPathComponent("snapshots/example-hosted"),
                arguments: [
                    "--key-without-secret", nullKey, "--member-without-email", "sirpenguin@antarcticarocks.com",
                ])
            defer { simulator.stop() }
            let identity = PipelineTests.exampleMapping.replacingOccurrences(of: "example.yaml", with: "identity.yaml")
            try withTemporaryFolder { folder in
                func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
                func run(_ arguments: [String], expect status: Int32 = 0) throws -> CommandResult {
                    let result = try SentryMigrateBinary.run(
                        arguments, environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
                    #expect(result.status == status, "\(arguments.first ?? ""): \(result.stderr)")
                    return result
                }
                let export = try run([
                    "export", "--url", simulator.url, "--org", "the-interstellar-jurisdiction", "--out", path("hosted"),
                    "--quiet",
                ])
                #expect(export.stderr.contains("warning: member 57377908164 "), "\(export.stderr)")
                #expect(export.stderr.contains(nullKey))
                let hosted = try SnapshotReader.read(from: URL(fileURLWithPath: path("hosted")))
                #expect(hosted.manifest.leftOut?.map(\.hostedId) == ["57377908164"])
                #expect(hosted.snapshot.keys.contains { $0.publicKey == nullKey })
                #expect(hosted.snapshot.secrets.contains(KeySecret(publicKey: nullKey, secretKey: nil)))
                #expect(hosted.snapshot.secrets.count { $0.secretKey != nil } == 1)

                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", identity, "--out", path("desired"),
                ])
                let plan = try run(
                    [
                        "plan", "--snapshot", path("desired"), "--database", database, "--out", path("plan.json"),
                        "--detailed-exitcode",
                    ], expect: 2)
                #expect(plan.stderr.contains("rehearsed: applies cleanly"), "\(plan.stderr)")
                _ = try run(["apply", path("plan.json"), "--database", database])
                let verify = try run(["verify", "--snapshot", path("desired"), "--database", database])
                #expect(verify.stdout.contains("Verified: the target matches the snapshot and every invariant holds."))

                let secrets = try connection.query(
                    "SELECT public_key, secret_key FROM sentry_projectkey WHERE public_key = ANY(\(hosted.snapshot.keys.map(\.publicKey)))"
                )
                let byKey = try Dictionary(
                    uniqueKeysWithValues: secrets.map {
                        (try $0.string("public_key"), try $0.optionalString("secret_key"))
                    })
                #expect(byKey.count == 2)
                #expect(byKey[nullKey] == .some(nil), "the null secret was replaced")
                #expect(byKey.values.compactMap { $0 } == hosted.snapshot.secrets.compactMap(\.secretKey))
            }
        }
    }
}
