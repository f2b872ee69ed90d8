import Foundation
import Testing

@testable import SentryModel

/// One test per kind of damage a snapshot can have. Each checks the problem's kind, its place
/// (file, JSON path, line:column, as printed), the exit status, and that no secret leaks.
@Suite struct SnapshotReaderTests {
    /// Checks that `error` reports `kind` at `file` (and `path`, at the position of the
    /// `occurrence`-th `near` in the file's text) with a message containing `fragment`.
    private func expectProblem(
        _ error: SnapshotError, _ kind: SnapshotProblem.Kind, in directory: URL, file: String, path: String? = nil,
        near: String? = nil, occurrence: Int = 1, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(error.exitStatus == .dataError, sourceLocation: sourceLocation)
        #expect(!SampleSnapshot.allSecrets.contains { error.description.contains($0) }, sourceLocation: sourceLocation)
        let candidates = error.problems.filter { $0.kind == kind && $0.file == file && $0.jsonPath == path }
        let problem = try #require(
            candidates.first { $0.message.contains(fragment) }, "no \(kind) in \(file) at \(path ?? "-"): \(error)",
            sourceLocation: sourceLocation)
        var location = directory.relativePath + (file.isEmpty ? "" : "/" + file)
        if let near {
            let text = try fileText(directory, file)
            let expected = try #require(
                position(of: near, occurrence: occurrence, in: text), sourceLocation: sourceLocation)
            #expect(problem.line == expected.line, sourceLocation: sourceLocation)
            #expect(problem.column == expected.column, sourceLocation: sourceLocation)
            location += ":\(expected.line):\(expected.column)"
        }
        let line = "\(location): error: \(path.map { "\($0): " } ?? "")\(problem.message)"
        #expect(error.description.contains(line), "\(error.description)", sourceLocation: sourceLocation)
        #expect(error.description.contains("  next: \(problem.next)"), sourceLocation: sourceLocation)
    }

    @Test func missingDirectory() throws {
        try withTemporaryDirectory { parent in
            let directory = parent.appendingPathComponent("nowhere")
            let error = try readFailure(directory)
            try expectProblem(error, .missingDirectory, in: directory, file: "", "no such snapshot folder")
            #expect(error.description.contains("sentry-migrate export"))
        }
    }

    @Test func missingManifest() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try FileManager.default.removeItem(at: directory.appendingPathComponent("manifest.json"))
            let error = try readFailure(directory)
            try expectProblem(
                error, .missingManifest, in: directory, file: "manifest.json", "not a sentry-migrate snapshot")
        }
    }

    @Test func newerFormatSaysWhichWasFoundAndWhichIsSupported() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try rewriteManifest(in: directory) { $0.replacingOccurrences(of: "snapshot@1", with: "snapshot@2") }
            let error = try readFailure(directory)
            try expectProblem(
                error, .unsupportedFormat, in: directory, file: "manifest.json", path: "$.format",
                near: "\"sentry-migrate/snapshot@2\"",
                "format 'sentry-migrate/snapshot@2' is newer than this sentry-migrate 0.1.0 can read "
                    + "(it reads 'sentry-migrate/snapshot@1')")
            #expect(error.description.contains("upgrade sentry-migrate"))
        }
    }

    @Test func unknownFormat() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try rewriteManifest(in: directory) {
                $0.replacingOccurrences(of: "sentry-migrate/snapshot@1", with: "terraform-state@4")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .unsupportedFormat, in: directory, file: "manifest.json", path: "$.format",
                near: "\"terraform-state@4\"",
                "unknown format 'terraform-state@4'; this sentry-migrate reads only 'sentry-migrate/snapshot@1'")
        }
    }

    @Test func fileListedInManifestIsMissing() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try FileManager.default.removeItem(at: directory.appendingPathComponent("projects.json"))
            let error = try readFailure(directory)
            try expectProblem(
                error, .missingFile, in: directory, file: "projects.json", "listed in manifest.json but missing")
        }
    }

    @Test func fileEditedAfterItWasWritten() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let url = directory.appendingPathComponent("teams.json")
            let text = try fileText(directory, "teams.json").replacingOccurrences(of: "Frontend", with: "Web")
            try Data(text.utf8).write(to: url)
            let error = try readFailure(directory)
            try expectProblem(
                error, .checksumMismatch, in: directory, file: "teams.json", "was changed after sentry-migrate wrote it"
            )
            #expect(error.description.contains("snapshots are not edited by hand"))
            #expect(error.description.contains("mapping file"))
            #expect(error.problems.count == 1)
        }
    }

    @Test func malformedJSONWithLineAndColumnAfterNonASCII() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("teams.json", in: directory) {
                $0.replacingOccurrences(of: "\"Frontend 🎨\",\n    \"slug\"", with: "\"Frontend 🎨\" \"slug\"")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .malformedJSON, in: directory, file: "teams.json", near: "\"slug\": \"frontend\"",
                "malformed JSON: unexpected '\"'; expected ',' or '}' after a field")
            #expect(error.description.contains("/teams.json:9:26: error: malformed JSON"))
        }
    }

    @Test func wrongTypesAreReportedForEveryElementWithTheirPaths() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("members.json", in: directory) {
                $0.replacingOccurrences(
                    of: "\"pending\": false,\n    \"role\": \"owner\"",
                    with: "\"pending\": \"no\",\n    \"role\": \"owner\""
                )
                .replacingOccurrences(of: "\"slug\": \"ops\"", with: "\"slug\": 7")
            }
            try edit("keys.json", in: directory) {
                $0.replacingOccurrences(of: "\"count\": 1000", with: "\"count\": 1.5")
            }
            try edit("ownership.json", in: directory) {
                $0.replacingOccurrences(of: "Turn off Auto-Assignment", with: "Never")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .invalidValue, in: directory, file: "members.json", path: "$[0].pending", near: "\"no\"",
                "expected true or false, found a string")
            try expectProblem(
                error, .invalidValue, in: directory, file: "members.json", path: "$[1].teams[0].slug", near: "7",
                "expected a string, found a number")
            try expectProblem(
                error, .invalidValue, in: directory, file: "keys.json", path: "$[0].rateLimit.count", near: "1.5",
                "expected an integer")
            try expectProblem(
                error, .invalidValue, in: directory, file: "ownership.json", path: "$[1].autoAssignment",
                near: "\"Never\"", "Never")
        }
    }

    @Test func missingFieldPointsAtItsObject() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("projects.json", in: directory) {
                $0.replacingOccurrences(of: "    \"name\": \"Worker\",\n", with: "")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .invalidValue, in: directory, file: "projects.json", path: "$[2].name", near: "{", occurrence: 3,
                "missing required field 'name'")
        }
    }

    @Test func unknownFieldsAreNamedWithTheirPaths() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("teams.json", in: directory) {
                $0.replacingOccurrences(of: "\"slug\": \"ops\"", with: "\"slug\": \"ops\",\n    \"colour\": \"red\"")
            }
            try edit("keys.json", in: directory) {
                $0.replacingOccurrences(of: "\"count\": 1000,", with: "\"burst\": 5,\n      \"count\": 1000,")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .unknownField, in: directory, file: "teams.json", path: "$[2].colour", near: "\"colour\"",
                "unknown field 'colour'")
            try expectProblem(
                error, .unknownField, in: directory, file: "keys.json", path: "$[0].rateLimit.burst", near: "\"burst\"",
                "unknown field 'burst'")
        }
    }

    @Test func duplicateNaturalKeys() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("teams.json", in: directory) {
                $0.replacingOccurrences(of: "\"slug\": \"ops\"", with: "\"slug\": \"backend\"")
            }
            try edit("members.json", in: directory) {
                $0.replacingOccurrences(of: "\"email\": \"bob@example.com\"", with: "\"email\": \"Alice@Example.com\"")
            }
            try edit("keys.json", in: directory) {
                $0.replacingOccurrences(of: SampleSnapshot.publicKeys.webLegacy, with: SampleSnapshot.publicKeys.web)
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .duplicateKey, in: directory, file: "teams.json", path: "$[2].slug", near: "\"backend\"",
                occurrence: 2, "duplicate team slug 'backend' (first at $[0])")
            try expectProblem(
                error, .duplicateKey, in: directory, file: "members.json", path: "$[1].email",
                near: "\"Alice@Example.com\"", "duplicate member e-mail 'alice@example.com'")
            try expectProblem(
                error, .duplicateKey, in: directory, file: "keys.json", path: "$[2].publicKey",
                near: "\"\(SampleSnapshot.publicKeys.web)\"", occurrence: 2,
                "duplicate public key '\(SampleSnapshot.publicKeys.web)' (first at $[1])")
        }
    }

    @Test func everyDanglingReferenceIsReportedInOnePass() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("members.json", in: directory) {
                $0.replacingOccurrences(of: "\"slug\": \"ops\"", with: "\"slug\": \"opps\"")
            }
            try edit("projects.json", in: directory) { $0.replacingOccurrences(of: "\"ops\"\n", with: "\"opps\"\n") }
            try edit("keys.json", in: directory) {
                $0.replacingOccurrences(of: "\"project\": \"api\"", with: "\"project\": \"apx\"")
            }
            try edit("filters.json", in: directory) {
                $0.replacingOccurrences(of: "\"project\": \"web\"", with: "\"project\": \"wbe\"")
            }
            try edit("ownership.json", in: directory) {
                $0.replacingOccurrences(of: "\"project\": \"web\"", with: "\"project\": \"wab\"")
            }
            let stranger = String(repeating: "e", count: 32)
            try edit("secrets/keys.json", in: directory) {
                $0.replacingOccurrences(of: SampleSnapshot.publicKeys.api, with: stranger)
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .danglingReference, in: directory, file: "members.json", path: "$[1].teams[0].slug",
                near: "\"opps\"", "team 'opps' is not in teams.json")
            try expectProblem(
                error, .danglingReference, in: directory, file: "projects.json", path: "$[0].teams[1]",
                near: "\"opps\"",
                "team 'opps' is not in teams.json")
            try expectProblem(
                error, .danglingReference, in: directory, file: "keys.json", path: "$[0].project", near: "\"apx\"",
                "project 'apx' is not in projects.json")
            try expectProblem(
                error, .danglingReference, in: directory, file: "filters.json", path: "$[1].project", near: "\"wbe\"",
                "project 'wbe' is not in projects.json")
            try expectProblem(
                error, .danglingReference, in: directory, file: "ownership.json", path: "$[1].project", near: "\"wab\"",
                "project 'wab' is not in projects.json")
            try expectProblem(
                error, .danglingReference, in: directory, file: "secrets/keys.json", path: "$[0].publicKey",
                near: "\"\(stranger)\"", "secret for public key '\(stranger)', which no key in keys.json has")
            try expectProblem(
                error, .missingSecret, in: directory, file: "keys.json", path: "$[0].publicKey",
                near: "\"\(SampleSnapshot.publicKeys.api)\"",
                "key '\(SampleSnapshot.publicKeys.api)' of project 'apx' has no secret in secrets/keys.json")
            #expect(error.problems.count == 7)
        }
    }

    @Test func keysWithoutSecretsAreFineWhenSecretsAreNotRequired() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("secrets/keys.json", in: directory) { _ in "[]\n" }
            let loaded = try SnapshotReader.read(from: directory, requireSecrets: false)
            #expect(loaded.hasSecrets && loaded.snapshot.secrets.isEmpty)
            let error = try readFailure(directory)
            #expect(error.problems.map(\.kind) == [.missingSecret, .missingSecret, .missingSecret])
        }
    }

    @Test func secretsReadableByOthersAreRefused() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            let secrets = directory.appendingPathComponent("secrets/keys.json")
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: secrets.path)
            for requireSecrets in [true, false] {
                let error = try readFailure(directory, requireSecrets: requireSecrets)
                try expectProblem(
                    error, .insecurePermissions, in: directory, file: "secrets/keys.json",
                    "open to group or others (mode 0640)")
                #expect(error.description.contains("chmod 600 '\(directory.relativePath)/secrets/keys.json'"))
            }
        }
    }

    @Test func secretsMissingWhenRequired() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try FileManager.default.removeItem(at: directory.appendingPathComponent("secrets"))
            let error = try readFailure(directory)
            try expectProblem(error, .missingSecrets, in: directory, file: "secrets/keys.json", "needs the secret keys")
            #expect(error.description.contains("put the secrets/ folder of the original export"))
        }
    }

    @Test func problemsInTheSecretsFileNeverShowSecrets() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try edit("secrets/keys.json", in: directory) {
                $0.replacingOccurrences(
                    of: "\"secretKey\": \"\(SampleSnapshot.secretKeys.web)\"", with: "\"secretKey\": 5"
                )
                .replacingOccurrences(
                    of: "\"secretKey\": \"\(SampleSnapshot.secretKeys.api)\"",
                    with: "\"\(SampleSnapshot.secretKeys.api)\": 1,\n    \"secretKey\": \"x\"")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .invalidValue, in: directory, file: "secrets/keys.json", path: "$[2].secretKey", near: "5\n",
                "expected a string, found a number")
            try expectProblem(
                error, .unknownField, in: directory, file: "secrets/keys.json", path: "$[0]",
                near: "\"\(SampleSnapshot.secretKeys.api)\"", "its name is not shown")

            try edit("secrets/keys.json", in: directory) { _ in
                "[{\"secretKey\": \(SampleSnapshot.secretKeys.webLegacy)}]"
            }
            let malformed = try readFailure(directory)
            try expectProblem(
                malformed, .malformedJSON, in: directory, file: "secrets/keys.json",
                near: SampleSnapshot.secretKeys.webLegacy, "malformed JSON")
        }
    }

    @Test func manifestThatDisagreesWithTheFiles() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try rewriteManifest(in: directory) {
                $0.replacingOccurrences(of: "\"teams\": 3", with: "\"teams\": 4")
                    .replacingOccurrences(of: "\"organization\": \"acme\"", with: "\"organization\": \"acme-corp\"")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .inconsistentManifest, in: directory, file: "manifest.json", path: "$.counts.teams", near: "4",
                "says 4 but the files hold 3")
            try expectProblem(
                error, .inconsistentManifest, in: directory, file: "manifest.json", path: "$.organization",
                near: "\"acme-corp\"", "says 'acme-corp' but organization.json has slug 'acme'")
        }
    }

    @Test func manifestListingAnUnknownFile() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try rewriteManifest(in: directory) {
                $0.replacingOccurrences(
                    of: "\"files\": {",
                    with: "\"files\": {\n    \"notes.json\": \"\(String(repeating: "0", count: 64))\",")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .inconsistentManifest, in: directory, file: "manifest.json", path: "$.files[\"notes.json\"]",
                near: "\"000", "lists 'notes.json', which is not a file of sentry-migrate/snapshot@1")
        }
    }

    @Test func manifestWithAnUnknownFieldOrBadTime() throws {
        try withTemporaryDirectory { parent in
            let directory = try writeSample(in: parent)
            try rewriteManifest(in: directory) {
                $0.replacingOccurrences(of: "2025-06-15T15:06:40Z", with: "2025-06-15 15:06")
                    .replacingOccurrences(of: "\"toolVersion\"", with: "\"signedBy\": \"me\",\n  \"toolVersion\"")
            }
            let error = try readFailure(directory)
            try expectProblem(
                error, .invalidValue, in: directory, file: "manifest.json", path: "$.exportedAt",
                near: "\"2025-06-15 15:06\"", "expected an ISO 8601 UTC time")
            try expectProblem(
                error, .unknownField, in: directory, file: "manifest.json", path: "$.signedBy", near: "\"signedBy\"",
                "unknown field 'signedBy'")
        }
    }

    @Test func longListsOfProblemsAreCountedNotAllPrinted() {
        let problems = (0..<60).map {
            SnapshotProblem(.danglingReference, file: "keys.json", path: [.index($0), .key("project")], "gone")
        }
        let description = SnapshotError(directory: "snap", problems: problems).description
        #expect(description.hasSuffix("\nsnapshot 'snap' has 60 problems."))
        #expect(description.contains("snap/keys.json: error: $[49].project: gone"))
        #expect(!description.contains("$[50]"))
        #expect(description.contains("… and 10 more"))
        // One run of problems with the same next step shows it once.
        #expect(description.components(separatedBy: "  next: ").count == 2)
    }
}
