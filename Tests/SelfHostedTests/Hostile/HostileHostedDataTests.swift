import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// Hosted data that is odd or hostile, through the binaries (`sentry-sim` serving it, `sentry-migrate`
/// carrying it): control characters never reach the terminal raw, e-mails that differ only by case
/// stop the export naming both members, and a value a mapping rule set that the target cannot hold
/// is reported at that rule's file:line:column before anything is written.
@Suite struct HostileHostedDataTests {
    static let forged = "\u{1b}[2J\nPlan: 0 to create, 0 to update, 0 to delete, 0 kept."

    /// Nothing on any line of `output` starts like a plan summary, and no control character but the
    /// line breaks is there.
    static func expectNothingForged(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.contains("\u{1b}"), "\(output)", sourceLocation: sourceLocation)
        #expect(!output.contains("\r"), sourceLocation: sourceLocation)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("Plan: 0 to create") }, "\(output)", sourceLocation: sourceLocation)
    }

    @Test func membersWhoseEmailsDifferOnlyByCaseStopTheExportNamingBoth() throws {
        let simulator = try Simulator.start(
            snapshot: SchemaFixture.directory.appendingPathComponent("snapshots/acme-hosted"),
            arguments: ["--member-email", "bob@acme.io=ALICE@acme.io"])
        defer { simulator.stop() }
        try withTemporaryFolder { folder in
            let out = folder.appendingPathComponent("hosted")
            let result = try SentryMigrateBinary.run(
                ["export", "--url", simulator.url, "--org", "acme", "--out", out.path, "--quiet"],
                environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"], timeout: 120)
            #expect(result.status == ExitStatus.dataError.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains("member 101 (alice@acme.io)"), "\(result.stderr)")
            #expect(result.stderr.contains("member 102 (ALICE@acme.io)"), "\(result.stderr)")
            #expect(result.stderr.contains("differ only by case"))
            #expect(result.stderr.contains("Fix it on sentry.io"))
            #expect(!result.stderr.contains("please report"), "the export blames itself: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "something was written")
        }
    }

    /// A role sentry.io sent with an escape sequence and a forged plan line: transform's error quotes
    /// it escaped, on its own line.
    @Test func controlCharactersInHostedDataAreEscapedInTransformErrors() throws {
        try withTemporaryFolder { folder in
            var hosted = try SnapshotReader.read(
                from: SchemaFixture.directory.appendingPathComponent("snapshots/acme-hosted"), requireSecrets: false
            ).snapshot
            hosted.members[0].role = "billing" + Self.forged
            let input = folder.appendingPathComponent("hosted")
            try SnapshotWriter.write(
                hosted, source: SnapshotSource(kind: .hosted, location: "https://sentry.io"), exportedAt: Date(),
                to: input)
            let out = folder.appendingPathComponent("desired")
            let result = try SentryMigrateBinary.run([
                "transform", "--snapshot", input.path, "--mapping", "mappings/identity.yaml", "--out", out.path,
            ])
            #expect(result.status == ExitStatus.dataError.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains("billing\\u{1b}[2J\\nPlan: 0 to create"), "\(result.stderr)")
            Self.expectNothingForged(result.stderr)
            Self.expectNothingForged(result.stdout)
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}

/// The same, where a target database is needed.
@Suite(.requiresDatabase) struct HostileHostedDataOnTargetTests {
    /// An organization slug with an escape sequence and a newline, as sentry.io could send it, through
    /// plan, apply and `status`: escaped everywhere, one line per journal entry.
    @Test func controlCharactersInTheHostedSlugAreEscapedInPlanApplyAndStatus() throws {
        try HostileTarget.with(.v25) { target in
            var desired = DesiredOrganization.snapshot
            desired.organization.slug = "acme" + HostileHostedDataTests.forged.prefix(12)
            desired = desired.canonicalized()
            let plan = try target.plan(try target.write(desired), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            HostileHostedDataTests.expectNothingForged(plan.stdout)
            HostileHostedDataTests.expectNothingForged(plan.stderr)
            let apply = try target.apply()
            #expect(apply.status == 0, "\(apply.stderr)")
            HostileHostedDataTests.expectNothingForged(apply.stdout)
            HostileHostedDataTests.expectNothingForged(apply.stderr)

            let status = try SentryMigrateBinary.run(["status", "--database", target.url])
            #expect(status.status == 0, "\(status.stderr)")
            HostileHostedDataTests.expectNothingForged(status.stdout)
            let lines = status.stdout.split(separator: "\n")
            #expect(lines.count == 1 + Stage.allCases.count, "a header and one line per stage:\n\(status.stdout)")
            #expect(lines.dropFirst().allSatisfy { $0.contains("acme\\u{1b}[2J\\nPlan: ") }, "\(status.stdout)")
        }
    }

    /// Values a mapping rule set that the target cannot hold (a rate limit of 2^31 in an integer
    /// column, a NUL in a team name): `plan` names the rule's file:line:column and saves no plan; `apply`
    /// of a plan made without the rehearsal refuses before its first write, naming it too.
    @Test(arguments: SchemaFixture.allCases)
    func aValueAMappingRuleSetIsReportedAtThatRule(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            let hosted = try target.write(DesiredOrganization.snapshot, as: "hosted")
            let mapping = target.folder.appendingPathComponent("acme.yaml")
            try """
            version: 1
            teams:
              rename:
                frontend: {name: "Front\\0end"}
            keys:
              rateLimits:
                projects:
                  api: {count: 2147483648, window: 60}
            """.write(to: mapping, atomically: true, encoding: .utf8)
            let desired = target.folder.appendingPathComponent("desired").path
            let transform = try SentryMigrateBinary.run([
                "transform", "--snapshot", hosted, "--mapping", mapping.path, "--out", desired,
            ])
            #expect(transform.status == 0, "\(transform.stderr)")
            let origins = try ValueOriginFile.read(in: desired)
            #expect(origins.origins.contains { $0.entity == "team frontend" && $0.field == "name" })

            let fragments = [
                "\(mapping.path):4:22: error: teams.rename: teams: team frontend: sentry_team.name contains a NUL",
                "\(mapping.path):8:7: error: keys.rateLimits.projects: keys: key 11234567…: "
                    + "sentry_projectkey.rate_limit_count is 2147483648",
            ]
            let plan = try target.plan(desired, ["--out", target.planPath])
            try target.expectRefusedBeforeAnyWrite(plan, status: .dataError, mentioning: fragments, journalBefore: 0)
            #expect(!FileManager.default.fileExists(atPath: target.planPath), "a plan that cannot apply was saved")

            let unrehearsed = try target.plan(desired, ["--out", target.planPath, "--no-rehearse"])
            #expect(unrehearsed.status == 0, "\(unrehearsed.stderr)")
            let apply = try target.apply()
            try target.expectRefusedBeforeAnyWrite(apply, status: .dataError, mentioning: fragments, journalBefore: 0)
        }
    }
}

extension ValueOriginFile {
    static func read(in folder: String) throws -> ValueOriginFile {
        try JSONDecoder().decode(
            ValueOriginFile.self, from: Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(fileName)))
    }
}
