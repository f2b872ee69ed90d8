#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Snapshot {
    /// Digest of every entity by `"kind/key"` (`"teams/backend"`, `"keys/<public key>"`; secrets
    /// under `"secrets/<public key>"`), so a saved plan can name what changed since it was made.
    /// Provenance ids are part of an entity and count as changes.
    public func entityDigests() throws -> [String: String] {
        var digests: [String: String] = [:]
        digests.reserveCapacity(
            1 + teams.count + members.count + projects.count + keys.count + filters.count + ownership.count
                + rules.count + metricAlerts.count + secrets.count)
        digests["organization/\(organization.slug)"] = try CanonicalJSON.digest(of: organization)
        for team in teams { digests["teams/\(team.slug)"] = try CanonicalJSON.digest(of: team) }
        for member in members { digests["members/\(member.email)"] = try CanonicalJSON.digest(of: member) }
        for project in projects { digests["projects/\(project.slug)"] = try CanonicalJSON.digest(of: project) }
        for key in keys { digests["keys/\(key.publicKey)"] = try CanonicalJSON.digest(of: key) }
        for filter in filters { digests["filters/\(filter.project)"] = try CanonicalJSON.digest(of: filter) }
        for rules in ownership { digests["ownership/\(rules.project)"] = try CanonicalJSON.digest(of: rules) }
        for rule in rules { digests["rules/\(rule.key)"] = try CanonicalJSON.digest(of: rule) }
        for alert in metricAlerts { digests["metric-alerts/\(alert.key)"] = try CanonicalJSON.digest(of: alert) }
        for secret in secrets { digests["secrets/\(secret.publicKey)"] = try CanonicalJSON.digest(of: secret) }
        return digests
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
        buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress
            lines.sort { left, right in
                let common = min(left.nameLength, right.nameLength)
                let order = common == 0 ? 0 : memcmp(base! + left.start + 1, base! + right.start + 1, common)
                return order != 0 ? order < 0 : left.nameLength < right.nameLength
            }
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
