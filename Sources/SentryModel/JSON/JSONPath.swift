// JSONPath-style locations (`$[3].teams[0].slug`) for messages about snapshot files.

public enum JSONPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
}

public typealias JSONPath = [JSONPathComponent]

extension Array where Element == JSONPathComponent {
    /// `$`, `$[3].teams[0].slug`, `$.files["secrets/keys.json"]`.
    public var rendered: String {
        var text = "$"
        for component in self {
            switch component {
            case .index(let index): text += "[\(index)]"
            case .key(let key) where key.isPlainIdentifier: text += ".\(key)"
            case .key(let key): text += "[\(JSONPrinter.quoted(key))]"
            }
        }
        return text
    }
}

extension String {
    fileprivate var isPlainIdentifier: Bool {
        guard let first = utf8.first, first == UInt8(ascii: "_") || first.isASCIILetter else { return false }
        return utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0.isASCIILetter || (0x30...0x39).contains($0) }
    }
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool { (0x41...0x5a).contains(self) || (0x61...0x7a).contains(self) }
}
