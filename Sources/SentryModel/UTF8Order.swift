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
    ///
    /// The bytes are read in place where the string holds them contiguously (every native string, small
    /// ones too), without the copy `withUTF8` makes to get a mutable string: 2.5 against 3.2 ms to compare
    /// 50,000 members' e-mails with their neighbours (docs/performance.md, twelfth session).
    func utf8Compare(_ other: String) -> Int {
        let inPlace = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in
                utf8Order(UnsafeRawBufferPointer(lhs), UnsafeRawBufferPointer(rhs))
            }
        }
        if let inPlace, let order = inPlace { return order }
        var left = self
        var right = other
        return left.withUTF8 { lhs in
            right.withUTF8 { rhs in
                utf8Order(UnsafeRawBufferPointer(lhs), UnsafeRawBufferPointer(rhs))
            }
        }
    }
}

/// The UTF-8 byte order of two byte strings in one `memcmp`: negative when `lhs` comes first, zero
/// when they are equal, positive otherwise (a prefix comes before what extends it).
func utf8Order(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
    let common = min(lhs.count, rhs.count)
    let order = common == 0 ? 0 : memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
    return order != 0 ? Int(order) : lhs.count - rhs.count
}

extension Array {
    /// This list in the UTF-8 byte order of each element's `key` (stable: equal keys keep their order);
    /// itself when it already is. Sorted by each key's first eight bytes as one integer, and by the whole
    /// key only where those are equal: sorting 10,000 client keys' secrets by public key with a
    /// comparison of their strings took 10-20 ms, most of it the comparisons (docs/performance.md,
    /// twelfth session).
    package func sortedInUTF8Order(by key: (Element) -> String) -> [Element] {
        let keys = map(key)
        let inOrder = keys.withUnsafeBufferPointer { keys in
            keys.indices.dropFirst().allSatisfy { keys[$0 - 1].utf8Compare(keys[$0]) <= 0 }
        }
        if inOrder { return self }
        // Zero bytes pad a key shorter than eight; a tie of prefixes is settled by the whole keys, so a key
        // that holds zero bytes itself still sorts right.
        let prefixes = keys.map(\.utf8Prefix)
        let order = indices.sorted { left, right in
            if prefixes[left] != prefixes[right] { return prefixes[left] < prefixes[right] }
            let order = keys[left].utf8Compare(keys[right])
            return order != 0 ? order < 0 : left < right
        }
        return order.map { self[$0] }
    }
}

extension String {
    /// The first eight bytes of this string's UTF-8 as a big-endian integer (zeros past its end): two
    /// strings whose prefixes differ are in the order of their prefixes.
    fileprivate var utf8Prefix: UInt64 {
        var prefix: UInt64 = 0
        var count = 0
        for byte in utf8.prefix(8) {
            prefix = prefix << 8 | UInt64(byte)
            count += 1
        }
        return count == 8 ? prefix : prefix << (8 * UInt64(8 - count))
    }
}
