extension Snapshot {
    /// Digest of every entity by `"kind/key"` (`"teams/backend"`, `"keys/<public key>"`; secrets
    /// under `"secrets/<public key>"`), so a saved plan can name what changed since it was made.
    /// Provenance ids are part of an entity and count as changes.
    ///
    /// `onTwoThreads`: each half of every kind is hashed on its own thread; for callers with nothing
    /// else to do meanwhile: apply's staleness check, and `plan` while its few facts queries run.
    public func entityDigests(onTwoThreads: Bool = false) throws -> [String: String] {
        var digests: [String: String] = [:]
        digests.reserveCapacity(
            1 + teams.count + members.count + projects.count + keys.count + filters.count + ownership.count
                + rules.count + metricAlerts.count + secrets.count)
        guard onTwoThreads else {
            try digestPart(0, of: 1) { digests[$0] = $1 }
            return digests
        }
        let (_, second) = try concurrently(
            { try digestPart(0, of: 2) { digests[$0] = $1 } },
            { () throws -> [(String, String)] in
                var pairs: [(String, String)] = []
                try digestPart(1, of: 2) { pairs.append(($0, $1)) }
                return pairs
            })
        for (name, digest) in second { digests[name] = digest }
        return digests
    }

    /// Hands `add` the name and digest of part `part` of `parts` of every kind's entities, encoded
    /// by one writer whose buffers every entity reuses.
    private func digestPart(_ part: Int, of parts: Int, add: (String, String) -> Void) throws {
        let writer = CanonicalWriter()
        func each<Entity: Encodable>(_ entities: [Entity], _ name: (Entity) -> String) throws {
            let range = (entities.count * part / parts)..<(entities.count * (part + 1) / parts)
            for entity in entities[range] { add(name(entity), try CanonicalJSON.digest(of: entity, using: writer)) }
        }
        if part == 0 {
            add("organization/\(organization.slug)", try CanonicalJSON.digest(of: organization, using: writer))
        }
        try each(teams) { "teams/\($0.slug)" }
        try each(members) { "members/\($0.email)" }
        try each(projects) { "projects/\($0.slug)" }
        try each(keys) { "keys/\($0.publicKey)" }
        try each(filters) { "filters/\($0.project)" }
        try each(ownership) { "ownership/\($0.project)" }
        try each(rules) { "rules/\($0.key)" }
        try each(metricAlerts) { "metric-alerts/\($0.key)" }
        try each(secrets) { "secrets/\($0.publicKey)" }
    }

    /// One digest of a whole snapshot, from its `entityDigests()`, plus `context` (the target
    /// profile): equal fingerprints mean the target holds exactly what the plan was computed against.
    public static func fingerprint(of entityDigests: [String: String], context: String) -> String {
        // Names sorted as UTF-8 bytes, hashed as `context`, then `\nname=digest` per entity. Every
        // line is copied once into one buffer and only the lines' positions are sorted, each
        // comparison one `memcmp` of two names in that buffer: sorting 70,000 names held as arrays
        // retained and released them on every comparison (a fifth of a second on the large org).
        var buffer: [UInt8] = []
        var lines: [(start: Int, nameLength: Int, end: Int)] = []
        lines.reserveCapacity(entityDigests.count)
        for (name, digest) in entityDigests {
            let start = buffer.count
            buffer.append(0x0a)
            buffer.append(contentsOf: name.utf8)
            let nameLength = buffer.count - start - 1
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: digest.utf8)
            lines.append((start, nameLength, buffer.count))
        }
        buffer.withUnsafeBytes { bytes in
            func name(_ line: (start: Int, nameLength: Int, end: Int)) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: bytes[(line.start + 1)..<(line.start + 1 + line.nameLength)])
            }
            lines.sort { utf8Order(name($0), name($1)) < 0 }
        }
        var hasher = SHA256Hasher()
        hasher.update(Array(context.utf8))
        var text: [UInt8] = []
        text.reserveCapacity(1 << 16)
        for line in lines {
            text.append(contentsOf: buffer[line.start..<line.end])
            if text.count >= 1 << 15 {
                hasher.update(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        hasher.update(text)
        return SHA256Digest(hasher).hex
    }
}
