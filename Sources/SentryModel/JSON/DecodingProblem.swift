// The one way a `DecodingError` is told to a person: where (a JSON path such as
// `$.changes[3].stage`, array indexes included) and what, in one wording, whichever decoder threw it
// (Foundation's JSONDecoder for API answers and plan files, `StrictDecoder` for snapshots).

public struct DecodingProblem: Sendable, Hashable, CustomStringConvertible {
    /// The value the problem is about; for a missing field, the field's own path.
    public var path: JSONPath
    /// What is wrong, e.g. `missing required field 'slug'`, `expected an integer, found a string`.
    public var summary: String

    public init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            path = Self.path(context.codingPath + [key])
            summary = "missing required field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            path = Self.path(context.codingPath)
            summary = Self.sentence(context.debugDescription)
        case .dataCorrupted(let context):
            path = Self.path(context.codingPath)
            summary = Self.sentence(context.debugDescription)
            // JSONDecoder says "not valid JSON" and puts where and why in the underlying error.
            if let underlying = context.underlyingError { summary += " (\(Self.sentence("\(underlying)")))" }
        @unknown default:
            path = []
            summary = "cannot be decoded (\(error))"
        }
    }

    /// `$.changes[3].stage: missing required field 'stage'`.
    public var description: String { "\(path.rendered): \(summary)" }

    /// Coding keys as JSON path components. Array positions are keys whose `stringValue` is
    /// `Index N` with `intValue` N (as both Foundation's decoder and `StrictDecoder` make them);
    /// any other key is an object member, even one with an `intValue`.
    static func path(_ codingPath: [any CodingKey]) -> JSONPath {
        codingPath.map { key in
            if let index = key.intValue, key.stringValue == "Index \(index)" { return .index(index) }
            return .key(key.stringValue)
        }
    }

    /// A decoder's sentence as a clause: `Expected to decode Int but found a string instead.` becomes
    /// `expected to decode Int but found a string instead`; names (`Int`, `URL`) keep their case.
    private static func sentence(_ text: String) -> String {
        var text = text
        while text.last == "." || text.last == " " { text.removeLast() }
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        guard second == nil || second?.isLowercase == true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
