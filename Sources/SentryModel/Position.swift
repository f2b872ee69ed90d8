/// A 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a problem is: a file, and a position in it when there is one.
public struct Location: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var position: Position?

    public init(file: String, position: Position? = nil) {
        self.file = file
        self.position = position
    }

    public var description: String {
        position.map { "\(file):\($0)" } ?? file
    }
}
