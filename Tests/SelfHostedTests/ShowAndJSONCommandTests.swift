import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// `show` renders a saved plan without a database exactly as `plan` printed it; `apply` and `status`
/// speak JSON with `--format json`.
@Suite(.requiresDatabase) struct ShowAndJSONCommandTests {
    /// Any connection attempt from `show` would fail against this environment.
    static let noDatabase = ["PGHOST": "/nonexistent/sentry-migrate-show", "PGDATABASE": "nowhere"]

    @Test(arguments: ["text", "markdown", "json"])
    func showPrintsWhatPlanPrinted(_ format: String) throws {
        try withPlan { _, url, desired, folder in
            let planPath = folder.appendingPathComponent("plan-\(format).json").path
            let plan = try SentryMigrateBinary.run(
                ["plan", "--snapshot", desired, "--database", url, "--format", format, "--out", planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            let show = try SentryMigrateBinary.run(
                ["show", planPath, "--format", format], environment: Self.noDatabase)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(!show.stdout.isEmpty)
            #expect(show.stdout == plan.stdout)
            #expect(show.stderr.isEmpty, "\(show.stderr)")

            let detailed = try SentryMigrateBinary.run(
                ["show", planPath, "--detailed-exitcode"], environment: Self.noDatabase)
            #expect(detailed.status == ExitStatus.differences.rawValue)
        }
    }

    @Test func showRefusesAFileThatIsNotAPlan() throws {
        try withTemporaryFolder { folder in
            let broken = folder.appendingPathComponent("broken.json")
            try Data("{\"format\": \"sentry-migrate/plan@1\", \"changes\": [".utf8).write(to: broken)
            let result = try SentryMigrateBinary.run(["show", broken.path], environment: Self.noDatabase)
            #expect(result.status == ExitStatus.dataError.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains(broken.path), "\(result.stderr)")
            #expect(result.stdout.isEmpty)

            let missing = try SentryMigrateBinary.run(
                ["show", folder.appendingPathComponent("none.json").path], environment: Self.noDatabase)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("none.json"), "\(missing.stderr)")
        }
    }

    @Test func applyAndStatusPrintJSON() throws {
        try withPlan { _, url, desired, folder in
            let planPath = folder.appendingPathComponent("plan.json").path
            let plan = try SentryMigrateBinary.run([
                "plan", "--snapshot", desired, "--database", url, "--out", planPath,
            ])
            #expect(plan.status == 0, "\(plan.stderr)")

            let apply = try SentryMigrateBinary.run(["apply", planPath, "--database", url, "--format", "json"])
            #expect(apply.status == 0, "\(apply.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(apply.stdout.utf8)) as? [String: Any], "\(apply.stdout)")
            #expect(report["organization"] as? String == "acme-io")
            let stages = try #require(report["stages"] as? [[String: Any]])
            #expect(stages.map { $0["stage"] as? String } == Stage.allCases.map(\.rawValue))
            let members = try #require(stages.first { $0["stage"] as? String == "members" })
            #expect(members["creates"] as? Int == 5)
            #expect(members["alreadyApplied"] as? Bool == false)
            #expect(report["planDigest"] as? String == String(try SavedPlanDigest.of(planPath)))

            let status = try SentryMigrateBinary.run([
                "status", "--database", url, "--target-org", "acme-io", "--format", "json",
            ])
            #expect(status.status == 0, "\(status.stderr)")
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]], "\(status.stdout)"
            )
            #expect(entries.map { $0["stage"] as? String } == Stage.allCases.map(\.rawValue))
            #expect(
                entries.allSatisfy { $0["status"] as? String == "applied" && $0["planPath"] as? String == planPath })
            #expect(entries.allSatisfy { ($0["finishedAt"] as? String)?.hasSuffix("Z") == true })

            let none = try SentryMigrateBinary.run([
                "status", "--database", url, "--target-org", "other", "--format", "json",
            ])
            #expect(none.status == 0)
            #expect(none.stdout == "[]\n")
            for output in [apply.stdout, apply.stderr, status.stdout] {
                for secret in DesiredOrganization.snapshot.secrets where secret.secretKey != nil {
                    #expect(!output.contains(secret.secretKey!))
                }
            }
        }
    }

    // MARK: - Support

    /// A 26.x target with the linked user, the desired snapshot written to a temporary folder.
    private func withPlan(_ body: (TestDatabase.Scratch, String, String, URL) throws -> Void) throws {
        try ApplyScratch.withTarget(.v26) { scratch, _ in
            try withTemporaryFolder { folder in
                let base = try #require(TestDatabase.url)
                let url = base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
                let desired = folder.appendingPathComponent("desired").path
                _ = try SnapshotWriter.write(
                    DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"),
                    exportedAt: Date(), to: URL(fileURLWithPath: desired))
                try body(scratch, url, desired, folder)
            }
        }
    }
}

/// The journal's name for a plan file: the SHA-256 of its bytes.
private enum SavedPlanDigest {
    static func of(_ path: String) throws -> String {
        SHA256Digest.hex(of: try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
