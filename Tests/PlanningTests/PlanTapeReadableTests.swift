import Foundation
import SentryModel
import Testing

@testable import Planning

/// A plan's changes read straight from the tape (`EntityChange: TapeReadable`): every change a plan
/// holds is read that way, and for hostile changes loading with the reader gives exactly what
/// loading without it gives, value or refusal.
@Suite struct PlanTapeReadableTests {
    @Test func everyChangeOfAPlanIsReadStraight() throws {
        let plan = try PlanFixture.planWithANullBefore()
        try #require(plan.changes.contains { $0.identity != nil } && plan.changes.contains { $0.dsn != nil })
        try #require(plan.changes.flatMap(\.fields).contains { $0.sensitive })
        for change in plan.changes {
            let bytes = try CanonicalJSON.bytes(of: change)
            #expect(JSONTape.read(bytes, with: EntityChange.init(tape:at:)) == change, "\(change.key)")
        }
    }

    /// The changes (or the refusal) of a plan file holding `change`, loaded with the tape reader or without.
    private func load(_ change: String, fast: Bool) throws -> Loaded {
        var head = try PlanFixture.planWithANullBefore()
        head.changes = []
        let text = try PlanJSON.render(head).replacingOccurrences(
            of: #""changes": []"#, with: #""changes": [\#(change)]"#)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var changes: [EntityChange] = []
        let reader: ((JSONTape, Int) -> EntityChange?)? = fast ? { EntityChange(tape: $0, at: $1) } : nil
        do {
            _ = try StreamedJSONFile.decode(
                path: path, head: Plan.self, streaming: "changes", element: EntityChange.self,
                fast: reader
            ) { changes.append($0) }
            return .changes(changes)
        } catch {
            return .refused("\(error)")
        }
    }

    private enum Loaded: Equatable {
        case changes([EntityChange])
        case refused(String)
    }

    @Test(arguments: [
        #"{"action":"create","fields":[],"key":"k","notes":[],"stage":"teams"}"#,
        #"{"action":"update","fields":[{"before":null,"after":{"a":[1,"x"]},"field":"f","sensitive":false}],"key":"k","notes":["n"],"stage":"projects","dsn":null}"#,
        #"{"action":"update","fields":[{"field":"secretKey","sensitive":true,"beforeDigest":"ab","afterDigest":null}],"key":"k","notes":[],"stage":"keys"}"#,
        #"{"action":"create","fields":[],"key":"m","notes":[],"stage":"members","identity":{"policy":"link","existingUserId":7}}"#,
        #"{"action":"create","fields":[],"key":"p","notes":[],"stage":"projects","dsn":{"preserved":false,"projectId":null,"reason":"taken"}}"#,
        // Refused by the strict decoder, which must say so whether or not the reader is used.
        #"{"action":"create","fields":[],"key":"k","notes":[],"stage":"teams","extra":1}"#,
        #"{"action":"rename","fields":[],"key":"k","notes":[],"stage":"teams"}"#,
        #"{"action":"create","fields":[],"key":"k","notes":[],"stage":"people"}"#,
        #"{"action":"create","fields":[{"field":"f","sensitive":"no"}],"key":"k","notes":[],"stage":"teams"}"#,
        #"{"action":"create","fields":[{"field":"f","after":1,"sensitive":false,"x":0}],"key":"k","notes":[],"stage":"teams"}"#,
        #"{"action":"create","fields":[],"key":"k","notes":[1],"stage":"teams"}"#,
        #"{"action":"create","fields":[],"key":"k","stage":"teams"}"#,
        #"{"action":"create","fields":[],"key":"m","notes":[],"stage":"members","identity":{"policy":"link","existingUserId":7.5}}"#,
        #"{"action":"create","fields":[],"key":"p","notes":[],"stage":"projects","dsn":{"projectId":3}}"#,
        #"{"act\u0069on":"create","fields":[],"key":"k","notes":[],"stage":"teams"}"#,
    ])
    func loadingWithTheReaderIsLoadingWithout(change: String) throws {
        let with = try load(change, fast: true)
        let without = try load(change, fast: false)
        #expect(with == without)
    }
}
