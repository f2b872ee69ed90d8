/// A type the snapshot reader can build straight from the tape, without `Decodable`'s containers,
/// when its value is exactly what `SnapshotWriter` writes: only known fields, plain ASCII keys, each
/// value of the wanted kind. Anything else gives nil, and the value is decoded again by
/// `StrictDecoder`, which then says what is wrong with it; so a value read this way is always the
/// one `StrictDecoder` would give, and every problem is still reported by `StrictDecoder` alone.
///
/// For the kinds a large snapshot holds tens of thousands of (members, keys): through `Decodable`,
/// reading members took a fifth of `plan`'s work on the bench's large organization.
package protocol TapeReadable {
    init?(tape: JSONTape, at index: Int)
}

/// Stores `value` in `slot`; whether there was one (a field that cannot be read fails its reader).
/// Inlinable, so that readers in other modules get it specialized: an unspecialized generic here
/// looked up type metadata at run time for every field.
@inlinable
package func keep<T>(_ value: T?, in slot: inout T?) -> Bool {
    slot = value
    return value != nil
}

extension JSONTape {
    /// Calls `take` with each member's key (as text) and value index of the object at `object`, in
    /// file order; false when `object` is not an object, when a key is escaped or not ASCII (its
    /// text could equal a field's name only after unescaping), or when `take` returns false.
    package func readMembers(of object: Int, _ take: (_ key: String, _ value: Int) -> Bool) -> Bool {
        let entry = entries[object]
        guard entry.kind == .object else { return false }
        var key = object + 1
        for _ in 0..<entry.length {
            let keyEntry = entries[key]
            guard !keyEntry.escaped, !keyEntry.nonASCII else { return false }
            let start = Int(keyEntry.start) + 1
            let name = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + Int(keyEntry.length) - 2]), as: UTF8.self)
            guard take(name, key + 1) else { return false }
            key = end(of: key + 1)
        }
        return true
    }

    /// The string at `index`, nil when it is not a string.
    package func plainString(_ index: Int) -> String? {
        entries[index].kind == .string ? string(at: index) : nil
    }

    /// The boolean at `index`, nil when it is not `true` or `false`.
    package func plainBool(_ index: Int) -> Bool? {
        switch entries[index].kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// The integer at `index` as `StrictDecoder` reads it, nil when it is not a number that fits.
    func plainInteger<T: FixedWidthInteger>(_ index: Int) -> T? {
        entries[index].kind == .number ? integer(at: index) : nil
    }

    /// Whether the value at `index` is JSON null.
    package func isNull(_ index: Int) -> Bool { entries[index].kind == .null }

    /// The integer at `index`, nil when it is not a number that fits an `Int64` (not generic, for
    /// readers in other modules).
    package func plainInt64(_ index: Int) -> Int64? { plainInteger(index) }

    /// How many elements the array at `index` has; 0 when it is not an array.
    package func arrayLength(_ index: Int) -> Int {
        entries[index].kind == .array ? Int(entries[index].length) : 0
    }

    /// Calls `read` with each element of the array at `index`; false when it is not an array or
    /// `read` returns false.
    package func eachElement(of index: Int, _ read: (Int) -> Bool) -> Bool {
        let entry = entries[index]
        guard entry.kind == .array else { return false }
        var element = index + 1
        for _ in 0..<entry.length {
            guard read(element) else { return false }
            element = end(of: element)
        }
        return true
    }

    /// The elements of the array at `index`, each read by `read`; nil when it is not an array or an
    /// element cannot be read. Inlinable, as `keep`: readers in other modules get it specialized.
    @inlinable
    package func elements<T>(of index: Int, _ read: (Int) -> T?) -> [T]? {
        var values: [T] = []
        // As long as the array, not grown by doubling: a saved plan's 146,000 lists of fields kept up to
        // twice their room through apply (docs/performance.md).
        values.reserveCapacity(arrayLength(index))
        guard eachElement(of: index, { element in read(element).map { values.append($0) } != nil }) else { return nil }
        return values
    }
}

extension JSONTape {
    /// `reader`'s value for the JSON text `bytes`, or nil when it is not JSON or `reader` declines:
    /// how tests in other modules hold a `TapeReadable` to its type's `Decodable`.
    package static func read<T>(_ bytes: [UInt8], with reader: (JSONTape, Int) -> T?) -> T? {
        guard let document = try? JSONParser.parse(bytes) else { return nil }
        return document.withTape { reader($0, document.root) }
    }
}
