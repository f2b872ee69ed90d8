import SentryModel
import Yams

/// Reads typed values out of a composed YAML tree and records a positioned diagnostic for every
/// value of the wrong shape, so that one pass reports every problem.
struct NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func error(_ message: String, next hint: String? = nil, at position: Position) {
        diagnostics.append(Diagnostic(.error, message, next: hint, at: Location(file: file, position: position)))
    }

    mutating func warning(_ message: String, next hint: String? = nil, at position: Position) {
        diagnostics.append(Diagnostic(.warning, message, next: hint, at: Location(file: file, position: position)))
    }

    static func position(of node: Node) -> Position {
        node.mark.map { Position(line: $0.line, column: $0.column) } ?? Position(line: 1, column: 1)
    }

    /// How a node reads to a person, for "found …" in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            return "'\(scalar.string)'"
        }
    }

    static func isNull(_ node: Node) -> Bool {
        node.null != nil
    }

    private mutating func mismatch(_ path: String, expected: String, found node: Node, next hint: String?) {
        let path = path.isEmpty ? "a mapping file" : path
        error("\(path) must be \(expected), found \(Self.describe(node))", next: hint, at: Self.position(of: node))
    }

    /// The entries of a mapping. With `allowed`, any other key is an error (with "did you mean").
    mutating func entries(
        _ node: Node, at path: String, allowed: [String]? = nil, next hint: String? = nil
    ) -> [(key: Located<String>, value: Node)] {
        guard case .mapping(let mapping) = node else {
            mismatch(path, expected: "a mapping", found: node, next: hint)
            return []
        }
        var result: [(key: Located<String>, value: Node)] = []
        for (keyNode, value) in mapping {
            let position = Self.position(of: keyNode)
            guard case .scalar(let scalar) = keyNode, !Self.isNull(keyNode) else {
                error("keys in \(path) must be names, found \(Self.describe(keyNode))", at: position)
                continue
            }
            let key = scalar.string
            if let allowed, !allowed.contains(key) {
                let place = path.isEmpty ? "at the top level" : "in \(path)"
                let suggestion = DidYouMean.suggestion(for: key, among: allowed).map { " (did you mean '\($0)'?)" }
                error(
                    "unknown key '\(key)' \(place)\(suggestion ?? "")",
                    next: "\(path.isEmpty ? "a mapping file" : path) accepts: \(allowed.joined(separator: ", "))",
                    at: position)
                continue
            }
            result.append((Located(key, at: position), value))
        }
        return result
    }

    mutating func string(_ node: Node, at path: String, next hint: String? = nil) -> Located<String>? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            mismatch(path, expected: "a string", found: node, next: hint)
            return nil
        }
        return Located(scalar.string, at: Self.position(of: node))
    }

    /// A string, or nothing (`null`, `~` or empty) which the caller gives a meaning.
    mutating func optionalString(_ node: Node, at path: String, next hint: String? = nil) -> Located<String?>? {
        if Self.isNull(node) { return Located(nil, at: Self.position(of: node)) }
        return string(node, at: path, next: hint).map { Located($0.value, at: $0.position) }
    }

    /// Only plain `true` and `false`: YAML 1.1's `yes`/`on` surprise people.
    mutating func bool(_ node: Node, at path: String) -> Located<Bool>? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            if scalar.string == "true" { return Located(true, at: Self.position(of: node)) }
            if scalar.string == "false" { return Located(false, at: Self.position(of: node)) }
        }
        mismatch(path, expected: "true or false", found: node, next: nil)
        return nil
    }

    mutating func positiveInt(_ node: Node, at path: String) -> Located<Int>? {
        if case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string), value > 0 {
            return Located(value, at: Self.position(of: node))
        }
        mismatch(path, expected: "a whole number above 0", found: node, next: nil)
        return nil
    }

    /// One of a fixed set of words.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: Node, at path: String, of type: Choice.Type = Choice.self
    ) -> Located<Choice>? where Choice.RawValue == String {
        let words = Choice.allCases.map(\.rawValue)
        let expected = "one of " + words.joined(separator: ", ")
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            mismatch(path, expected: expected, found: node, next: nil)
            return nil
        }
        guard let value = Choice(rawValue: scalar.string) else {
            let suggestion = DidYouMean.suggestion(for: scalar.string, among: words).map { " (did you mean '\($0)'?)" }
            error(
                "\(path) must be \(expected), found '\(scalar.string)'\(suggestion ?? "")",
                at: Self.position(of: node))
            return nil
        }
        return Located(value, at: Self.position(of: node))
    }

    /// A list of strings; a single string is not accepted, so that the shape stays obvious.
    mutating func stringList(_ node: Node, at path: String, next hint: String? = nil) -> [Located<String>]? {
        guard case .sequence(let sequence) = node else {
            mismatch(path, expected: "a list", found: node, next: hint)
            return nil
        }
        return sequence.enumerated().compactMap { index, item in
            string(item, at: "\(path)[\(index)]", next: hint)
        }
    }
}
