import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// The demo path, through the built binaries: sentry-sim serves the sample hosted organization;
/// export → transform (mappings/example.yaml) → plan → apply → verify on every schema profile.
@Suite(.requiresDatabase, .timeLimit(.minutes(3))) struct PipelineTests {
    @Test(arguments: SchemaFixture.allCases)
    func thePipelineConvergesAndVerifies(_ fixture: SchemaFixture) throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try fixture.load(into: connection)
            // People who already use self-hosted; the example mapping links them.
            try TestUsers.insert(
                [(101, "alice@acme.com"), (102, "bob@acme.com"), (103, "david@acme.com"), (104, "erin@acme.com")],
                into: connection)
            try connection.execute(
                """
                INSERT INTO sentry_useremail (user_id, email, validation_hash, date_hash_added, is_verified)
                SELECT id, email, md5(email), now(), true FROM auth_user
                """)
            let database = try #require(TestDatabase.url).replacingOccurrences(
                of: "///postgres?", with: "///\(scratch.name)?")
            let simulator = try Simulator.sample()
            defer { simulator.stop() }

            try withTemporaryFolder { folder in
                func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
                func run(_ arguments: [String], expect status: Int32 = 0) throws -> CommandResult {
                    let result = try SentryMigrateBinary.run(
                        arguments, environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
                    #expect(result.status == status, "\(arguments.first ?? ""): \(result.stderr)")
                    #expect(!result.stdout.contains("pipeline-token") && !result.stderr.contains("pipeline-token"))
                    return result
                }
                _ = try run(["export", "--url", simulator.url, "--org", "acme", "--out", path("hosted"), "--quiet"])
                _ = try run([
                    "transform", "--snapshot", path("hosted"), "--mapping", Self.exampleMapping, "--out",
                    path("desired"),
                ])
                let plan = try run(
                    [
                        "plan", "--snapshot", path("desired"), "--database", database, "--out", path("plan.json"),
                        "--detailed-exitcode",
                    ], expect: 2)
                #expect(plan.stdout.contains("links existing user #101"))
                #expect(plan.stdout.contains("creates an unclaimed user"))
                #expect(plan.stdout.contains("DSNs kept (public keys and project id 202; only the host changes)"))
                _ = try run(["apply", path("plan.json"), "--database", database])
                let verify = try run(["verify", "--snapshot", path("desired"), "--database", database])
                #expect(verify.stdout.contains("Verified: the target matches the snapshot and every invariant holds."))
                let live = try run([
                    "verify", "--org", "acme", "--url", simulator.url, "--mapping", Self.exampleMapping,
                    "--database", database,
                ])
                #expect(live.stdout.contains("Verified:"))
                #expect(live.stderr.contains("exported 'acme' live"))
                let again = try run(
                    ["plan", "--snapshot", path("desired"), "--database", database, "--detailed-exitcode"])
                #expect(again.stdout.contains("No changes."))

                let secrets = try SnapshotReader.read(from: URL(fileURLWithPath: path("desired"))).snapshot.secrets
                #expect(!secrets.isEmpty)
                for output in [plan, verify, again] {
                    for secret in secrets where secret.secretKey != nil {
                        #expect(!output.stdout.contains(secret.secretKey!))
                    }
                }
            }
        }
    }

    static var exampleMapping: String {
        SchemaFixture.directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("mappings/example.yaml").path
    }
}

/// A `sentry-sim` process on a free loopback port.
struct Simulator {
    let process: Process
    let url: String

    /// The sample hosted organization `acme` that mappings/example.yaml is written for.
    static func sample() throws -> Simulator {
        try start(snapshot: SchemaFixture.directory.appendingPathComponent("snapshots/acme-hosted"))
    }

    /// `arguments` adds tokens and behaviours (`sentry-sim --help`) to the integration token `pipeline-token`.
    static func start(snapshot: URL, arguments: [String] = []) throws -> Simulator {
        try start(["--snapshot", snapshot.path] + arguments)
    }

    /// Serves a generated organization (`sentry-sim --generate SPEC`).
    static func start(generating spec: String, arguments: [String] = []) throws -> Simulator {
        try start(["--generate", spec] + arguments)
    }

    private static func start(_ arguments: [String]) throws -> Simulator {
        let process = Process()
        process.executableURL = SentryMigrateBinary.url.deletingLastPathComponent().appendingPathComponent("sentry-sim")
        process.arguments = arguments + ["--token", "pipeline-token", "--port", "0"]
        // Its log goes to a file: a pipe nobody reads after the start would fill and block it.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sm-sim-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // It announces `… on http://127.0.0.1:PORT` on stderr once it listens.
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            seen = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                return Simulator(process: process, url: String(seen[range]))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw SimulatorStartError(output: seen)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct SimulatorStartError: Error, CustomStringConvertible {
    var output: String
    var description: String { "sentry-sim did not start: \(output)" }
}
