import SentryModel
import Testing

@testable import Planning

/// `DiffPass.match`: walking two lists in canonical order gives what matching through a hash gives,
/// and both give what a plain search says (each desired key finds the first target entity equal to it
/// as a Swift string; a target entity is named when some desired key equals its own).
@Suite struct KeyMatchTests {
    private func expected(_ desired: [String], _ current: [String]) -> DiffPass.KeyMatch {
        DiffPass.KeyMatch(
            counterpart: desired.map { name in current.firstIndex { $0 == name } },
            named: current.map { name in desired.contains { $0 == name } })
    }

    private func check(_ desired: [String], _ current: [String]) {
        let match = DiffPass.match(desired, current, key: { $0 })
        let wanted = expected(desired, current)
        #expect(match.counterpart == wanted.counterpart, "\(desired) against \(current)")
        #expect(match.named == wanted.named, "\(desired) against \(current)")
    }

    @Test func listsInCanonicalOrderAreWalkedToTheSameMatch() {
        var random = SplitMix64(seed: 11)
        let pool = (0..<40).map { String(format: "user%02d@acme.example", $0) }
        for _ in 0..<300 {
            let desired = pool.filter { _ in random.unit() < 0.5 }
            let current = pool.filter { _ in random.unit() < 0.5 }
            #expect(DiffPass.walkable(desired, key: { $0 }) && DiffPass.walkable(current, key: { $0 }))
            check(desired, current)
        }
        check([], pool)
        check(pool, [])
        check(pool, pool)
    }

    @Test func otherListsAreHashedToTheSameMatch() {
        var random = SplitMix64(seed: 12)
        // Repeated keys, any order, and a key written composed and decomposed (equal as strings).
        let pool = ["a", "b", "c", "caf\u{E9}", "cafe\u{301}", "B", "a"]
        for _ in 0..<300 {
            let desired = (0..<Int(random.next() % 6)).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
            let current = (0..<Int(random.next() % 6)).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
            check(desired, current)
        }
        // In byte order and each once, but not ASCII: hashed, so the composed and decomposed forms meet.
        #expect(!DiffPass.walkable(["cafe\u{301}"], key: { $0 }))
        check(["caf\u{E9}"], ["cafe\u{301}"])
        #expect(DiffPass.match(["caf\u{E9}"], ["cafe\u{301}"], key: { $0 }).counterpart == [0])
    }
}
