#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether this string comes before `other` in UTF-8 byte order: the one order of canonical JSON
    /// keys, snapshot entities, plans and fingerprints. One `memcmp` of the two strings' bytes; the
    /// generic `utf8.lexicographicallyPrecedes` stepped through both a byte at a time, 6 % of a large
    /// plan's time (sorting 70,000 entity digests, every object's keys).
    public func utf8Precedes(_ other: String) -> Bool {
        utf8Compare(other) < 0
    }

    /// The UTF-8 byte order of this string and `other` in one `memcmp`: negative when this one
    /// comes first, zero when the bytes are equal, positive otherwise.
    func utf8Compare(_ other: String) -> Int {
        var left = self
        var right = other
        return left.withUTF8 { lhs in
            right.withUTF8 { rhs in
                let common = min(lhs.count, rhs.count)
                let order = common == 0 ? 0 : memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
                return order != 0 ? Int(order) : lhs.count - rhs.count
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Byte order of two byte strings (one `memcmp`), as `String.utf8Precedes` for their texts.
    public func bytesPrecede(_ other: [UInt8]) -> Bool {
        withUnsafeBufferPointer { lhs in
            other.withUnsafeBufferPointer { rhs in
                let common = Swift.min(lhs.count, rhs.count)
                let order = common == 0 ? 0 : memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
                return order != 0 ? order < 0 : lhs.count < rhs.count
            }
        }
    }
}
