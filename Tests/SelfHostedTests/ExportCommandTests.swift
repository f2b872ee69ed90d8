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

/// Tokens of each kind, as an admin would use them, against an organization with Open Membership
/// off: what each can export, and how the others are told why not.
@Suite(.timeLimit(.minutes(3))) struct ExportTokenCommandTests {
    /// The sample organization with Open Membership off; written without secrets (sentry-sim derives them).
    /// `emptyTeams` extra teams make member details cheaper than team lists for team roles.
    static func closedOrganization(in folder: URL, emptyTeams: Int = 0) throws -> (URL, Snapshot) {
        var snapshot = try SnapshotReader.read(
            from: SchemaFixture.directory.appendingPathComponent("snapshots/acme-hosted"), requireSecrets: false
        ).snapshot
        snapshot.organization.openMembership = false
        snapshot.teams += (0..<emptyTeams).map { Team(slug: "empty-\($0)", name: "Empty \($0)") }
        snapshot = snapshot.canonicalized()
        let out = folder.appendingPathComponent("closed")
        try SnapshotWriter.write(
            snapshot, source: SnapshotSource(kind: .hosted, location: "fixture"), exportedAt: Date(), to: out)
        return (out, snapshot)
    }

    func export(_ simulator: Simulator, token: String, to out: URL) throws -> CommandResult {
        try SentryMigrateBinary.run(
            ["export", "--url", simulator.url, "--org", "acme", "--out", out.path, "--quiet"],
            environment: ["SENTRY_AUTH_TOKEN": token])
    }

    @Test func eachTokenKindExportsOrIsToldWhy() throws {
        try withTemporaryFolder { folder in
            let (served, fixture) = try Self.closedOrganization(in: folder)
            let simulator = try Simulator.start(
                snapshot: served,
                arguments: [
                    "--user-token", "dave-token=dave@acme.io", "--user-token", "alice-token=alice@acme.io",
                    "--org-token", "sntrys_eyJvcmciOiJhY21lIn0_secretpart",
                ])
            defer { simulator.stop() }

            // A Member's personal token: stopped before the per-project requests, role and setting named.
            let memberOut = folder.appendingPathComponent("member")
            let member = try export(simulator, token: "dave-token", to: memberOut)
            #expect(member.status == ExitStatus.unavailable.rawValue)
            #expect(member.stderr.contains("a 'member' of the organization and Open Membership is off"))
            #expect(member.stderr.contains("6 of 8 projects are out of reach"))
            #expect(member.stderr.contains("Owner or Manager"))
            #expect(!FileManager.default.fileExists(atPath: memberOut.path))

            // The Owner's token in the same organization: complete.
            let ownerOut = folder.appendingPathComponent("owner")
            let owner = try export(simulator, token: "alice-token", to: ownerOut)
            #expect(owner.status == 0, "\(owner.stderr)")
            let exported = try SnapshotReader.read(from: ownerOut).snapshot
            #expect(exported.members == fixture.members)
            #expect(exported.projects == fixture.projects)
            #expect(exported.keys.map(\.publicKey) == fixture.keys.map(\.publicKey))
            #expect(exported.filters == fixture.filters)
            #expect(exported.ownership == fixture.ownership)

            // An internal integration's token: complete too.
            let integrationOut = folder.appendingPathComponent("integration")
            let integration = try export(simulator, token: "pipeline-token", to: integrationOut)
            #expect(integration.status == 0, "\(integration.stderr)")
            #expect(try SnapshotReader.read(from: integrationOut).snapshot.members == fixture.members)

            // An organization auth token: named as such, nothing written, the token never shown.
            let ciOut = folder.appendingPathComponent("ci")
            let ci = try export(simulator, token: "sntrys_eyJvcmciOiJhY21lIn0_secretpart", to: ciOut)
            #expect(ci.status == ExitStatus.unavailable.rawValue)
            #expect(ci.stderr.contains("this is an organization auth token (sntrys_…)"))
            #expect(!ci.stderr.contains("secretpart"))
            #expect(!FileManager.default.fileExists(atPath: ciOut.path))
        }
    }

    @Test func oddRecordsAreCarriedOrNamedAndInviteRequestsAreNotMembers() throws {
        try withTemporaryFolder { folder in
            let (served, fixture) = try Self.closedOrganization(in: folder)
            let key = try #require(fixture.keys.first)
            let ivan = try #require(fixture.members.first { $0.email == "ivan@acme.io" })
            let simulator = try Simulator.start(
                snapshot: served,
                arguments: [
                    "--member-without-email", "ivan@acme.io", "--key-without-secret", key.publicKey,
                    "--invite-request", "wants-in@acme.io",
                ])
            defer { simulator.stop() }
            let out = folder.appendingPathComponent("hosted")
            let result = try SentryMigrateBinary.run(
                ["export", "--url", simulator.url, "--org", "acme", "--out", out.path, "--quiet"],
                environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: member \(ivan.hostedId!) (\(ivan.name)) left out"))
            #expect(result.stderr.contains(key.publicKey))
            let loaded = try SnapshotReader.read(from: out, requireSecrets: false)
            let exported = loaded.snapshot
            #expect(loaded.manifest.leftOut?.map(\.hostedId) == [ivan.hostedId!])
            #expect(loaded.manifest.notCarried?["integrations"] == 0)
            #expect(exported.members == fixture.members.filter { $0.email != "ivan@acme.io" })
            #expect(exported.keys.map(\.publicKey) == fixture.keys.map(\.publicKey))
            #expect(exported.secrets.contains(KeySecret(publicKey: key.publicKey, secretKey: nil)))
            #expect(exported.secrets.count { $0.secretKey != nil } == fixture.keys.count - 1)
            #expect(!exported.members.contains { $0.email == "wants-in@acme.io" })
        }
    }

    @Test func aTeamCreatedMidExportExits75AndAnEndlessListIsBounded() throws {
        try withTemporaryFolder { folder in
            // With 30 more teams, team roles come from member details, after the three lists: the 7th
            // request (index, organization, me, teams, members, projects come first) sees the change.
            let (served, _) = try Self.closedOrganization(in: folder, emptyTeams: 30)
            let changing = try Simulator.start(snapshot: served, arguments: ["--change-after-requests", "6"])
            defer { changing.stop() }
            let changedOut = folder.appendingPathComponent("changed")
            let changed = try export(changing, token: "pipeline-token", to: changedOut)
            #expect(changed.status == ExitStatus.temporaryFailure.rawValue, "\(changed.stderr)")
            #expect(
                changed.stderr.contains(
                    "nothing was written\n  why: the organization changed during the export\n  next: Run the export again."
                )
            )
            #expect(!FileManager.default.fileExists(atPath: changedOut.path))

            let endless = try Simulator.start(snapshot: served, arguments: ["--endless", "members"])
            defer { endless.stop() }
            let endlessOut = folder.appendingPathComponent("endless")
            let paged = try export(endless, token: "pipeline-token", to: endlessOut)
            #expect(paged.status == ExitStatus.dataError.rawValue, "\(paged.stderr)")
            #expect(paged.stderr.contains("still promises more"))
            #expect(!FileManager.default.fileExists(atPath: endlessOut.path))
        }
    }

    /// sentry.io's limit model, scaled down so a small organization meets it (one counter per caller
    /// shared by every endpoint, the members and keys lists on counters of their own): the export
    /// sends at most 5 % more requests than the same export with no limits, which is the minimum
    /// (the formula of docs/export.md, checked exactly by ExportTests).
    @Test func underSharedLimitsTheExportStaysWithinFivePercentOfTheMinimum() throws {
        func requests(_ arguments: [String]) throws -> Int {
            let simulator = try Simulator.start(
                generating: "teams=6,projects=60,members=30,seed=12", arguments: arguments)
            defer { simulator.stop() }
            return try withTemporaryFolder { folder in
                let result = try SentryMigrateBinary.run(
                    [
                        "export", "--url", simulator.url, "--org", "acme", "--out",
                        folder.appendingPathComponent("h").path,
                    ],
                    environment: ["SENTRY_AUTH_TOKEN": "pipeline-token"], timeout: 120)
                #expect(result.status == 0, "\(result.stderr)")
                let count = result.stderr.firstMatch(of: /in ([0-9]+) requests/).flatMap { Int($0.1) }
                return try #require(count, "\(result.stderr)")
            }
        }
        let minimum = try requests([])
        let limited = try requests([
            "--rate-limit", "50", "--rate-window", "1", "--rate-limit-members-keys", "8", "--concurrency-limit", "25",
        ])
        #expect(Double(limited) <= 1.05 * Double(minimum), "\(limited) requests for a minimum of \(minimum)")
    }
}
