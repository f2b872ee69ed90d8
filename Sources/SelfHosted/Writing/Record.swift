/// One row to write: column name → value, written as a dictionary literal. Columns the target's table
/// lacks are dropped, so a writer lists every column any supported version has and each profile keeps
/// its own.
///
/// The fields stay in the order written, in the array the literal itself makes: no hashing of names.
/// As `[String: any PostgresEncodable]` every row hashed each of its fifteen-odd names twice, to be built
/// and to be read back column by column: about a tenth of a large apply's own work (docs/performance.md,
/// twelfth session). The rows of one statement are made by the same code, so they
/// name the same columns in the same order, and `WriteSession` finds each column's position once.
struct Record: ExpressibleByDictionaryLiteral {
    /// Name and value of each column, in the order written.
    private(set) var fields: [(String, any PostgresEncodable)]

    init(dictionaryLiteral fields: (String, any PostgresEncodable)...) {
        self.fields = fields
    }

    var count: Int { fields.count }

    /// The names, in the order written.
    var names: [String] { fields.map(\.0) }

    /// The value of column `name`; setting it replaces that value or adds the column at the end, and
    /// setting nil removes it.
    subscript(name: String) -> (any PostgresEncodable)? {
        get { fields.first { $0.0 == name }?.1 }
        set {
            let position = fields.firstIndex { $0.0 == name }
            switch (position, newValue) {
            case (let position?, let value?): fields[position].1 = value
            case (let position?, nil): fields.remove(at: position)
            case (nil, let value?): fields.append((name, value))
            case (nil, nil): break
            }
        }
    }

    /// The value at `position` of `fields`, for rows whose columns are known to be in the same places.
    func value(at position: Int) -> any PostgresEncodable { fields[position].1 }

    /// Whether this row names `names`, in that order (each compared where it is, the common case first:
    /// names from the same literal are the same strings).
    func names(are names: [String]) -> Bool {
        guard fields.count == names.count else { return false }
        // In place: through `zip`, each field (its value an existential) was copied to be compared.
        return fields.withUnsafeBufferPointer { fields in
            names.withUnsafeBufferPointer { names in
                for index in 0..<names.count where fields[index].0 != names[index] { return false }
                return true
            }
        }
    }

    /// `other`'s columns set on this row: its values replace those of columns both name.
    mutating func merge(_ other: Record) {
        for (name, value) in other.fields { self[name] = value }
    }

    func merging(_ other: Record) -> Record {
        var merged = self
        merged.merge(other)
        return merged
    }
}
