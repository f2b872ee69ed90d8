import Foundation
import SentryModel
import Testing

@testable import SelfHosted

/// Not a timed test: run with `SENTRY_MIGRATE_BENCH=1` to print how long an initial apply of a large
/// organization takes next to loading the very same rows with `COPY … FROM` (DESIGN.md: within 2×).
@Suite(.requiresDatabase, .enabled(if: ProcessInfo.processInfo.environment["SENTRY_MIGRATE_BENCH"] != nil))
struct ApplyBenchmark {
    @Test func initialApplyAgainstCopy() throws {
        let scale = Int(ProcessInfo.processInfo.environment["SENTRY_MIGRATE_BENCH_SCALE"] ?? "10") ?? 10
        let desired = Self.organization(scale: scale)
        try ApplyScratch.withTarget(.v24) { scratch, database in
            let plan = try ApplyScratch.plan(desired, on: database)
            let clock = ContinuousClock()
            var stageTimes: [String] = []
            var last = clock.now
            let applyTime = try clock.measure {
                try database.apply(
                    ApplyRequest(plan: plan, planDigest: "bench", planPath: "bench.json", desired: desired)
                ) { line in
                    stageTimes.append("\(line) [\(clock.now - last)]")
                    last = clock.now
                }
            }
            let copyTime = try Self.copyTime(from: try scratch.connect(), profile: database.profile)
            print(
                "bench scale \(scale): \(desired.teams.count) teams, \(desired.projects.count) projects, "
                    + "\(desired.members.count) members, \(desired.keys.count) keys")
            stageTimes.forEach { print("  \($0)") }
            print("bench apply \(applyTime), COPY of the same rows \(copyTime)")
            #expect(try ApplyScratch.read(database).members.count == desired.members.count)
        }
    }

    /// Copies every row apply wrote into a fresh database with the same schema, timing only COPY FROM.
    private static func copyTime(from source: PostgresConnection, profile: TargetProfile) throws -> Duration {
        let tables = [
            "auth_user", "sentry_useremail", "sentry_email", "sentry_organization", "sentry_organizationmapping",
            "sentry_organizationslugreservation", "hybridcloud_organizationslugreservationreplica", "sentry_team",
            "sentry_teamreplica", "sentry_organizationmember", "sentry_organizationmembermapping",
            "sentry_organizationmember_teams", "sentry_organizationmember_teamsreplica", "sentry_project",
            "sentry_projectteam", "sentry_projectkey", "sentry_projectoptions", "sentry_projectownership",
        ].filter { profile.catalog.hasTable($0) }
        var data: [(String, [String], [[String?]])] = []
        for table in tables {
            let columns = profile.catalog.tables[table]!.map(\.name)
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            data.append(
                (table, columns, try source.copyOut("SELECT \(unescaped: list) FROM \(identifier: table)")))
        }
        return try TestDatabase.withScratchDatabase { scratch in
            let target = try scratch.connect()
            try SchemaFixture.v24.load(into: target)
            return try ContinuousClock().measure {
                try target.withTransaction { connection in
                    for (table, columns, rows) in data {
                        try connection.copyIn(
                            table: table, columns: columns,
                            rows: rows.lazy.map { $0.map { $0 as any PostgresEncodable } })
                    }
                }
            }
        }
    }

    /// `scale` 10 is DESIGN.md's "large" organization; 1 is a tenth of it.
    static func organization(scale: Int) -> Snapshot {
        let teams = (0..<(50 * scale)).map { Team(slug: String(format: "team-%05d", $0), name: "Team \($0) ☃") }
        let projects = (0..<(500 * scale)).map { index in
            Project(
                slug: String(format: "project-%06d", index), name: "Project \(index)", platform: "python",
                teams: [teams[index % teams.count].slug], hostedId: String(4_000_000 + index))
        }
        let members = (0..<(5000 * scale)).map { index in
            let email = String(format: "member-%06d@example.com", index)
            let pending = index % 10 == 0
            return Member(
                email: email, name: pending ? email : "Member \(index)", role: index == 0 ? "owner" : "member",
                pending: pending,
                teams: [teams[index % teams.count].slug, teams[(index + 1) % teams.count].slug].sorted().map {
                    TeamMembership(slug: $0)
                }, identity: pending ? .invite : .create)
        }
        var keys: [ClientKey] = []
        var secrets: [KeySecret] = []
        for (index, project) in projects.enumerated() {
            for n in 0..<2 {
                let publicKey = String(format: "%031x%01x", index, n)
                keys.append(ClientKey(project: project.slug, label: "Key \(n)", publicKey: publicKey))
                secrets.append(KeySecret(publicKey: publicKey, secretKey: String(format: "f%030x%01x", index, n)))
            }
        }
        let filters = projects.map { InboundFilters(project: $0.slug, localhost: true, releases: ["1.*"]) }
        let ownership = projects.map { project in
            Ownership(project: project.slug, raw: "path:src/* #\(project.teams[0]) member-000001@example.com")
        }
        return Snapshot(
            organization: Organization(slug: "acme-io", name: "Acme"), teams: teams, members: members,
            projects: projects, keys: keys, filters: filters, ownership: ownership, secrets: secrets
        ).canonicalized()
    }
}
