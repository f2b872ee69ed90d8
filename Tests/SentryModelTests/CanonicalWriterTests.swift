import Foundation
import Testing

@testable import SentryModel

/// `CanonicalWriter` writes canonical bytes without the tree; they must be the tree's bytes
/// (`JSONPrinter.print(JSONNodeEncoder.encode(value))`) for every value. Each check also says
/// whether the writer wrote the value itself or handed it back to the tree, so a fallback cannot
/// pass for the fast path.
@Suite struct CanonicalWriterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/snapshots")

    /// Writes `value` directly, expects `direct` (whether the writer managed alone) and the tree's bytes,
    /// then the same through `CanonicalJSON` (which falls back by itself) and its digest.
    static func expectTreeBytes(
        _ value: some Encodable, direct: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let tree = try CanonicalJSON.treeBytes(of: value)
        let writer = CanonicalWriter()
        try writer.encodeDocument(value)
        #expect(writer.failed == !direct, "written directly", sourceLocation: sourceLocation)
        if direct {
            #expect(
                String(decoding: writer.out, as: UTF8.self) == String(decoding: tree, as: UTF8.self),
                sourceLocation: sourceLocation)
            #expect(writer.out == tree, sourceLocation: sourceLocation)
        }
        #expect(try CanonicalJSON.bytes(of: value) == tree, sourceLocation: sourceLocation)
        #expect(
            try CanonicalJSON.digest(of: value) == String(SHA256Digest.hex(of: tree).prefix(12)),
            sourceLocation: sourceLocation)
    }

    static func snapshots() throws -> [Snapshot] {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted()
        let read = try names.map {
            try SnapshotReader.read(from: fixtures.appendingPathComponent($0), requireSecrets: false).snapshot
        }
        return read + [SampleSnapshot.make(), SampleSnapshot.shuffled()]
    }

    @Test func everyEntityOfEveryFixtureIsTheTreesBytes() throws {
        let snapshots = try Self.snapshots()
        #expect(snapshots.count >= 6)
        #expect(snapshots.contains { $0.organization.settings != nil })
        #expect(snapshots.contains { $0.projects.contains { $0.settings != nil && $0.environments != nil } })
        #expect(snapshots.contains { !$0.rules.isEmpty } && snapshots.contains { !$0.metricAlerts.isEmpty })
        for snapshot in snapshots {
            try Self.expectTreeBytes(snapshot.organization)
            for team in snapshot.teams { try Self.expectTreeBytes(team) }
            for member in snapshot.members { try Self.expectTreeBytes(member) }
            for project in snapshot.projects { try Self.expectTreeBytes(project) }
            for key in snapshot.keys { try Self.expectTreeBytes(key) }
            for filter in snapshot.filters { try Self.expectTreeBytes(filter) }
            for rules in snapshot.ownership { try Self.expectTreeBytes(rules) }
            for secret in snapshot.secrets { try Self.expectTreeBytes(secret) }
            for secret in snapshot.projectSecrets { try Self.expectTreeBytes(secret) }
            for rule in snapshot.rules { try Self.expectTreeBytes(rule) }
            for alert in snapshot.metricAlerts { try Self.expectTreeBytes(alert) }
            // Whole files, as the snapshot writer writes them.
            try Self.expectTreeBytes(snapshot.members)
            try Self.expectTreeBytes(snapshot.rules)
            try Self.expectTreeBytes(snapshot.metricAlerts)
        }
    }

    @Test func entityDigestsAreThoseOfTheTreesBytes() throws {
        for snapshot in try Self.snapshots() {
            let digests = try snapshot.entityDigests()
            #expect(
                digests.count == 1 + snapshot.teams.count + snapshot.members.count + snapshot.projects.count
                    + snapshot.keys.count + snapshot.filters.count + snapshot.ownership.count + snapshot.rules.count
                    + snapshot.metricAlerts.count + snapshot.secrets.count)
            func tree(_ value: some Encodable) throws -> String {
                String(SHA256Digest.hex(of: try CanonicalJSON.treeBytes(of: value)).prefix(12))
            }
            #expect(digests["organization/\(snapshot.organization.slug)"] == (try tree(snapshot.organization)))
            for member in snapshot.members { #expect(digests["members/\(member.email)"] == (try tree(member))) }
            for rule in snapshot.rules { #expect(digests["rules/\(rule.key)"] == (try tree(rule))) }
            for alert in snapshot.metricAlerts {
                #expect(digests["metric-alerts/\(alert.key)"] == (try tree(alert)))
            }
        }
    }

    @Test func keysAreInUTF8ByteOrder() throws {
        let keys = [
            "a", "ab", "Z", "z", "_", "", " ", "é", "😀", "日本", "ａ", "a\u{0}", "B", "aa", "a b",
            String(repeating: "k", count: 40), "\"q\"", "back\\slash", "tab\there", "new\nline", "\u{1}", "\u{7f}",
        ]
        let object = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        try Self.expectTreeBytes(object)
        let text = String(decoding: try CanonicalJSON.bytes(of: object), as: UTF8.self)
        // "Z" (0x5a) before "_" (0x5f) before "a" (0x61), "a" before "a\u0000" before "aa" before "ab".
        let order = ["\"Z\"", "\"_\"", "\"a\"", "\"a\\u0000\"", "\"aa\"", "\"ab\"", "\"é\""]
        let positions = order.map { text.range(of: $0 + ":")!.lowerBound }
        #expect(positions == positions.sorted())
        // Nested objects sort their own keys; arrays keep their order.
        let empty: [String: Int] = [:]
        try Self.expectTreeBytes(["outer": ["x": object], "another": ["b": object, "a": empty]])
        try Self.expectTreeBytes([object, empty, object])
        // Keys in an order Swift's own `<` would not give (it compares canonical equivalents equal).
        try Self.expectTreeBytes(Pairs(pairs: [("é", 1), ("e", 2), ("f", 3), ("e\u{302}", 4), ("E", 6)]))
    }

    @Test func stringsAreEscapedAsThePrinterDoes() throws {
        var controls = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        controls += ["\"", "\\", "/", "\u{7f}", "é", "😀", "\u{2028}", "a\"b\\c\nd", ""]
        try Self.expectTreeBytes(controls)
        try Self.expectTreeBytes(Dictionary(uniqueKeysWithValues: controls.map { ($0, $0) }))
        try Self.expectTreeBytes("top-level \"string\"\n")
    }

    @Test func emptyAndNestedContainers() throws {
        try Self.expectTreeBytes([Int]())
        try Self.expectTreeBytes([String: Int]())
        try Self.expectTreeBytes([[Int]](arrayLiteral: [], [1], []))
        try Self.expectTreeBytes([[String: [Int]]](arrayLiteral: ["a": []], [:], ["b": [1, 2], "a": [3]]))
        try Self.expectTreeBytes(Nothing())
        try Self.expectTreeBytes(["nothing": Nothing()])
        try Self.expectTreeBytes([Nothing(), Nothing()])
        try Self.expectTreeBytes(Delegating(inner: [Delegating(inner: ["x": 1])]))
        try Self.expectTreeBytes(Delegating(inner: Nothing()))
    }

    @Test func numbersKeepTheirText() throws {
        let doubles: [Double] = [
            0, -0.0, 1, -1, 0.1, 1.5, -2.25, 1e15, -1e15, 999_999_999_999_999, 1e16, 1e-7, 123_456.789,
            .greatestFiniteMagnitude, .leastNonzeroMagnitude, .nan, .infinity, -.infinity,
        ]
        try Self.expectTreeBytes(doubles)
        for number in doubles { try Self.expectTreeBytes(number) }
        try Self.expectTreeBytes(Numbers())
        try Self.expectTreeBytes([Float(0.1), .nan, 1e20, -3])
        try Self.expectTreeBytes([Int64.min, Int64.max, 0])
        try Self.expectTreeBytes([UInt64.max, 0])
        try Self.expectTreeBytes(Int64.min)
        let text = String(decoding: try CanonicalJSON.bytes(of: Numbers()), as: UTF8.self)
        #expect(text.contains("\"int64Min\": -9223372036854775808"))
        #expect(text.contains("\"uint64Max\": 18446744073709551615"))
        #expect(text.contains("\"nan\": null") && text.contains("\"negativeZero\": 0"))
        // Integral values from 1e15 on keep Swift's description (JSONEncoder's text).
        #expect(text.contains("\"big\": 1000000000000000.0") && text.contains("\"tenth\": 0.1"), "\(text)")
    }

    @Test func optionalsAreLeftOutOrNull() throws {
        try Self.expectTreeBytes(Optionals(text: nil, number: nil, list: nil, explicit: nil))
        try Self.expectTreeBytes(Optionals(text: "t", number: 3, list: [nil, 1], explicit: "e"))
        try Self.expectTreeBytes(Optional<Int>.none)
        try Self.expectTreeBytes([Int?.none, 2])
        let text = String(decoding: try CanonicalJSON.bytes(of: Optionals()), as: UTF8.self)
        #expect(!text.contains("\"text\"") && text.contains("\"explicit\": null"))
        try Self.expectTreeBytes(KeySecret(publicKey: "k", secretKey: nil))
    }

    @Test func aKeyEncodedTwiceKeepsItsLastValue() throws {
        try Self.expectTreeBytes(Duplicates())
        let text = String(decoding: try CanonicalJSON.bytes(of: Duplicates()), as: UTF8.self)
        #expect(text == "{\n  \"a\": 3,\n  \"b\": {\n    \"y\": 2\n  },\n  \"c\": \"last\"\n}\n")
    }

    @Test func nestedContainersUsedInOrderAreWrittenDirectly() throws {
        try Self.expectTreeBytes(Nested(interleaved: false))
        try Self.expectTreeBytes(Inherited())
        try Self.expectTreeBytes([Nested(interleaved: false), Nested(interleaved: false)])
    }

    @Test func anythingElseFallsBackToTheTree() throws {
        // A nested container written to after its parent moved on.
        try Self.expectTreeBytes(Nested(interleaved: true), direct: false)
        try Self.expectTreeBytes(["inside": [Nested(interleaved: true)]], direct: false)
        // superEncoder: the tree's object, whatever the caller does with it.
        try Self.expectTreeBytes(Super(asArray: false), direct: false)
        try Self.expectTreeBytes(Super(asArray: true), direct: false)
        // Two kinds of container for one value: the last one wins in the tree.
        try Self.expectTreeBytes(TwoKinds(), direct: false)
        // Keys Swift calls equal (canonical equivalence) though their bytes differ.
        try Self.expectTreeBytes(Pairs(pairs: [("K", 1), ("\u{212A}", 2)]), direct: false)
        try Self.expectTreeBytes(Pairs(pairs: [("a", 0), ("é", 1), ("e\u{301}", 2)]), direct: false)
        try Self.expectTreeBytes(Pairs(pairs: [("e\u{302}", 4), ("f", 1), ("ê", 5)]), direct: false)
    }

    @Test func errorsOfTheValueComeThrough() throws {
        #expect(throws: Refused.self) { try CanonicalJSON.bytes(of: ["fine": Refusing()]) }
        #expect(throws: Refused.self) { try CanonicalJSON.digest(of: [Refusing()]) }
    }

    @Test(arguments: [1, 40, 1 << 20])
    func streamedWritesAreTheTreesStreamedBytes(chunkSize: Int) throws {
        let snapshot = SampleSnapshot.make()
        func check(_ head: some Encodable, key: String, elements: [some Encodable]) throws {
            var direct: [UInt8] = []
            try CanonicalJSON.write(head, streaming: key, elements: elements, chunkSize: chunkSize) { direct += $0 }
            var tree: [UInt8] = []
            try JSONPrinter.printStreaming(
                try JSONNodeEncoder.encode(head), streamedKey: key, count: elements.count,
                element: { try JSONNodeEncoder.encode(elements[$0]) }, chunkSize: chunkSize, emit: { tree += $0 })
            #expect(String(decoding: direct, as: UTF8.self) == String(decoding: tree, as: UTF8.self))
        }
        // The key present, absent, first, last, in the middle; elements none, some, falling back.
        try check(snapshot.organization, key: "teams", elements: snapshot.teams)
        try check(snapshot.organization, key: "name", elements: snapshot.members)
        try check(snapshot.organization, key: "AAA", elements: snapshot.members)
        try check(snapshot.organization, key: "zzz", elements: snapshot.rules)
        try check(snapshot.organization, key: "é", elements: [Nested(interleaved: true), Nested(interleaved: false)])
        try check(snapshot.organization, key: "slug", elements: [Int]())
        try check(Nothing(), key: "changes", elements: snapshot.keys)
        try check(["changes": [1, 2], "b": [3]], key: "changes", elements: snapshot.metricAlerts)
        try check(Super(asArray: false), key: "changes", elements: snapshot.teams)
    }
}

// MARK: Hostile encodables

private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

private struct Delegating<Inner: Encodable>: Encodable {
    var inner: Inner
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(inner)
    }
}

private struct Numbers: Encodable {
    var int64Min = Int64.min
    var int64Max = Int64.max
    var uint64Max = UInt64.max
    var intMin = Int.min
    var int8 = Int8.min
    var int16 = Int16.max
    var int32 = Int32.min
    var uint = UInt.max
    var uint8 = UInt8.max
    var uint16 = UInt16.max
    var uint32 = UInt32.max
    var negativeZero = -0.0
    var nan = Double.nan
    var infinity = -Double.infinity
    var big = 1e15
    var tenth = 0.1
    var float = Float(0.1)
    var floatNaN = Float.nan
    var wrapped: [Double] = [1e15, -0.0]
}

private struct Optionals: Encodable {
    var text: String?
    var number: Int?
    var list: [Int?]?
    var explicit: String?

    enum CodingKeys: String, CodingKey { case text, number, list, explicit }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encodeIfPresent(number, forKey: .number)
        try container.encodeIfPresent(list, forKey: .list)
        try container.encode(explicit, forKey: .explicit)
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ text: String) { stringValue = text }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Members in the given order, keys repeated or not.
private struct Pairs: Encodable {
    var pairs: [(String, Int)]
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in pairs { try container.encode(value, forKey: AnyKey(key)) }
    }
}

/// Keys written again, with values of other kinds, scalars and objects.
private struct Duplicates: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(["x": 1], forKey: AnyKey("b"))
        try container.encode(1, forKey: AnyKey("a"))
        try container.encode("first", forKey: AnyKey("c"))
        try container.encode([1, 2], forKey: AnyKey("a"))
        try container.encode(["y": 2], forKey: AnyKey("b"))
        try container.encode(3, forKey: AnyKey("a"))
        try container.encode("last", forKey: AnyKey("c"))
    }
}

/// Nested containers: filled one after the other, or written to after the parent moved on.
private struct Nested: Encodable {
    var interleaved: Bool

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode("top", forKey: AnyKey("z"))
        var inner = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("inner"))
        try inner.encode(2, forKey: AnyKey("b"))
        try inner.encode(1, forKey: AnyKey("a"))
        var deeper = inner.nestedUnkeyedContainer(forKey: AnyKey("list"))
        try deeper.encode(1)
        var cell = deeper.nestedContainer(keyedBy: AnyKey.self)
        try cell.encode(true, forKey: AnyKey("y"))
        try cell.encode(false, forKey: AnyKey("x"))
        try deeper.encode("after cell")
        var empty = deeper.nestedUnkeyedContainer()
        if interleaved { try inner.encode("late", forKey: AnyKey("c")) }
        try empty.encode(4)
        try container.encode("after", forKey: AnyKey("m"))
        if interleaved { try inner.encode("later", forKey: AnyKey("d")) }
    }
}

/// A subclass that takes its encoder's keyed container again after its superclass did.
private class Base: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode("base", forKey: AnyKey("kind"))
        try container.encode([3, 1], forKey: AnyKey("values"))
    }
}

private final class Inherited: Base {
    override func encode(to encoder: any Encoder) throws {
        try super.encode(to: encoder)
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode("inherited", forKey: AnyKey("kind"))
        try container.encode("x", forKey: AnyKey("extra"))
    }
}

private struct Super: Encodable {
    var asArray: Bool
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(1, forKey: AnyKey("a"))
        let parent = container.superEncoder()
        if asArray {
            var list = parent.unkeyedContainer()
            try list.encode(1)
        } else {
            var keyed = parent.container(keyedBy: AnyKey.self)
            try keyed.encode("s", forKey: AnyKey("from super"))
        }
        try container.encode(2, forKey: AnyKey("b"))
    }
}

private struct TwoKinds: Encodable {
    func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: AnyKey.self)
        try keyed.encode(1, forKey: AnyKey("a"))
        var list = encoder.unkeyedContainer()
        try list.encode(2)
    }
}

private struct Refused: Error {}

private struct Refusing: Encodable {
    func encode(to encoder: any Encoder) throws { throw Refused() }
}
