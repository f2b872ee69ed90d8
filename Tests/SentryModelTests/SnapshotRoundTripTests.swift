import Foundation
import Testing

@testable import SentryModel

@Suite struct SnapshotRoundTripTests {
    @Test func writeThenReadGivesTheSameSnapshot() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.snapshot == SampleSnapshot.make())
            #expect(loaded.hasSecrets)
            #expect(loaded.snapshot.ownership[0].raw == SampleSnapshot.ownershipRaw)
            #expect(loaded.manifest.organization == "acme")
            #expect(loaded.manifest.source == SampleSnapshot.source)
            #expect(
                loaded.manifest.counts
                    == SnapshotCounts(
                        teams: 3, members: 3, pendingInvites: 1, projects: 3, keys: 3, filters: 2, ownership: 2,
                        rules: 3, metricAlerts: 2))
        }
    }

    @Test func writingNormalizesOrderButKeepsTypedFilterLists() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(SampleSnapshot.shuffled(), in: parent)
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.snapshot == SampleSnapshot.make())
            #expect(loaded.snapshot.filters[0].blacklistedIps == ["192.168.1.1", "10.0.0.0/8"])
            #expect(loaded.snapshot.filters[0].releases == ["2.*", "1.0.0-beta"])
        }
    }

    @Test func sameSnapshotGivesIdenticalBytesExceptExportTime() throws {
        try withTemporaryDirectory { parent in
            let first = try writeSample(
                in: parent, name: "first", exportedAt: Date(timeIntervalSince1970: 1_750_000_000))
            let second = try writeSample(
                SampleSnapshot.shuffled(), in: parent, name: "second",
                exportedAt: Date(timeIntervalSince1970: 1_760_000_000.9))
            for file in SnapshotFile.allCases where !file.isOptional {
                #expect(try fileBytes(first, file.path) == fileBytes(second, file.path), "\(file.path)")
            }
            let firstLines = try fileText(first, SnapshotFile.manifest).split(separator: "\n")
            let secondLines = try fileText(second, SnapshotFile.manifest).split(separator: "\n")
            #expect(firstLines.count == secondLines.count)
            let differing = zip(firstLines, secondLines).filter { $0 != $1 }
            #expect(differing.map { String($0.1) } == [#"  "exportedAt": "2025-10-09T08:53:20Z","#])
        }
    }

    @Test func filesHaveTheExactCanonicalFormat() throws {
        let snapshot = Snapshot(
            organization: Organization(slug: "acme", name: "Ünïcode / \"quoted\" ☃"),
            teams: [Team(slug: "b", name: "Back\\end;"), Team(slug: "a", name: "Ä 😀", hostedId: "7")])
        try withTemporaryDirectory { parent in
            let directory = try writeSample(snapshot, in: parent)
            #expect(
                try fileText(directory, "teams.json") == """
                    [
                      {
                        "hostedId": "7",
                        "name": "Ä 😀",
                        "slug": "a"
                      },
                      {
                        "name": "Back\\\\end;",
                        "slug": "b"
                      }
                    ]

                    """)
            #expect(try fileText(directory, "members.json") == "[]\n")
            #expect(try fileText(directory, "organization.json").contains(#""name": "Ünïcode / \"quoted\" ☃","#))
            let manifest = try fileText(directory, SnapshotFile.manifest)
            #expect(manifest.hasPrefix("{\n  \"counts\": {\n    \"filters\": 0,\n"))
            #expect(manifest.contains(#""format": "sentry-migrate/snapshot@1","#))
            #expect(manifest.contains(#""toolVersion": "0.1.0""#))
            #expect(manifest.contains(#""location": "https://sentry.io/api/0/organizations/acme/""#))
        }
    }

    @Test func manifestListsEveryFileWithItsChecksum() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let manifest = try SnapshotReader.read(from: directory).manifest
            // secrets/settings.json only when a project has a security token (the sample has none);
            // rules.json and metric-alerts.json only when there are some (the sample has both).
            let files = SnapshotFile.allCases.filter { !$0.isOptional || $0 == .rules || $0 == .metricAlerts }
            #expect(Set(manifest.files.keys) == Set(files.map(\.path)))
            for file in files {
                #expect(manifest.files[file.path] == SHA256Digest.hex(of: try fileBytes(directory, file.path)))
            }
        }
    }

    @Test func exportTimeIsWholeSecondsInUTC() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent, exportedAt: Date(timeIntervalSince1970: 1_700_000_000.75))
            #expect(try fileText(directory, SnapshotFile.manifest).contains(#""exportedAt": "2023-11-14T22:13:20Z""#))
            let loaded = try SnapshotReader.read(from: directory)
            #expect(loaded.manifest.exportedAt == Date(timeIntervalSince1970: 1_700_000_000))
        }
    }

    @Test func secretsAreOwnerOnlyEvenWithAPermissiveUmask() throws {
        try withTemporaryDirectory { parent in
            let previous = umask(0)
            defer { umask(previous) }
            let directory = try writeSample(in: parent)
            #expect(try permissions(directory.appendingPathComponent("secrets")) == 0o700)
            #expect(try permissions(directory.appendingPathComponent("secrets/keys.json")) == 0o600)
            let keys = try fileText(directory, "keys.json")
            for secret in SampleSnapshot.allSecrets { #expect(!keys.contains(secret)) }
        }
    }

    @Test func readWithoutSecretsWhenTheyAreNotRequired() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try FileManager.default.removeItem(at: directory.appendingPathComponent("secrets"))
            let loaded = try SnapshotReader.read(from: directory, requireSecrets: false)
            #expect(!loaded.hasSecrets)
            #expect(loaded.snapshot.secrets.isEmpty)
            #expect(loaded.snapshot.keys == SampleSnapshot.make().keys)
        }
    }

    @Test func canonicalizedIsIdempotentAndOrdersByBytes() {
        var snapshot = SampleSnapshot.make()
        snapshot.teams.append(Team(slug: "Zeta", name: "upper case sorts before lower case"))
        snapshot.teams.append(Team(slug: "émigré", name: "non-ASCII sorts after ASCII"))
        let once = snapshot.canonicalized()
        #expect(once.teams.map(\.slug) == ["Zeta", "backend", "frontend", "ops", "émigré"])
        #expect(once.canonicalized() == once)
    }
}
