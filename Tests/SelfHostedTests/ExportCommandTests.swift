import Foundation
import SentryModel
import Testing

/// `sentry-migrate export` run as a process against `sentry-sim`: the errors an admin meets first.
@Suite(.timeLimit(.minutes(2))) struct ExportCommandTests {
    @Test func anInvalidTokenSaysSoAndIsNotShown() throws {
        let simulator = try Simulator.sample()
        defer { simulator.stop() }
        try withTemporaryFolder { folder in
            let out = folder.appendingPathComponent("hosted")
            let result = try SentryMigrateBinary.run(
                ["export", "--url", simulator.url, "--org", "acme", "--out", out.path, "--quiet"],
                environment: ["SENTRY_AUTH_TOKEN": "wrong-token-value"])
            #expect(result.status == ExitStatus.unavailable.rawValue)
            #expect(result.stderr.lowercased().contains("token"))
            #expect(!result.stderr.contains("wrong-token-value"))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test func refusesToSendTheTokenInClearTextOffThisMachine() throws {
        let result = try SentryMigrateBinary.run(
            ["export", "--url", "http://sentry.example.com", "--org", "acme", "--out", "/nonexistent/x"],
            environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
        #expect(result.status == ExitStatus.usage.rawValue)
        #expect(result.stderr.contains("http:// only for a simulator on this machine"))
    }

    @Test func anUnknownOrganizationIsNamed() throws {
        let simulator = try Simulator.sample()
        defer { simulator.stop() }
        try withTemporaryFolder { folder in
            let result = try SentryMigrateBinary.run(
                ["export", "--url", simulator.url, "--org", "acne", "--out", folder.appendingPathComponent("x").path],
                environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
            #expect(result.status == ExitStatus.usage.rawValue)
            #expect(result.stderr.contains("acne"))
        }
    }

    @Test func aTokenOnTheCommandLineWorksWithAWarning() throws {
        let simulator = try Simulator.sample()
        defer { simulator.stop() }
        try withTemporaryFolder { folder in
            let out = folder.appendingPathComponent("hosted")
            let result = try SentryMigrateBinary.run(
                [
                    "export", "--url", simulator.url, "--org", "acme", "--out", out.path, "--auth-token",
                    "pipeline-token",
                ],
                environment: ["SENTRY_AUTH_TOKEN": ""])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: --auth-token puts the token where other users"))
            #expect(!result.stderr.contains("pipeline-token"))
            let loaded = try SnapshotReader.read(from: out)
            #expect(loaded.snapshot.organization.slug == "acme")
            #expect(loaded.manifest.source.kind == .hosted)
        }
    }
}
