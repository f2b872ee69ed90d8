import Foundation

/// Server and libpq messages can echo the values we sent (a duplicate secret key in a unique-violation
/// detail, a bad value in "invalid input syntax"), and libpq's parse errors can echo a whole connection
/// string. These helpers hide such values before a message is kept in an error.
enum SecretMasking {
    static let mask = "***"

    /// Replaces each secret (longest first, so that one containing another goes whole) with `***`.
    static func removing(_ secrets: some Sequence<String>, from text: String) -> String {
        var result = text
        for secret in Set(secrets).sorted(by: { $0.count > $1.count }) where !secret.isEmpty {
            result = result.replacing(secret, with: mask)
        }
        return result
    }

    /// Hides the values in PostgreSQL's constraint details, keeping the column names:
    /// `Key (slug)=(acme) already exists.` becomes `Key (slug)=(***) already exists.`
    static func maskingValues(inDetail detail: String) -> String {
        if detail.hasPrefix("Failing row contains (") { return "Failing row contains (\(mask))." }
        guard detail.hasPrefix("Key ("), let separator = detail.range(of: ")=(") else { return detail }
        let columns = detail[..<separator.upperBound]
        let endings = [") already exists", ") is not present in table", ") is still referenced from table"]
        for ending in endings {
            if let end = detail.range(of: ending, options: .backwards) {
                return columns + mask + detail[end.lowerBound...]
            }
        }
        if detail.contains(") conflicts with existing key (") {
            return columns + mask + ") conflicts with an existing key."
        }
        return columns + mask + ")"
    }

    /// Hides every double-quoted fragment longer than one character (`"="` stays readable), for messages
    /// that quote input values or the connection string.
    static func maskingQuoted(_ text: String) -> String {
        var result = ""
        var quoted: String?
        for character in text {
            if character == "\"" {
                if let fragment = quoted {
                    result += fragment.count > 1 ? "\"\(mask)\"" : "\"\(fragment)\""
                    quoted = nil
                } else {
                    quoted = ""
                }
            } else if quoted != nil {
                quoted?.append(character)
            } else {
                result.append(character)
            }
        }
        if let fragment = quoted { result += "\"" + (fragment.isEmpty ? "" : mask) }
        return result
    }
}
