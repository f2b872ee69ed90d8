import SentrySimulator
import Testing

@testable import Planning
@testable import SentryModel

/// A whole generated organization end to end: every entity's canonical bytes, its digests and the
/// plan file are those of the tree encoder and printer (`CanonicalWriter` replaced them for speed).
@Suite struct GeneratedOrgCanonicalBytesTests {
    static let desired = OrgGenerator.generate(GeneratorSpec(teams: 25, projects: 240, members: 1500, seed: 7))
    /// Another organization of the same slug: the plan updates, creates and deletes.
    static let current = OrgGenerator.generate(GeneratorSpec(teams: 20, projects: 200, members: 1700, seed: 8))

    static func tree(_ value: some Encodable) throws -> [UInt8] {
        JSONPrinter.print(try JSONNodeEncoder.encode(value))
    }

    static func expectDirect(_ value: some Encodable, writer: CanonicalWriter) throws {
        try writer.encodeDocument(value)
        #expect(!writer.failed)
        #expect(writer.out == (try tree(value)))
    }

    @Test func everyEntityIsWrittenDirectlyAsTheTreePrintsIt() throws {
        let snapshot = Self.desired
        #expect(snapshot.members.count == 1500 && snapshot.keys.count > 240 && !snapshot.ownership.isEmpty)
        let writer = CanonicalWriter()
        try Self.expectDirect(snapshot.organization, writer: writer)
        for team in snapshot.teams { try Self.expectDirect(team, writer: writer) }
        for member in snapshot.members { try Self.expectDirect(member, writer: writer) }
        for project in snapshot.projects { try Self.expectDirect(project, writer: writer) }
        for key in snapshot.keys { try Self.expectDirect(key, writer: writer) }
        for filter in snapshot.filters { try Self.expectDirect(filter, writer: writer) }
        for rules in snapshot.ownership { try Self.expectDirect(rules, writer: writer) }
        for secret in snapshot.secrets { try Self.expectDirect(secret, writer: writer) }
        // Whole snapshot files in one go.
        try Self.expectDirect(snapshot.members, writer: writer)
        try Self.expectDirect(snapshot.keys, writer: writer)
        try Self.expectDirect(snapshot.filters, writer: writer)
    }

    @Test func entityDigestsAreTheTreesDigests() throws {
        let digests = try Self.desired.entityDigests()
        func expected(_ value: some Encodable) throws -> String {
            String(SHA256Digest.hex(of: try Self.tree(value)).prefix(12))
        }
        var checked = 0
        #expect(digests["organization/acme"] == (try expected(Self.desired.organization)))
        for member in Self.desired.members {
            #expect(digests["members/\(member.email)"] == (try expected(member)))
            checked += 1
        }
        for key in Self.desired.keys {
            #expect(digests["keys/\(key.publicKey)"] == (try expected(key)))
            #expect(digests["secrets/\(key.publicKey)"] != nil)
            checked += 1
        }
        for filter in Self.desired.filters {
            #expect(digests["filters/\(filter.project)"] == (try expected(filter)))
            checked += 1
        }
        #expect(checked > 1500 + 240)
    }

    @Test func thePlanFileIsTheTreesStreamedPrint() throws {
        let plan = try Planner.plan(
            desired: DesiredState(
                snapshot: Self.desired, path: "desired", manifestSHA256: String(repeating: "cd", count: 32), waves: nil),
            target: TargetState(
                location: "postgresql://sentry@db.example/sentry", profile: "test profile", current: Self.current,
                facts: TargetFacts()),
            selection: Plan.Selection())
        #expect(plan.changes.count > 1000)
        #expect(plan.target.entityDigests.count > 1700)
        var written: [UInt8] = []
        try PlanJSON.write(plan, chunkSize: 1 << 16) { written += $0 }
        var head = plan
        head.changes = []
        var tree: [UInt8] = []
        try JSONPrinter.printStreaming(
            try JSONNodeEncoder.encode(head), streamedKey: "changes", count: plan.changes.count,
            element: { try JSONNodeEncoder.encode(plan.changes[$0]) }, emit: { tree += $0 })
        #expect(written.count == tree.count)
        #expect(written == tree)
        // And each change alone, written directly.
        let writer = CanonicalWriter()
        for change in plan.changes.prefix(2000) { try Self.expectDirect(change, writer: writer) }
    }
}
