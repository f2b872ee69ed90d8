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
        let (positions, first) = Self.keyIndex(current, key: key)
        // Which target entities no desired one names must be known before the first change goes out,
        // to merge them in by key.
        var found = [Bool](repeating: false, count: current.count)
        if !current.isEmpty {
            for entity in desired { if let position = positions[key(entity)] { found[position] = true } }
        }
        let own = Self.byKey(current.indices.filter { !found[first[$0]] }, of: current, key: key)
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
            let existing = positions[name].map { current[$0] }
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

    /// Each target entity's key hashed once: `positions` maps a key to the first entity with it (the
    /// one a desired entity is compared with), and `first[i]` is that position for entity i's key.
    static func keyIndex<Entity>(
        _ current: [Entity], key: (Entity) -> String
    ) -> (positions: [String: Int], first: [Int]) {
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
        return (positions, first)
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
