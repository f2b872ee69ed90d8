import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

/// `sentry-migrate plan` run as a process against the seeded fixture database, and the facts reader.
@Suite(.requiresDatabase) struct PlanCommandTests {
    @Test func theSeededOrganizationAgainstItsOwnSnapshotHasNoChanges() throws {
        try withSeededDatabase { url, folder in
            let current = try readSnapshot(url: url, into: folder)
            let result = try SentryMigrateBinary.run(
                ["plan", "--snapshot", current.path, "--database", url, "--detailed-exitcode"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasSuffix("No changes. The target matches the snapshot.\n"), "\(result.stdout)")
            expectNoSecret(in: [result.stdout, result.stderr])
        }
    }

    @Test func anEditedTeamNameIsAChangeAndExitsTwo() throws {
        try withSeededDatabase { url, folder in
            let current = try readSnapshot(url: url, into: folder)
            var desired = try SnapshotReader.read(from: current).snapshot
            let index = try #require(desired.teams.firstIndex { $0.slug == "backend" })
            desired.teams[index].name = "Backend “Core” | Team"
            let desiredFolder = folder.appendingPathComponent("desired")
            try SnapshotWriter.write(
                desired, source: SnapshotSource(kind: .transform, location: "current + test"),
                exportedAt: Date(timeIntervalSince1970: 0), to: desiredFolder)

            let planFile = folder.appendingPathComponent("plan.json")
            let result = try SentryMigrateBinary.run(
                [
                    "plan", "--snapshot", desiredFolder.path, "--database", url, "--detailed-exitcode", "--out",
                    planFile.path,
                ])
            #expect(result.status == ExitStatus.differences.rawValue, "\(result.stderr)")
            #expect(
                result.stdout.contains("Teams:\n  ~ backend\n      name: \"Backend\" → \"Backend “Core” | Team\"\n"))
            #expect(result.stdout.hasSuffix("Plan: 0 to create, 1 to update, 0 to delete, 0 kept.\n"))
            #expect(!result.stdout.contains("\u{1B}["), "no colours when standard output is not a terminal")

            let saved = try String(contentsOf: planFile, encoding: .utf8)
            let plan = try JSONDecoder().decode(Plan.self, from: Data(saved.utf8))
            #expect(plan.changes.map(\.key) == ["backend"])
            #expect(plan.target.profile.hasPrefix("26.x"))
            #expect(plan.target.entityDigests["teams/backend"] != nil)
            #expect(plan.snapshot.path == desiredFolder.path)

            var outputs = [result.stdout, result.stderr, saved]
            let markdownFolder = folder.appendingPathComponent("md")
            for format in ["markdown", "json"] {
                let other = try SentryMigrateBinary.run(
                    [
                        "plan", "--snapshot", desiredFolder.path, "--database", url, "--format", format,
                        "--out-markdown-dir", markdownFolder.path,
                    ])
                #expect(other.status == 0, "\(other.stderr)")
                #expect(other.stdout.contains("Backend “Core” | Team"))
                outputs += [other.stdout, other.stderr]
                if format == "markdown" {
                    let part = try String(
                        contentsOf: markdownFolder.appendingPathComponent("plan-1.md"), encoding: .utf8)
                    #expect(part == other.stdout)
                    #expect(part.hasPrefix("<!-- sentry-migrate plan: part 1 of 1 -->"))
                } else {
                    // JSON is the plan file's format: it records the target as --out does.
                    let printed = try JSONDecoder().decode(Plan.self, from: Data(other.stdout.utf8))
                    #expect(printed.target.fingerprint == plan.target.fingerprint)
                    #expect(printed.target.entityDigests == plan.target.entityDigests)
                }
            }
            // Shown only (text, nothing saved), the target is not digested, and the text is the same.
            let shown = try SentryMigrateBinary.run(["plan", "--snapshot", desiredFolder.path, "--database", url])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout == result.stdout)
            expectNoSecret(in: outputs)
        }
    }

    @Test func anUnknownWaveIsAUsageError() throws {
        try withSeededDatabase { url, folder in
            let current = try readSnapshot(url: url, into: folder)
            let result = try SentryMigrateBinary.run(
                ["plan", "--snapshot", current.path, "--database", url, "--wave", "first"])
            #expect(result.status == ExitStatus.usage.rawValue)
            #expect(result.stderr.contains("--wave first"))
            #expect(result.stderr.contains("waves.json"))
        }
    }

    @Test func factsNameExistingUsersAndEveryCollision() throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v26.load(into: try scratch.connect(), seeded: true)
            let target = try TargetDatabase(target: scratch.target)
            let desired = Snapshot(
                organization: Organization(slug: "newco", name: "New Co"),
                members: [
                    Member(email: "marek.manager@acme.example", name: "Marek", role: "member"),
                    Member(email: "nobody@newco.example", name: "Nobody", role: "member"),
                ],
                projects: [
                    Project(slug: "site", name: "Site", hostedId: "9101"),
                    Project(slug: "fresh", name: "Fresh", hostedId: "123456"),
                ],
                keys: [
                    ClientKey(project: "site", label: "Default", publicKey: "b89385d6755f00eba80cd74be87f8792"),
                    ClientKey(project: "fresh", label: "Default", publicKey: "0123456789abcdef0123456789abcdef"),
                ],
                secrets: [
                    KeySecret(
                        publicKey: "b89385d6755f00eba80cd74be87f8792", secretKey: "e1d471c0ebffc7d3991359efef566338"),
                    KeySecret(
                        publicKey: "0123456789abcdef0123456789abcdef", secretKey: "7ae47357bdb7134142c049fa632e0a88"),
                ])
            let facts = try target.readFacts(for: desired)
            #expect(facts.usersByEmail == ["marek.manager@acme.example": 102])
            #expect(facts.projectIdHolders == ["9101": TargetFacts.Holder(organization: "other-org", project: "api")])
            #expect(
                facts.publicKeyHolders == [
                    "b89385d6755f00eba80cd74be87f8792": TargetFacts.Holder(
                        organization: "other-org", project: "api", publicKey: "b89385d6755f00eba80cd74be87f8792")
                ])
            #expect(
                facts.secretKeyHolders == [
                    "b89385d6755f00eba80cd74be87f8792": TargetFacts.Holder(
                        organization: "other-org", project: "api", publicKey: "b89385d6755f00eba80cd74be87f8792"),
                    "0123456789abcdef0123456789abcdef": TargetFacts.Holder(
                        organization: "acme-corp", project: "web", publicKey: "b83d7e41bfc423b5e7f2096c2035b30f"),
                ])
        }
    }

    /// Given the organization the target holds, keys it holds as desired are not looked up (their
    /// holder would be the key itself), and the plan is the same as with every key looked up: a held
    /// key whose desired secret another organization's key has, and a new key whose public key another
    /// organization has, are still found.
    @Test func factsSkipOnlyKeysTheOrganizationHoldsAsDesired() throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v26.load(into: try scratch.connect(), seeded: true)
            let target = try TargetDatabase(target: scratch.target)
            let current = try #require(try target.readOrganization(slug: "acme-corp"))
            var desired = current
            let changed = try #require(desired.secrets.first)
            desired.secrets[0].secretKey = "e1d471c0ebffc7d3991359efef566338"
            let project = try #require(desired.projects.first).slug
            desired.keys.append(
                ClientKey(project: project, label: "Borrowed", publicKey: "b89385d6755f00eba80cd74be87f8792"))

            let everyKey = try target.readFacts(for: desired)
            let onlyNeeded = try target.readFacts(for: desired, current: current)
            let held = Set(current.keys.map(\.publicKey))
            #expect(onlyNeeded.publicKeyHolders.keys.allSatisfy { !held.contains($0) })
            #expect(onlyNeeded.publicKeyHolders["b89385d6755f00eba80cd74be87f8792"]?.organization == "other-org")
            #expect(onlyNeeded.secretKeyHolders[changed.publicKey]?.organization == "other-org")
            #expect(onlyNeeded.secretKeyHolders.count < everyKey.secretKeyHolders.count)

            let withEveryKey = try Differ.changes(desired: desired, current: current, facts: everyKey)
            let withNeeded = try Differ.changes(desired: desired, current: current, facts: onlyNeeded)
            #expect(withNeeded == withEveryKey)
            let reasons = withNeeded.compactMap { $0.dsn?.reason }
            #expect(reasons.contains { $0.contains("its secret key is already used by key b89385d6") })
            #expect(reasons.contains { $0.contains("public key b89385d6… is already a key of other-org/api") })
        }
    }

    /// Given the organization the target holds, a member it holds with a user and a desired pending
    /// invite are not looked up by e-mail, and a project it holds is not looked up by hosted id; new
    /// members, invites that become members and new projects still are, and the plan is the same as
    /// with everything looked up.
    @Test func factsSkipOnlyMembersAndProjectsTheOrganizationHolds() throws {
        try TestDatabase.withScratchDatabase { scratch in
            let connection = try scratch.connect()
            try SchemaFixture.v26.load(into: connection, seeded: true)
            try TestUsers.insert(
                [
                    (901, "Pending.One@acme.example"), (902, "newcomer@acme.example"),
                    (903, "pending.two@acme.example"),
                    (904, "invitee@acme.example"),
                ], into: connection)
            let target = try TargetDatabase(target: scratch.target)
            let current = try #require(try target.readOrganization(slug: "acme-corp"))
            var desired = current
            let invite = try #require(desired.members.firstIndex { $0.email == "pending.one@acme.example" })
            desired.members[invite].pending = false
            desired.members.append(Member(email: "newcomer@acme.example", name: "Newcomer", role: "member"))
            desired.members.append(
                Member(email: "invitee@acme.example", name: "Invitee", role: "member", pending: true))
            let taken = try #require(desired.projects.first?.hostedId)
            desired.projects.append(Project(slug: "fresh", name: "Fresh", hostedId: "9101"))

            let everything = try target.readFacts(for: desired)
            let onlyNeeded = try target.readFacts(for: desired, current: current)
            let heldWithUser = current.members.filter { !$0.pending }.map(\.email)
            #expect(!heldWithUser.isEmpty)
            #expect(heldWithUser.allSatisfy { everything.usersByEmail[$0] != nil })
            #expect(heldWithUser.allSatisfy { onlyNeeded.usersByEmail[$0] == nil })
            #expect(onlyNeeded.usersByEmail == ["pending.one@acme.example": 901, "newcomer@acme.example": 902])
            #expect(everything.usersByEmail["pending.two@acme.example"] == nil)
            #expect(everything.usersByEmail["invitee@acme.example"] == nil)
            #expect(everything.projectIdHolders[taken] != nil)
            #expect(
                onlyNeeded.projectIdHolders == ["9101": TargetFacts.Holder(organization: "other-org", project: "api")])

            let withEverything = try Differ.changes(desired: desired, current: current, facts: everything)
            let withNeeded = try Differ.changes(desired: desired, current: current, facts: onlyNeeded)
            #expect(withNeeded == withEverything)
            // An invite that stays an invite is not looked up, though a user has its e-mail now: knowing
            // that user would change nothing.
            var knowingTheInvitee = onlyNeeded
            knowingTheInvitee.usersByEmail["pending.two@acme.example"] = 903
            knowingTheInvitee.usersByEmail["invitee@acme.example"] = 904
            #expect(try Differ.changes(desired: desired, current: current, facts: knowingTheInvitee) == withNeeded)
            #expect(
                withNeeded.contains {
                    $0.stage == .members && $0.key == "newcomer@acme.example" && $0.identity?.existingUserId == 902
                })
        }
    }

    @Test func aNewOrganizationIsPlannedWholeWithItsCollisions() throws {
        try withSeededDatabase { url, folder in
            let current = try readSnapshot(url: url, into: folder)
            var desired = try SnapshotReader.read(from: current).snapshot
            desired.organization.slug = "acme-two"
            desired.organization.alongside = true
            let desiredFolder = folder.appendingPathComponent("desired")
            try SnapshotWriter.write(
                desired, source: SnapshotSource(kind: .transform, location: "test"),
                exportedAt: Date(timeIntervalSince1970: 0), to: desiredFolder)
            let result = try SentryMigrateBinary.run(
                ["plan", "--snapshot", desiredFolder.path, "--database", url, "--detailed-exitcode"])
            #expect(result.status == ExitStatus.differences.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains("organization 'acme-two' is not on the target yet"))
            #expect(result.stdout.contains("+ api  — DSNs change: project id 9001 is taken by acme-corp/api"))
            #expect(result.stdout.contains("+ ada@acme.example  — links existing user #103"))
            #expect(result.stdout.contains("+ contractor@partner.example  — invites"))
            expectNoSecret(in: [result.stdout, result.stderr])
        }
    }

    @Test func errorsShowNeitherPasswordsNorSecrets() throws {
        try withSeededDatabase { url, folder in
            let current = try readSnapshot(url: url, into: folder)
            let unreachable = try SentryMigrateBinary.run(
                [
                    "plan", "--snapshot", current.path, "--database",
                    "postgresql://sentry:hunter2-Secret@127.0.0.1:1/postgres",
                ],
                environment: ["PGCONNECT_TIMEOUT": "3"])
            #expect(unreachable.status == ExitStatus.unavailable.rawValue)
            #expect(!unreachable.stderr.contains("hunter2-Secret") && !unreachable.stdout.contains("hunter2-Secret"))

            try FileManager.default.removeItem(at: current.appendingPathComponent("secrets"))
            let noSecrets = try SentryMigrateBinary.run(["plan", "--snapshot", current.path, "--database", url])
            #expect(noSecrets.status == ExitStatus.dataError.rawValue, "\(noSecrets.stderr)")
            #expect(noSecrets.stderr.contains("secrets"))
            expectNoSecret(in: [unreachable.stdout, unreachable.stderr, noSecrets.stdout, noSecrets.stderr])
        }
    }

    // MARK: - Helpers

    private func withSeededDatabase(_ body: (String, URL) throws -> Void) throws {
        try TestDatabase.withScratchDatabase { scratch in
            try SchemaFixture.v26.load(into: try scratch.connect(), seeded: true)
            let base = try #require(TestDatabase.url)
            let url = base.replacingOccurrences(of: "///postgres?", with: "///\(scratch.name)?")
            try withTemporaryFolder { folder in try body(url, folder) }
        }
    }

    private func readSnapshot(url: String, into folder: URL) throws -> URL {
        let out = folder.appendingPathComponent("current")
        let result = try SentryMigrateBinary.run([
            "read", "--database", url, "--target-org", "acme-corp", "--out", out.path,
        ])
        try #require(result.status == 0, "\(result.stderr)")
        return out
    }

    private func expectNoSecret(in outputs: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in seededAcmeSnapshot.secrets where secret.secretKey != nil {
            for output in outputs where output.contains(secret.secretKey!) {
                Issue.record("secret key of \(secret.publicKey) appears in the output", sourceLocation: sourceLocation)
            }
        }
    }
}
