import Foundation
import Testing

@testable import SentryModel

/// `JSONValue.of`, the diff's form of an entity: every entity of a sample snapshot gives the value
/// Foundation's JSONEncoder's text parses to (an encoder independent of the project's), and the
/// edges of numbers, optionals, repeated keys and nested containers come out as JSON has them.
@Suite struct JSONValueOfTests {
    private func viaText(_ value: some Encodable) throws -> JSONValue {
        try #require(JSONValue.parse(bytes: Array(try JSONEncoder().encode(value))))
    }

    @Test func everyEntityOfASnapshotIsTheValueItsCanonicalBytesParseTo() throws {
        let snapshot = SampleSnapshot.make()
        func check<Entity: Encodable>(_ entities: [Entity]) throws {
            #expect(!entities.isEmpty)
            for entity in entities { #expect(try JSONValue.of(entity) == (try viaText(entity))) }
        }
        try check([snapshot.organization])
        try check(snapshot.teams)
        try check(snapshot.members)
        try check(snapshot.projects)
        try check(snapshot.keys)
        try check(snapshot.filters)
        try check(snapshot.ownership)
        try check(snapshot.secrets)
        try check(snapshot.rules)
        try check(snapshot.metricAlerts)
    }

    private struct Numbers: Encodable {
        var big = Int64.max
        var small = Int64.min
        var unsigned = UInt64.max
        var fraction = 0.1
        var integral = 1e15
        var huge = 1e300
        var notANumber = Double.nan
        var infinite = -Double.infinity
        var single: Float = 0.5
        var absent: Int? = nil
        var present: Int? = 3
    }

    @Test func numbersAndOptionalsAreWhatTheirTextWouldParseTo() throws {
        let value = try JSONValue.of(Numbers())
        #expect(value["notANumber"] == .null)
        #expect(value["infinite"] == .null)
        #expect(value["absent"] == nil, "a nil optional is left out")
        #expect(value["present"] == .number(3))
        #expect(value["big"] == .number(Double(Int64.max)))
        #expect(value["small"] == .number(Double(Int64.min)))
        #expect(value["unsigned"] == .number(Double(UInt64.max)))
        #expect(value["fraction"] == .number(0.1))
        #expect(value["integral"] == .number(1e15))
        #expect(value["huge"] == .number(1e300))
        #expect(value["single"] == .number(0.5))
    }

    /// A hand-written encoder that repeats a key, nests containers after the fact and uses a super
    /// encoder: the last value of a key wins, and nested containers filled later are kept.
    private struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case a, b, nested, list, `super` }
        enum Inner: String, CodingKey { case x }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("first", forKey: .a)
            var nested = container.nestedContainer(keyedBy: Inner.self, forKey: .nested)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode("second", forKey: .a)
            try nested.encode(true, forKey: .x)
            try list.encode(1)
            try list.encodeNil()
            var deeper = list.nestedContainer(keyedBy: Inner.self)
            try deeper.encode("deep", forKey: .x)
            try container.encode([String: Int](), forKey: .b)
            var inherited = container.superEncoder().container(keyedBy: Inner.self)
            try inherited.encode("inherited", forKey: .x)
        }
    }

    @Test func repeatedKeysNestedContainersAndSuperEncodersComeOutAsJSONHasThem() throws {
        let value = try JSONValue.of(Handwritten())
        #expect(value == (try viaText(Handwritten())))
        #expect(value["a"] == .string("second"))
        #expect(value["nested"] == .object(["x": .bool(true)]))
        #expect(value["list"] == .array([.number(1), .null, .object(["x": .string("deep")])]))
        #expect(value["b"] == .object([:]))
        #expect(value["super"] == .object(["x": .string("inherited")]))
        #expect(try JSONValue.of("plain") == .string("plain"))
        #expect(try JSONValue.of([1, 2]) == .array([.number(1), .number(2)]))
    }
}
