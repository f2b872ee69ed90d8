import SentryModel

extension DiffPass {
    /// `compare`'s changes of one stage, handed to `emit` in the order `compare` lists them (by key),
    /// `chunk` at a time, instead of kept: apply's replan compares each chunk with the saved plan and lets
    /// it go, so it never holds a second whole plan (a stage of 100,000 members was most of one; the two
    /// plans were the peak of apply's memory, docs/performance.md). Same changes, same order: the target's
    /// own entities (kept, or deleted with prune) are merged in by key rather than sorted in afterwards.
    func stream<Entity: Encodable & Equatable>(
        _ stage: Stage, desired: [Entity], current: [Entity], key: (Entity) -> String, omitting: Set<String>,
        matched: (inout Entity, Entity) -> Void = { _, _ in },
        clearing: (inout Entity) -> Void = { _ in },
        extraFields: (Entity) throws -> [FieldChange] = { _ in [] },
        annotate: (inout EntityChange, Entity, _ current: Entity?) -> Void = { _, _, _ in },
        prunable: (Entity) -> Bool = { _ in true },
        chunk: Int = 4096, emit: ([EntityChange]) throws -> Void
    ) throws {
        // Which target entities no desired one names must be known before the first change goes out,
        // to merge them in by key.
        let match = Self.match(desired, current, key: key)
        let own = Self.byKey(current.indices.filter { !match.named[$0] }, of: current, key: key)
        var next = own.startIndex
        var buffer: [EntityChange] = []
        buffer.reserveCapacity(chunk)
        func add(_ change: EntityChange) throws {
            buffer.append(change)
            if buffer.count == chunk {
                try emit(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        func addOwn(before name: String?) throws {
            while next < own.endIndex {
                let entity = current[own[next]]
                let ownName = key(entity)
                if let name, !ownName.utf8Precedes(name) { return }
                try add(EntityChange(stage: stage, key: ownName, action: prune && prunable(entity) ? .delete : .keep))
                next += 1
            }
        }
        for position in Self.byKey(Array(desired.indices), of: desired, key: key) {
            let entity = desired[position]
            let name = key(entity)
            try addOwn(before: name)
            let existing = match.counterpart[position].map { current[$0] }
            if let change = try Self.change(
                stage, entity, name: name, current: existing, omitting: omitting, matched: matched,
                clearing: clearing, extraFields: extraFields, annotate: annotate)
            {
                try add(change)
            }
        }
        try addOwn(before: nil)
        if !buffer.isEmpty { try emit(buffer) }
    }

    /// Which target entity each desired one is compared with, and which target entities a desired one
    /// names.
    struct KeyMatch {
        /// For each desired entity, the position of the first target entity with its key.
        var counterpart: [Int?]
        /// For each target entity, whether a desired entity has its key.
        var named: [Bool]
    }

    /// `KeyMatch` of two lists. Lists of ASCII keys in canonical order, each key once (as a snapshot's are), are
    /// walked side by side; others are matched through a hash of the target's keys. Hashing 50,000 members'
    /// e-mails twice was a third of their comparison, on the diff's longest thread (docs/performance.md,
    /// eleventh session); `KeyMatchTests` holds the walk to the hash.
    static func match<Entity>(_ desired: [Entity], _ current: [Entity], key: (Entity) -> String) -> KeyMatch {
        var match = KeyMatch(
            counterpart: [Int?](repeating: nil, count: desired.count),
            named: [Bool](repeating: false, count: current.count))
        guard !desired.isEmpty, !current.isEmpty else { return match }
        if walkable(desired, key: key), walkable(current, key: key) {
            var position = 0
            for index in desired.indices {
                let name = key(desired[index])
                while position < current.count, key(current[position]).utf8Precedes(name) { position += 1 }
                guard position < current.count else { break }
                if key(current[position]) == name {
                    match.counterpart[index] = position
                    match.named[position] = true
                    position += 1
                }
            }
            return match
        }
        // Each target key hashed once; a key held twice is compared with its first entity, and both count
        // as named.
        var positions: [String: Int] = [:]
        positions.reserveCapacity(current.count)
        var first: [Int] = []
        first.reserveCapacity(current.count)
        for (position, entity) in current.enumerated() {
            let name = key(entity)
            if let earlier = positions[name] {
                first.append(earlier)
            } else {
                positions[name] = position
                first.append(position)
            }
        }
        var found = [Bool](repeating: false, count: current.count)
        for index in desired.indices {
            if let position = positions[key(desired[index])] {
                match.counterpart[index] = position
                found[position] = true
            }
        }
        for position in current.indices { match.named[position] = found[first[position]] }
        return match
    }

    /// Whether every key is ASCII and comes strictly after the one before it in UTF-8 order. ASCII only:
    /// keys match as Swift strings do (the hash's way), and two strings that differ in bytes can still be
    /// equal as strings (`é` composed or not), which the walk in byte order would not bring together.
    static func walkable<Entity>(_ entities: [Entity], key: (Entity) -> String) -> Bool {
        var previous: String?
        for entity in entities {
            let name = key(entity)
            guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            if let previous, !previous.utf8Precedes(name) { return false }
            previous = name
        }
        return true
    }

    /// `positions` ordered by their entities' keys, equal keys in the order given (as `compare`'s sort
    /// leaves them); a snapshot's lists are in that order already.
    private static func byKey<Entity>(_ positions: [Int], of entities: [Entity], key: (Entity) -> String) -> [Int] {
        let inOrder = zip(positions, positions.dropFirst()).allSatisfy { before, after in
            !key(entities[after]).utf8Precedes(key(entities[before]))
        }
        if inOrder { return positions }
        return positions.sorted { left, right in
            let (leftKey, rightKey) = (key(entities[left]), key(entities[right]))
            return leftKey.utf8Precedes(rightKey) || (!rightKey.utf8Precedes(leftKey) && left < right)
        }
    }
}
