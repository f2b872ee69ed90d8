import Foundation
import Planning
import SentryModel
import Testing

@testable import Finishing

/// What `finish` does comes from the applied plan alone: exactly the caches its creates and updates
/// made stale, and the invitations of the pending invites it created.
@Suite struct FinishWorkTests {
    static let keyA = "a0000000000000000000000000000000"
    static let keyB = "b0000000000000000000000000000000"
    static let keyC = "c0000000000000000000000000000000"

    /// The target before: organization `sentry` with team `ops` (renamed by the plan), project `api`
    /// with key A (changed); the plan adds project `web` with key C, key B on `api`, and members.
    static func plan(into: Bool = true) throws -> Plan {
        let current = Snapshot(
            organization: Organization(slug: "sentry", name: "Sentry", hostedId: "1"),
            teams: [Team(slug: "ops", name: "Ops"), Team(slug: "kept", name: "Kept")],
            members: [Member(email: "old@example.com", name: "Old", role: "member")],
            projects: [Project(slug: "api", name: "API", teams: ["ops"])],
            keys: [ClientKey(project: "api", label: "Default", publicKey: keyA)],
            filters: [InboundFilters(project: "api")],
            ownership: [Ownership(project: "api", raw: "path:a #ops")])
        let desired = Snapshot(
            organization: Organization(slug: "acme", name: "Acme", into: into ? "sentry" : nil),
            teams: [Team(slug: "ops", name: "Operations")],
            members: [
                Member(email: "new@example.com", name: "New", role: "member", identity: .invite),
                Member(email: "link@example.com", name: "Link", role: "admin", identity: .link),
                Member(email: "pending@example.com", name: "pending@example.com", role: "member", pending: true),
            ],
            projects: [
                Project(slug: "api", name: "API v2", teams: ["ops"]), Project(slug: "web", name: "Web", teams: ["ops"]),
            ],
            keys: [
                ClientKey(project: "api", label: "Renamed", publicKey: keyA),
                ClientKey(project: "api", label: "Second", publicKey: keyB),
                ClientKey(project: "web", label: "Default", publicKey: keyC),
            ],
            filters: [
                InboundFilters(project: "api", localhost: true), InboundFilters(project: "web", localhost: true),
            ],
            ownership: [Ownership(project: "api", raw: "path:b #ops"), Ownership(project: "web", raw: "path:c #ops")])
        return try Planner.plan(
            desired: DesiredState(snapshot: desired, path: "desired", manifestSHA256: "m"),
            target: TargetState(
                location: "db", profile: "p", current: current,
                facts: TargetFacts(
                    usersByEmail: ["link@example.com": 7], organizations: ["sentry"],
                    defaultOrganization: TargetFacts.OrganizationRow(slug: "sentry", id: 1))),
            selection: Plan.Selection())
    }

    @Test func refreshesWhatExistedAndRelayForEveryKeyCreatedOrChanged() throws {
        let work = FinishWork(plan: try Self.plan(), sendInvites: false)
        #expect(work.organization == "acme")
        #expect(
            work.items == [
                .organization(previousSlug: "sentry"), .team(slug: "ops"), .project(slug: "api"),
                .projectDetectors(project: "web"), .key(publicKey: Self.keyA, existing: true),
                .key(publicKey: Self.keyB, existing: false),
                .key(publicKey: Self.keyC, existing: false), .projectOptions(project: "api"),
                .ownership(project: "api"),
            ])
    }

    @Test func invitesOnlyTheInvitesThePlanCreatedAndOnlyWhenAsked() throws {
        let work = FinishWork(plan: try Self.plan(), sendInvites: true)
        #expect(
            work.items.filter { if case .invite = $0 { true } else { false } }
                == [.invite(email: "new@example.com"), .invite(email: "pending@example.com")])
    }

    @Test func aPlanWithoutChangesLeavesNothingToDo() throws {
        var plan = try Self.plan()
        plan.changes = plan.changes.filter { $0.action == .keep }
        #expect(FinishWork(plan: plan, sendInvites: true).isEmpty)
    }

    @Test func theScriptIsPythonCarryingEveryItemAndNoSecret() throws {
        let work = FinishWork(plan: try Self.plan(), sendInvites: true)
        let script = try FinishScript.render(work)
        #expect(script.contains("WORK = json.loads(\""))
        // Python itself parses it (the conformance tier runs it inside Sentry 23.7.1), and its WORK line
        // gives back the items.
        let python = try ShellRun.run(
            """
            python3 -c 'import ast, json, sys
            text = sys.stdin.read()
            ast.parse(text)
            line = next(l for l in text.splitlines() if l.startswith("WORK = "))
            space = {"json": json}
            exec(line, space)
            work = space["WORK"]
            print(work["organization"], work["items"][0], *[i["name"] for i in work["items"]], sep="\\n")'
            """, input: script)
        #expect(python.status == 0, "\(python)")
        #expect(
            python.output.split(separator: "\n").map(String.init)
                == ["acme", "{'kind': 'organization', 'name': 'organization', 'previousSlug': 'sentry'}"]
                + work.items.map(\.description))
    }

    @Test func reportLinesAreReadAndEverythingElseOnlyCounted() {
        let output = """
            sentry-migrate-finish\tok\tteam ops\trow cache refreshed
            Subject: Join Acme in using Sentry
            https://sentry.example/accept/12/secret-token/
            sentry-migrate-finish\tsent\tinvite new@example.com\tinvitation e-mail queued
            sentry-migrate-finish\tunheard-of\tx\ty
            """
        let report = FinishReport.parse(output, status: 0)
        #expect(
            report.outcomes == [
                FinishOutcome(status: .ok, item: "team ops", detail: "row cache refreshed"),
                FinishOutcome(status: .sent, item: "invite new@example.com", detail: "invitation e-mail queued"),
            ])
        #expect(report.otherLines == 3)
    }

    @Test func theCommandGetsTheScriptOnStandardInputThroughTheShell() throws {
        let report = try SentryExec.run(
            command:
                "grep -c 'sentry-migrate finish' >/dev/null && printf 'sentry-migrate-finish\\tok\\tteam a\\tdone\\n'; exit 3",
            script: "# Generated by sentry-migrate finish\n")
        #expect(report.outcomes == [FinishOutcome(status: .ok, item: "team a", detail: "done")])
        #expect(report.status == 3)
    }
}

/// `/bin/sh -c` with a standard input, for the Python check.
enum ShellRun {
    static func run(_ command: String, input: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
