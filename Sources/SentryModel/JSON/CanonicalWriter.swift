// Encodable values straight to the canonical bytes (`JSONPrinter.print(JSONNodeEncoder.encode(v))`)
// in one byte buffer, with no tree: the tree's boxes, enums and number strings were most of the
// time of hashing a large organization's 70,000 entities.
//
// Every container is written as it is filled, at the depth its position gives. An object's
// members are written in the order they are encoded, each one's span of bytes remembered; when the
// object is complete they are moved into UTF-8 key order (`utf8Precedes`), a key encoded twice
// keeping its last value, as the tree does. A value passed to `encode(_:forKey:)` (or to an
// unkeyed or single-value container) is complete when that call returns; a nested container is
// complete when its parent is written to again. Anything outside that discipline (a superEncoder,
// writing to a container after it was completed, two kinds of container for one value, keys that
// Swift calls equal although their bytes differ) marks the run failed, and the caller encodes the
// value again through the tree: correct first, fast for the common case.

//
// The writer is used by one thread at a time and never hands out its buffers while it writes, so its
// stored properties are exempt from Swift's run-time exclusivity checks: with them, checking cost
// more than writing (a quarter of the samples, mostly looking up thread-local access sets).

final class CanonicalWriter {
    /// The bytes written so far.
    @exclusivity(unchecked) var out: [UInt8] = []
    /// Set when the value could not be written here; `out` is then meaningless.
    @exclusivity(unchecked) private(set) var failed = false
    /// Names the one member of the top-level object whose value is streamed in later
    /// (`CanonicalJSON.write`): the object gets that member with an empty value, whatever the value
    /// encoded under it, and `streamedSplit` tells where its value belongs.
    @exclusivity(unchecked) var streamedKey: String?
    @exclusivity(unchecked) private(set) var streamedSplit: Int?

    @exclusivity(unchecked) private var values: [ValueSlot] = []
    /// The innermost value being written (`values.last?.id`), 0 when none.
    @exclusivity(unchecked) private var currentValue = 0
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var members: [MemberSpan] = []
    @exclusivity(unchecked) private var path: [WrittenKey] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var nextID = 0

    /// Room for a typical entity up front: growing five arrays from empty cost more than writing
    /// one small value (`CanonicalJSON.bytes` and `digest` make a writer per call).
    init(capacity: Int = 1024) {
        out.reserveCapacity(capacity)
        values.reserveCapacity(8)
        frames.reserveCapacity(8)
        members.reserveCapacity(32)
        path.reserveCapacity(8)
    }

    /// `value` as a whole document (with its trailing newline), replacing what was written;
    /// check `failed` afterwards.
    func encodeDocument(_ value: some Encodable) throws {
        reset()
        try encode(value, depth: 0, key: nil)
        out.append(0x0a)
    }

    /// Appends `value` as written at indentation `depth` (an element of a streamed array), after
    /// whatever `out` holds; check `failed` afterwards.
    func encodeFragment(_ value: some Encodable, depth: Int) throws {
        resetState()
        try encode(value, depth: depth, key: nil)
    }

    /// Forgets everything written, keeping the buffers' capacity.
    func reset() {
        out.removeAll(keepingCapacity: true)
        resetState()
    }

    private func resetState() {
        values.removeAll(keepingCapacity: true)
        currentValue = 0
        frames.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        path.removeAll(keepingCapacity: true)
        failed = false
        streamedSplit = nil
    }

    /// Appends `value` as written at indentation `depth`; after a failure, check `failed`.
    func encode<T: Encodable>(_ value: T, depth: Int, key: WrittenKey?) throws {
        guard !failed else { return }
        if writeScalar(value) { return }
        nextID += 1
        let id = nextID
        let pathBase = path.count
        if let key { path.append(key) }
        values.append(ValueSlot(id: id, depth: depth, pathCount: path.count))
        currentValue = id
        try value.encode(to: CanonicalValueEncoder(writer: self, id: id))
        guard !failed else { return }
        while let top = frames.last, top.owner == id {
            closeTop()
            guard !failed else { return }
        }
        guard let slot = values.popLast(), slot.id == id else { return fail() }
        currentValue = values.last?.id ?? 0
        if case .empty = slot.state {
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "}"))
        }
        if path.count > pathBase { path.removeLast(path.count - pathBase) }
    }

    func fail() {
        failed = true
    }

    // MARK: Scalars

    /// The leaf types the tree encoder also takes without an encoder of their own; the output is
    /// the same either way, this only saves the encoder.
    private func writeScalar<T: Encodable>(_ value: T) -> Bool {
        if T.self == String.self {
            writeString(unsafeBitCast(value, to: String.self))
        } else if T.self == Bool.self {
            writeBool(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Int.self {
            writeInteger(Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Int64.self {
            writeInteger(unsafeBitCast(value, to: Int64.self))
        } else if T.self == Int32.self {
            writeInteger(Int64(unsafeBitCast(value, to: Int32.self)))
        } else if T.self == UInt64.self {
            writeUnsigned(unsafeBitCast(value, to: UInt64.self))
        } else if T.self == Double.self {
            writeDouble(unsafeBitCast(value, to: Double.self))
        } else {
            return false
        }
        return true
    }

    func writeString(_ text: String) {
        JSONPrinter.writeString(text, into: &out)
    }

    // Literals a byte at a time: appending a `String`'s UTF-8 view goes through its generic copy.

    func writeBool(_ flag: Bool) {
        if flag {
            append(UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e"))
        } else {
            append(UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"))
            out.append(UInt8(ascii: "e"))
        }
    }

    func writeNull() {
        append(UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l"))
    }

    private func append(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
        out.append(first)
        out.append(second)
        out.append(third)
        out.append(fourth)
    }

    /// `String(number)`'s digits, without making the string.
    func writeInteger(_ number: Int64) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        writeUnsigned(number.magnitude)
    }

    func writeUnsigned(_ number: UInt64) {
        let start = out.count
        var rest = number
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        out[start...].reverse()
    }

    func writeDouble(_ number: Double) {
        guard number.isFinite else { return writeNull() }
        out.append(contentsOf: JSONNodeEncoder.numberText(number).utf8)
    }

    private func writeIndent(_ level: Int) {
        for _ in 0..<level {
            out.append(UInt8(ascii: " "))
            out.append(UInt8(ascii: " "))
        }
    }

    /// A member's key and the `: ` after it, in one pass over the key's bytes (copied whole when
    /// nothing needs escaping); gives whether the key is plain ASCII and its first eight bytes as a
    /// big-endian number (zero-padded), which orders most keys without comparing their strings.
    private func writeKey(_ key: String) -> (ascii: Bool, prefix: UInt64) {
        var key = key
        var ascii = true
        var prefix: UInt64 = 0
        let copied = key.withUTF8 { bytes -> Bool in
            var plain = true
            for index in 0..<min(bytes.count, 8) { prefix |= UInt64(bytes[index]) << (56 - 8 * index) }
            for byte in bytes {
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { plain = false }
                if byte >= 0x80 { ascii = false }
            }
            guard plain else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !copied { writeString(key) }
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
        return (ascii, prefix)
    }

    // MARK: Values and containers

    /// Starts a single value of value `id`; the depth to write it at, or nil (then write nothing).
    func beginSingleValue(of id: Int) -> Int? {
        guard !failed, id == currentValue, let last = values.indices.last, case .empty = values[last].state else {
            fail()
            return nil
        }
        values[last].state = .written
        return values[last].depth
    }

    /// The frame of value `id`'s own object or array, opened on first use; -1 after a failure.
    func container(of id: Int, isObject: Bool) -> Int {
        guard !failed, id == currentValue, let last = values.indices.last else {
            fail()
            return -1
        }
        switch values[last].state {
        case .empty:
            let frame = openFrame(isObject: isObject, owner: id, depth: values[last].depth, pathBase: path.count)
            values[last].state = .container(frame: frame, isObject: isObject)
            return frame
        case .container(let frame, let wasObject) where wasObject == isObject && frames.contains { $0.id == frame }:
            return frame
        default:
            fail()
            return -1
        }
    }

    /// A container nested in frame `parent` at `depth` (its member or element already begun).
    func nestedContainer(in parent: Int, isObject: Bool, depth: Int, key: WrittenKey?) -> Int {
        guard !failed, let index = frames.lastIndex(where: { $0.id == parent }) else {
            fail()
            return -1
        }
        let pathBase = path.count
        if let key { path.append(key) }
        return openFrame(isObject: isObject, owner: frames[index].owner, depth: depth, pathBase: pathBase)
    }

    private func openFrame(isObject: Bool, owner: Int, depth: Int, pathBase: Int) -> Int {
        nextID += 1
        out.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(
            Frame(
                id: nextID, owner: owner, isObject: isObject, depth: depth, membersBase: members.count,
                pathCount: path.count, pathBase: pathBase))
        return nextID
    }

    /// Starts the member `key` of object `frame`: the depth to write its value at, or nil.
    func beginMember(of frame: Int, key: String) -> Int? {
        let index: Int
        if let top = frames.indices.last, frames[top].id == frame, frames[top].owner == currentValue {
            index = top
        } else {
            guard let found = makeTop(frame) else { return nil }
            index = found
        }
        var current = frames[index]
        if current.count > 0 { out.append(UInt8(ascii: ",")) }
        let start = out.count
        let depth = current.depth + 1
        out.append(0x0a)
        writeIndent(depth)
        let (ascii, prefix) = writeKey(key)
        let member = MemberSpan(key: key, prefix: prefix, start: start)
        if !ascii { current.hasNonASCIIKey = true }
        if current.count > 0, current.sorted, members[members.count - 1].order(member) >= 0 { current.sorted = false }
        members.append(member)
        current.count += 1
        frames[index] = current
        return depth
    }

    /// Starts the next element of array `frame`: the depth to write it at, or nil.
    func beginElement(of frame: Int) -> Int? {
        guard let index = makeTop(frame) else { return nil }
        if frames[index].count > 0 { out.append(UInt8(ascii: ",")) }
        let depth = frames[index].depth + 1
        out.append(0x0a)
        writeIndent(depth)
        frames[index].count += 1
        return depth
    }

    /// The elements written so far to array `frame` (0 once it is complete).
    func count(of frame: Int) -> Int {
        frames.last { $0.id == frame }?.count ?? 0
    }

    func codingPath(ofValue id: Int) -> [any CodingKey] {
        let count = values.last { $0.id == id }?.pathCount ?? path.count
        return Array(path.prefix(count))
    }

    func codingPath(ofFrame id: Int) -> [any CodingKey] {
        let count = frames.last { $0.id == id }?.pathCount ?? path.count
        return Array(path.prefix(count))
    }

    /// Makes `frame` the innermost open one by completing the nested containers above it; its
    /// index, or nil (and failed) when it is complete already or belongs to another value.
    private func makeTop(_ frame: Int) -> Int? {
        guard !failed else { return nil }
        let top = frames.count - 1
        if top >= 0, frames[top].id == frame, frames[top].owner == currentValue { return top }
        guard let index = frames.lastIndex(where: { $0.id == frame }), frames[index].owner == currentValue,
            frames[(index + 1)...].allSatisfy({ $0.owner == frames[index].owner })
        else {
            fail()
            return nil
        }
        while frames.count - 1 > index {
            closeTop()
            guard !failed else { return nil }
        }
        return index
    }

    private func closeTop() {
        let frame = frames.removeLast()
        if frame.isObject {
            closeObject(frame)
        } else if frame.count == 0 {
            out.append(UInt8(ascii: "]"))
        } else {
            out.append(0x0a)
            writeIndent(frame.depth)
            out.append(UInt8(ascii: "]"))
        }
        if path.count > frame.pathBase { path.removeLast(path.count - frame.pathBase) }
    }

    private func closeObject(_ frame: Frame) {
        var frame = frame
        var streamedStart: Int?
        if frame.depth == 0, let key = streamedKey {
            // The streamed member goes in last, so it replaces any member of the same key.
            if frame.count > 0 { out.append(UInt8(ascii: ",")) }
            let start = out.count
            streamedStart = start
            out.append(0x0a)
            writeIndent(1)
            let (ascii, prefix) = writeKey(key)
            members.append(MemberSpan(key: key, prefix: prefix, start: start))
            if !ascii { frame.hasNonASCIIKey = true }
            frame.count += 1
            frame.sorted = false
        }
        defer { members.removeLast(members.count - frame.membersBase) }
        guard frame.count > 0 else { return out.append(UInt8(ascii: "}")) }
        let base = frame.membersBase
        let end = out.count
        for index in base..<(members.count - 1) { members[index].end = members[index + 1].start - 1 }
        members[members.count - 1].end = end
        if frame.hasNonASCIIKey, !keysAreDistinctOnlyByBytes(from: base) { return fail() }
        if !frame.sorted { reorder(from: base, end: end, streamedStart: streamedStart) }
        out.append(0x0a)
        writeIndent(frame.depth)
        out.append(UInt8(ascii: "}"))
    }

    /// Moves the members from `base` on into key order, dropping all but the last of equal keys.
    /// `streamedStart` is where the streamed member began, if any: `streamedSplit` is set to where
    /// it ends.
    private func reorder(from base: Int, end: Int, streamedStart: Int?) {
        let regionStart = members[base].start
        if members.count - base <= 16 {
            // Insertion sort: few keys, often nearly in order; stable, so equal keys stay in the
            // order they were encoded.
            members.withUnsafeMutableBufferPointer { list in
                for next in (base + 1)..<list.count {
                    var position = next
                    while position > base, list[position].order(list[position - 1]) < 0 {
                        list.swapAt(position, position - 1)
                        position -= 1
                    }
                }
            }
        } else {
            members[base...].sort { left, right in
                let order = left.order(right)
                return order != 0 ? order < 0 : left.start < right.start
            }
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: out[regionStart..<end])
        var cursor = regionStart
        var first = true
        out.withUnsafeMutableBufferPointer { output in
            scratch.withUnsafeBufferPointer { saved in
                for index in base..<members.count {
                    let member = members[index]
                    if index + 1 < members.count, member.order(members[index + 1]) == 0 { continue }
                    if !first {
                        output[cursor] = UInt8(ascii: ",")
                        cursor += 1
                    }
                    first = false
                    let length = member.end - member.start
                    let from = saved.baseAddress! + (member.start - regionStart)
                    (output.baseAddress! + cursor).update(from: from, count: length)
                    cursor += length
                    if member.start == streamedStart { streamedSplit = cursor }
                }
            }
        }
        out.removeSubrange(cursor..<end)
    }

    /// Whether no two keys from `base` on are equal as Swift compares strings (canonical
    /// equivalence: "K" and the Kelvin sign) without being equal as bytes; the tree merges such
    /// keys, keeping the first one's text, which this writer does not imitate.
    private func keysAreDistinctOnlyByBytes(from base: Int) -> Bool {
        var seen: [String: String] = [:]
        for member in members[base...] {
            if let earlier = seen[member.key] {
                if earlier.utf8Compare(member.key) != 0 { return false }
            } else {
                seen[member.key] = member.key
            }
        }
        return true
    }

}

/// A coding path component as the writer keeps it: the key's text and number, not its type.
struct WrittenKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    init(_ key: some CodingKey) {
        stringValue = key.stringValue
        intValue = key.intValue
    }
}

/// A value being written: what its encoder has written so far.
private struct ValueSlot {
    enum State {
        case empty
        case written
        case container(frame: Int, isObject: Bool)
    }

    let id: Int
    let depth: Int
    /// How much of the writer's path is this value's coding path.
    let pathCount: Int
    var state = State.empty
}

/// An open object or array.
private struct Frame {
    let id: Int
    /// The value whose encoder opened it.
    let owner: Int
    let isObject: Bool
    /// Indentation of its brackets.
    let depth: Int
    /// Where its members start in the writer's member list.
    let membersBase: Int
    let pathCount: Int
    /// The path's length before this frame's key (nested containers only).
    let pathBase: Int
    var count = 0
    /// Keys so far in strictly increasing byte order (so no key repeats).
    var sorted = true
    var hasNonASCIIKey = false
}

/// One member of an open object: its key and the bytes from its newline to the end of its value.
private struct MemberSpan {
    let key: String
    /// The key's first eight bytes, big-endian, zero-padded.
    let prefix: UInt64
    let start: Int
    var end = 0

    /// The UTF-8 byte order of the two keys: by the prefixes when they differ (a shorter key padded
    /// with zeros sorts first, as a prefix does), by the strings otherwise.
    func order(_ other: MemberSpan) -> Int {
        if prefix != other.prefix { return prefix < other.prefix ? -1 : 1 }
        return key.utf8Compare(other.key)
    }
}
