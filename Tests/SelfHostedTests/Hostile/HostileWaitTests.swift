import Foundation
import Planning
import SentryModel
import Testing

@testable import SelfHosted

#if canImport(Glibc)
import Glibc
#endif

/// Bounded waits: a host that accepts the connection and never answers, a row lock held by another
/// session, another apply holding the apply lock. Each ends in exit 75 with progress on the way,
/// never a silent hang.
@Suite(.requiresDatabase) struct HostileWaitTests {
    @Test(arguments: ["plan", "apply"])
    func aSilentHostEndsInExit75(_ command: String) throws {
        try SilentServer.with { port in
            try withTemporaryFolder { folder in
                let url = "postgresql://nobody@127.0.0.1:\(port)/postgres?sslmode=disable"
                let snapshot = folder.appendingPathComponent("desired")
                _ = try SnapshotWriter.write(
                    DesiredOrganization.snapshot, source: SnapshotSource(kind: .hosted, location: "x"),
                    exportedAt: Date(), to: snapshot)
                var arguments = ["plan", "--snapshot", snapshot.path]
                if command == "apply" {
                    // A plan for that snapshot: apply checks its manifest digest before it connects.
                    let manifest = try Data(contentsOf: snapshot.appendingPathComponent("manifest.json"))
                    let plan = Plan(
                        createdAt: Date(), organization: "acme-io",
                        snapshot: .init(path: snapshot.path, manifestSHA256: SHA256Digest.hex(of: manifest)),
                        target: .init(location: "x", profile: "x", fingerprint: "x", entityDigests: [:]),
                        selection: .init(), changes: [])
                    let path = folder.appendingPathComponent("plan.json").path
                    try Data(try CanonicalJSON.bytes(of: plan)).write(to: URL(fileURLWithPath: path))
                    arguments = ["apply", path]
                }
                let result = try SentryMigrateBinary.run(
                    arguments + ["--database", url, "--connect-timeout", "4"], timeout: 60)
                #expect(result.status == ExitStatus.temporaryFailure.rawValue, "\(result.stderr)")
                #expect(result.stderr.contains("still connecting to"))
                #expect(result.stderr.contains("no answer within 4 s"))
                #expect(result.stderr.contains("--connect-timeout"))
            }
        }
    }

    @Test func theConnectTimeoutDefaultsToPGCONNECT_TIMEOUT() throws {
        try SilentServer.with { port in
            let result = try SentryMigrateBinary.run(
                ["status", "--database", "postgresql://nobody@127.0.0.1:\(port)/postgres?sslmode=disable"],
                environment: ["PGCONNECT_TIMEOUT": "2"], timeout: 60)
            #expect(result.status == ExitStatus.temporaryFailure.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains("no answer within 2 s"))
        }
    }

    /// Another session keeps the organization's row locked (as a long Sentry transaction would):
    /// apply says it is waiting, gives up after --lock-timeout with exit 75, and writes nothing.
    @Test(arguments: SchemaFixture.allCases)
    func aRowLockedElsewhereEndsInExit75(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            try ApplyScratch.planAndApply(DesiredOrganization.snapshot, on: target.database, stages: [.organization])
            var desired = DesiredOrganization.snapshot
            desired.organization.name = "Renamed"
            let plan = try target.plan(try target.write(desired), ["--out", target.planPath, "--no-rehearse"])
            #expect(plan.status == 0, "\(plan.stderr)")
            let journal = try target.journalCount()

            let holder = try target.connect()
            try holder.execute("BEGIN")
            _ = try holder.query("SELECT id FROM sentry_organization WHERE slug = 'acme-io' FOR UPDATE")
            let result = try target.apply(["--lock-timeout", "4s"])
            try target.expectRefusedBeforeAnyWrite(
                result, status: .temporaryFailure,
                mentioning: ["still waiting for the database", "lock timeout", "--lock-timeout"],
                journalBefore: journal, organizationBefore: true)
            try holder.execute("ROLLBACK")

            let again = try target.apply()
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try ApplyScratch.read(target.database).organization.name == "Renamed")
        }
    }

    @Test(arguments: SchemaFixture.allCases)
    func anotherApplyHoldingTheLockIsWaitedForThenExit75(_ fixture: SchemaFixture) throws {
        try HostileTarget.with(fixture) { target in
            let plan = try target.plan(try target.write(DesiredOrganization.snapshot), ["--out", target.planPath])
            #expect(plan.status == 0, "\(plan.stderr)")
            let other = try target.connect()
            try other.execute("SELECT pg_advisory_lock(\(Applier.lockKey))")
            let result = try target.apply(["--lock-timeout", "3s"])
            try target.expectRefusedBeforeAnyWrite(
                result, status: .temporaryFailure, mentioning: ["another sentry-migrate run", "waited 3 s"],
                journalBefore: 0)
            #expect(result.stderr.contains("waiting for it"))
        }
    }
}

/// A loopback TCP server that accepts connections and never says a word.
enum SilentServer {
    static func with(_ body: (UInt16) throws -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0)
        try #require(listen(listener, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        // The kernel completes the TCP handshake for the backlog: the client is connected, and
        // nobody ever reads or answers.
        try body(UInt16(bigEndian: address.sin_port))
    }
}
