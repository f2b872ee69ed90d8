/// Strings laid out as NUL-terminated C strings in one buffer, for libpq's `const char * const *`
/// arguments (parameter values, connection keywords). One allocation per call, however many strings.
struct CStrings {
    private var bytes: [UInt8] = []
    /// Offset of each string in `bytes`; nil for a NULL pointer.
    private var offsets: [Int?] = []

    /// Nil when a string contains a NUL byte, which a C string cannot carry; returns which one.
    static func make(_ strings: [String?]) -> Result<CStrings, NULIndex> {
        var buffer = CStrings()
        buffer.offsets.reserveCapacity(strings.count + 1)
        for (index, string) in strings.enumerated() {
            guard let string else {
                buffer.offsets.append(nil)
                continue
            }
            let utf8 = string.utf8
            if utf8.contains(0) { return .failure(NULIndex(index: index)) }
            buffer.offsets.append(buffer.bytes.count)
            buffer.bytes.append(contentsOf: utf8)
            buffer.bytes.append(0)
        }
        return .success(buffer)
    }

    struct NULIndex: Error {
        let index: Int
    }

    /// Calls `body` with an array of pointers followed by a terminating NULL (which libpq's keyword arrays
    /// need and parameter arrays ignore). The pointers are valid only during the call.
    func withPointers<Value>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Value) -> Value {
        bytes.withUnsafeBufferPointer { storage in
            storage.withMemoryRebound(to: CChar.self) { characters in
                var pointers = offsets.map { offset in offset.map { UnsafePointer(characters.baseAddress! + $0) } }
                pointers.append(nil)
                return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
            }
        }
    }
}
