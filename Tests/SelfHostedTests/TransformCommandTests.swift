import Foundation
import SentryModel
import Testing

/// `sentry-migrate transform`, run as a person runs it.
@Suite struct TransformCommandTests {
    static let hosted = "Tests/Fixtures/snapshots/acme-hosted"
    static let dataFiles = SnapshotFile.allCases.filter { !$0.isSecret && !$0.isOptional }.map(\.path)

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    @Test func exampleMappingWritesTheDesiredSnapshotAndExplains() throws {
        try withTemporaryFolder { temp in
            let out = temp.appendingPathComponent("desired")
            let result = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", "mappings/example.yaml", "--out", out.path,
                "--explain",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                result.stdout.contains("mappings/example.yaml:16:13: teams.rename: team 'payments': slug → 'billing'\n")
            )
            #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("mappings/example.yaml:") })
            #expect(result.stderr.contains("wrote \(out.path): "))
            let desired = try SnapshotReader.read(from: out, requireSecrets: false)
            #expect(desired.snapshot.organization.slug == "acme-selfhosted")
            #expect(desired.manifest.source.kind == .transform)
            #expect(!desired.hasSecrets)
            let waves = try String(contentsOf: out.appendingPathComponent("waves.json"), encoding: .utf8)
            #expect(waves.contains("\"name\" : \"wave-1\""))
        }
    }

    /// The sample has a `billing` member, which the identity mapping rejects; a first transform maps
    /// the role, and the identity mapping over its result must then change nothing.
    @Test func identityMappingKeepsEveryDataFileByteForByte() throws {
        try withTemporaryFolder { temp in
            let roles = temp.appendingPathComponent("roles.yaml")
            try "version: 1\nmembers:\n  roles: {billing: member}\n".write(to: roles, atomically: true, encoding: .utf8)
            let compatible = temp.appendingPathComponent("compatible")
            let first = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", roles.path, "--out", compatible.path,
            ])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr.hasSuffix("; 1 change\n"))

            let out = temp.appendingPathComponent("desired")
            let result = try SentryMigrateBinary.run([
                "transform", "--snapshot", compatible.path, "--mapping", "mappings/identity.yaml", "--out", out.path,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasSuffix("; no changes\n"))
            for file in Self.dataFiles {
                #expect(
                    try Self.bytes(out.appendingPathComponent(file))
                        == Self.bytes(compatible.appendingPathComponent(file)),
                    "\(file)")
            }
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("waves.json").path))
        }
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        try withTemporaryFolder { temp in
            var outputs: [URL] = []
            for name in ["first", "second"] {
                let out = temp.appendingPathComponent(name)
                let result = try SentryMigrateBinary.run([
                    "transform", "--snapshot", Self.hosted, "--mapping", "mappings/example.yaml", "--out", out.path,
                ])
                #expect(result.status == 0, "\(result.stderr)")
                outputs.append(out)
            }
            for file in Self.dataFiles + ["manifest.json", "waves.json"] {
                #expect(
                    try Self.bytes(outputs[0].appendingPathComponent(file))
                        == Self.bytes(outputs[1].appendingPathComponent(file)),
                    "\(file)")
            }
        }
    }

    @Test func invalidMappingReportsEveryProblemAndWritesNothing() throws {
        try withTemporaryFolder { temp in
            let mapping = temp.appendingPathComponent("bad.yaml")
            try "version: 1\nteams:\n  rename: {paymnts: billing}\n  exclud: [x]\n".write(
                to: mapping, atomically: true, encoding: .utf8)
            let out = temp.appendingPathComponent("desired")
            let result = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", mapping.path, "--out", out.path,
            ])
            #expect(result.status == 65)
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr == """
                    \(mapping.path):1:1: error: member 'erin@acme.io' has role 'billing', which self-hosted Sentry lacks
                      next: map it in members.roles, for example 'billing: member'
                    \(mapping.path):3:12: error: team 'paymnts' in teams.rename is not in the snapshot (did you mean 'payments'?)
                      next: teams.rename names teams by their hosted slug
                    \(mapping.path):4:3: error: unknown key 'exclud' in teams (did you mean 'exclude'?)
                      next: teams accepts: rename, merge, exclude
                    3 errors in \(mapping.path); nothing was written.

                    """)
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    /// Transform is all or nothing: the waves are listed in the manifest with the data files, no
    /// secrets folder is written for an input without one, and a failed transform leaves an existing
    /// output as it was, byte for byte.
    @Test func theOutputIsWrittenWholeOrNotAtAll() throws {
        try withTemporaryFolder { temp in
            let out = temp.appendingPathComponent("desired")
            let first = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", "mappings/example.yaml", "--out", out.path,
            ])
            #expect(first.status == 0, "\(first.stderr)")
            let loaded = try SnapshotReader.read(from: out, requireSecrets: false)
            let waves = try Self.bytes(out.appendingPathComponent("waves.json"))
            #expect(loaded.manifest.files["waves.json"] == SHA256Digest.hex(of: waves))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("secrets").path))
            let files = ["manifest.json", "waves.json"] + Self.dataFiles
            let before = try files.map { try Self.bytes(out.appendingPathComponent($0)) }

            let mapping = temp.appendingPathComponent("bad.yaml")
            try "version: 1\nteams:\n  rename: {paymnts: billing}\n".write(
                to: mapping, atomically: true, encoding: .utf8)
            let failed = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", mapping.path, "--out", out.path,
            ])
            #expect(failed.status == 65)
            #expect(try files.map { try Self.bytes(out.appendingPathComponent($0)) } == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["bad.yaml", "desired"])
        }
    }

    @Test func missingInputsAreReportedWithTheirExitStatus() throws {
        try withTemporaryFolder { temp in
            let out = temp.appendingPathComponent("desired").path
            let noMapping = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", "nope.yaml", "--out", out,
            ])
            #expect(noMapping.status == 65)
            #expect(noMapping.stderr.hasPrefix("nope.yaml: error: cannot read the mapping file"))
            let sameFolder = try SentryMigrateBinary.run([
                "transform", "--snapshot", Self.hosted, "--mapping", "mappings/identity.yaml", "--out", Self.hosted,
            ])
            #expect(sameFolder.status == 64)
            #expect(sameFolder.stderr.contains("--out must differ from --snapshot"))
            let missingFlag = try SentryMigrateBinary.run(["transform", "--snapshot", Self.hosted])
            #expect(missingFlag.status == 64)
        }
    }

    @Test func helpExplainsTheCommandToANewcomer() throws {
        let result = try SentryMigrateBinary.run(["transform", "--help"])
        #expect(result.status == 0)
        for text in ["--snapshot <dir>", "--mapping <file>", "--out <dir>", "--explain", "docs/mapping.md", "exit 65"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
    }
}
