import Foundation
import SentryModel
import Testing

@testable import Planning

/// `SavedPlan.load` reads a plan file a chunk at a time, change by change, with the project's strict
/// parser: it must give exactly what Foundation's `JSONDecoder` gives for the whole file, and refuse
/// broken or edited files saying where.
@Suite struct SavedPlanReadingTests {
    private func withFile(_ bytes: [UInt8], _ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    private func planBytes(_ plan: Plan) throws -> [UInt8] {
        Array(try PlanJSON.render(plan).utf8)
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func readsWhatJSONDecoderReads(chunkSize: Int) throws {
        let plan = try PlanFixture.planWithANullBefore()
        let fields = plan.changes.flatMap(\.fields)
        // The plan exercises what the streamed reader must keep apart.
        try #require(plan.changes.contains { !$0.notes.isEmpty })
        try #require(plan.changes.contains { $0.identity != nil })
        try #require(plan.changes.contains { $0.dsn != nil })
        try #require(fields.contains { $0.sensitive })
        try #require(fields.contains { $0.before == .null })
        try #require(fields.contains { $0.before == nil && !$0.sensitive })
        let bytes = try planBytes(plan)
        try withFile(bytes) { path in
            let reference = try JSONDecoder().decode(Plan.self, from: Data(bytes))
            var streamed: [EntityChange] = []
            let (head, digest) = try StreamedJSONFile.decode(
                path: path, head: Plan.self, streaming: "changes", element: EntityChange.self, chunkSize: chunkSize
            ) { streamed.append($0) }
            var whole = head
            whole.changes = streamed
            #expect(whole == reference)
            #expect(whole == plan)
            #expect(digest == SHA256Digest.hex(of: bytes))
            let saved = try SavedPlan.load(path: path)
            #expect(saved.plan == reference)
            #expect(saved.digest == SHA256Digest.hex(of: bytes))
        }
    }

    @Test func anUpdateFromAnAbsentFieldKeepsItsNull() throws {
        let plan = try PlanFixture.planWithANullBefore()
        try withFile(try planBytes(plan)) { path in
            let saved = try SavedPlan.load(path: path).plan
            let organization = try #require(saved.changes.first { $0.stage == .organization })
            let field = try #require(organization.fields.first { $0.field.hasPrefix("settings.") })
            #expect(field.field == "settings.scrapeJavaScript")
            #expect(field.before == .null)
            #expect(field.after == .bool(false))
            #expect(PlanComparison.differences(saved: saved.changes, fresh: plan.changes).isEmpty)
        }
    }

    /// The message of `SavedPlan.load`'s refusal of `bytes`, which must be a `PlanFileError`.
    private func refusal(_ bytes: [UInt8]) throws -> String {
        var message = ""
        try withFile(bytes) { path in
            #expect {
                _ = try SavedPlan.load(path: path)
            } throws: { error in
                guard let error = error as? PlanFileError, error.exitStatus == .dataError else { return false }
                message = error.description
                return error.path == path
            }
        }
        return message
    }

    @Test func aTruncatedFileIsRefusedAtItsEnd() throws {
        let bytes = try planBytes(try PlanFixture.planWithANullBefore())
        // Cut inside a change, inside a string, and before the last closing brace.
        for cut in [1, bytes.count / 3, bytes.count / 2, bytes.count - 2] {
            let message = try refusal(Array(bytes.prefix(cut)))
            #expect(message.contains("is not a sentry-migrate plan ($"), "\(message)")
            #expect(message.contains("(line "), "\(message)")
            #expect(
                message.contains("unexpected end of file") || message.contains("unterminated string"), "\(message)")
        }
    }

    @Test func aChangeWithAnUnknownFieldIsRefusedNamingIt() throws {
        let plan = try PlanFixture.planWithANullBefore()
        let text = try PlanJSON.render(plan)
        // The third change's key gets a neighbour nobody reads.
        let quoted = String(decoding: try CanonicalJSON.bytes(of: plan.changes[2].key), as: UTF8.self)
        let key = "\"key\": " + quoted.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.components(separatedBy: key)
        try #require(parts.count >= 2)
        let edited = parts[0] + key + ", \"approvedBy\": \"mallory\"" + parts.dropFirst().joined(separator: key)
        let message = try refusal(Array(edited.utf8))
        #expect(message.contains("unknown field 'approvedBy'"), "\(message)")
        #expect(message.contains("$.changes[2].approvedBy"), "\(message)")
        #expect(message.contains("(line "), "\(message)")
    }

    @Test func aWrongTypeInChangeNNamesItsIndexAndPlace() throws {
        let plan = try PlanFixture.planWithANullBefore()
        let index = try #require(plan.changes.indices.last { !plan.changes[$0].fields.isEmpty })
        var object = try #require(try JSONSerialization.jsonObject(with: Data(try planBytes(plan))) as? [String: Any])
        var changes = try #require(object["changes"] as? [[String: Any]])
        var fields = try #require(changes[index]["fields"] as? [[String: Any]])
        fields[0]["sensitive"] = "no"
        changes[index]["fields"] = fields
        object["changes"] = changes
        let edited = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        let message = try refusal(Array(edited))
        #expect(message.contains("$.changes[\(index)].fields[0].sensitive"), "\(message)")
        #expect(message.contains("expected true or false, found a string"), "\(message)")
        #expect(message.contains("(line "), "\(message)")
    }

    @Test func aBadHeaderAndTrailingTextAreRefused() throws {
        var plan = try PlanFixture.planWithANullBefore()
        plan.format = "sentry-migrate/plan@9"
        #expect(try refusal(try planBytes(plan)).contains("has format 'sentry-migrate/plan@9'"))
        let good = try planBytes(try PlanFixture.planWithANullBefore())
        #expect(try refusal(good + Array(" {}".utf8)).contains("unexpected text after the end of the JSON object"))
        #expect(try refusal(Array("[]".utf8)).contains("expected a JSON object"))
        #expect(try refusal(Array("{}".utf8)).contains("missing required field"))
        let noChanges = String(decoding: good, as: UTF8.self).replacingOccurrences(
            of: "\"changes\": [", with: "\"changes\": 3, \"x\": [")
        try #require(noChanges.utf8.count > good.count)
        #expect(try refusal(Array(noChanges.utf8)).contains("$.changes"))
    }

    @Test func anUnreadableFileSaysSo() throws {
        let path = "/nonexistent-\(UUID().uuidString)/plan.json"
        #expect {
            _ = try SavedPlan.load(path: path)
        } throws: { error in
            (error as? PlanFileError)?.description.contains("cannot be read") == true
        }
    }

    /// apply reads the snapshot while the plan loads, from the folder found at the file's end.
    @Test(arguments: ["desired", "/tmp/a dir/with \"quotes\" \\ and ☃/snap", "  \"snapshot\": {"])
    func theSnapshotFolderIsFoundAtThePlanFilesEnd(folder: String) throws {
        var plan = try PlanFixture.planWithANullBefore()
        plan.snapshot.path = folder
        plan.target.entityDigests = ["teams/x": String(repeating: "a", count: 64)]
        try withFile(try planBytes(plan)) { path in
            #expect(SavedPlan.peekSnapshotFolder(planPath: path) == folder)
        }
        try withFile(Array(#"{"changes": []}"#.utf8)) { path in
            #expect(SavedPlan.peekSnapshotFolder(planPath: path) == nil)
        }
        #expect(SavedPlan.peekSnapshotFolder(planPath: "/nonexistent/plan.json") == nil)
    }

    /// What apply read while the plan loaded is used only when it is the folder the plan names, and
    /// only when it is the very snapshot the plan was made from.
    @Test func aSnapshotReadAheadIsUsedOnlyWhenItIsThePlansOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let own = folder.appendingPathComponent("own").path
        let other = folder.appendingPathComponent("other").path
        var edited = PlanFixture.desired
        edited.organization.name += " (edited)"
        for (snapshot, path) in [(PlanFixture.desired, own), (edited, other)] {
            _ = try SnapshotWriter.write(
                snapshot, source: SnapshotSource(kind: .transform, location: "test"),
                exportedAt: Date(timeIntervalSince1970: 0), to: URL(fileURLWithPath: path))
        }
        let manifest = try Data(contentsOf: URL(fileURLWithPath: own + "/manifest.json"))
        var plan = try PlanFixture.planWithANullBefore()
        plan.changes = []
        plan.snapshot = Plan.SnapshotReference(path: own, manifestSHA256: SHA256Digest.hex(of: [UInt8](manifest)))
        let saved = SavedPlan(plan: plan, digest: "", path: folder.appendingPathComponent("plan.json").path)
        let ownRead = try DesiredState.read(from: own, requireSecrets: false)
        let otherRead = try DesiredState.read(from: other, requireSecrets: false)

        // Another folder's snapshot is not used: the plan's own is read.
        #expect(try saved.loadDesired(alreadyRead: otherRead) == ownRead)
        // The plan's folder, but not what the plan was made from (changed since): refused as that.
        var changedSince = otherRead
        changedSince.path = own
        #expect {
            try saved.loadDesired(alreadyRead: changedSince)
        } throws: { error in
            (error as? PlanFileError)?.description.contains("different snapshot") == true
        }
        #expect(try saved.loadDesired(alreadyRead: ownRead) == ownRead)
    }
}
