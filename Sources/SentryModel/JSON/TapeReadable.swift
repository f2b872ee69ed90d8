/// A type the snapshot reader can build straight from the tape, without `Decodable`'s containers,
/// when its value is exactly what `SnapshotWriter` writes: only known fields, plain ASCII keys, each
/// value of the wanted kind. Anything else gives nil, and the value is decoded again by
/// `StrictDecoder`, which then says what is wrong with it; so a value read this way is always the
/// one `StrictDecoder` would give, and every problem is still reported by `StrictDecoder` alone.
///
/// For the kinds a large snapshot holds tens of thousands of (members, keys): through `Decodable`,
/// reading members took a fifth of `plan`'s work on the bench's large organization.
protocol TapeReadable {
    init?(tape: JSONTape, at index: Int)
}

extension JSONTape {
    /// Calls `take` with each member's key (as text) and value index of the object at `object`, in
    /// file order; false when `object` is not an object, when a key is escaped or not ASCII (its
    /// text could equal a field's name only after unescaping), or when `take` returns false.
    func readMembers(of object: Int, _ take: (_ key: String, _ value: Int) -> Bool) -> Bool {
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
    func plainString(_ index: Int) -> String? {
        entries[index].kind == .string ? string(at: index) : nil
    }

    /// The boolean at `index`, nil when it is not `true` or `false`.
    func plainBool(_ index: Int) -> Bool? {
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

    /// An optional field's value: `.some(nil)` for null (as `decodeIfPresent` reads it), `.some(value)`
    /// when `read` reads it, nil when it cannot.
    func nullable<T>(_ index: Int, _ read: (Int) -> T?) -> T?? {
        if entries[index].kind == .null { return .some(nil) }
        return read(index).map { .some($0) }
    }

    /// The elements of the array at `index`, each read by `read`; nil when it is not an array or an
    /// element cannot be read.
    func plainArray<T>(_ index: Int, _ read: (Int) -> T?) -> [T]? {
        let entry = entries[index]
        guard entry.kind == .array else { return nil }
        var values: [T] = []
        values.reserveCapacity(Int(entry.length))
        var element = index + 1
        for _ in 0..<entry.length {
            guard let value = read(element) else { return nil }
            values.append(value)
            element = end(of: element)
        }
        return values
    }
}
