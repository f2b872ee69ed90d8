import Foundation

/// Any JSON value, for the loosely typed JSON Sentry keeps in text and jsonb columns.
public enum JSONValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON text, scalars at the top level included; nil when it is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        parse(bytes: Array(text.utf8))
    }

    /// The project's own parser, not `JSONDecoder`: decoding this enum through Codable tries each
    /// case in turn and throws on every miss, which dominated planning large organizations.
    public static func parse(bytes: [UInt8]) -> JSONValue? {
        guard let document = try? JSONParser.parse(bytes, namesKeys: false) else { return nil }
        return document.withTape { JSONValue($0, document.root) }
    }

    /// Any Encodable value as a JSONValue: its canonical bytes (`CanonicalWriter`, one buffer) read by
    /// the tape parser. A tree encoder of its own (no bytes between) was measured slower: Codable's
    /// containers over class boxes, and generic ones (one encoder for both trees) looked up their
    /// metadata at run time, a fifth of an initial apply's CPU.
    public static func of(_ value: some Encodable) throws -> JSONValue {
        guard let parsed = parse(bytes: try CanonicalJSON.bytes(of: value)) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "not JSON"))
        }
        return parsed
    }

    /// The value at `index` of a parsed document.
    package init?(_ tape: JSONTape, _ index: Int) {
        let entry = tape.entries[index]
        switch entry.kind {
        case .null: self = .null
        case .false: self = .bool(false)
        case .true: self = .bool(true)
        case .number:
            guard let number = Double(tape.numberText(at: index)) else { return nil }
            self = .number(number)
        case .string, .key: self = .string(tape.string(at: index))
        case .array:
            var values: [JSONValue] = []
            values.reserveCapacity(Int(entry.length))
            var element = index + 1
            for _ in 0..<entry.length {
                guard let value = JSONValue(tape, element) else { return nil }
                values.append(value)
                element = tape.end(of: element)
            }
            self = .array(values)
        case .object:
            var object: [String: JSONValue] = [:]
            var key = index + 1
            for _ in 0..<entry.length {
                guard let value = JSONValue(tape, key + 1) else { return nil }
                object[tape.string(at: key)] = value
                key = tape.end(of: key + 1)
            }
            self = .object(object)
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var stringArray: [String]? {
        guard case .array(let items) = self else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }
}
