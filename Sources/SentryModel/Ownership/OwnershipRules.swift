/// Ownership rules as Sentry's `parse_rules` sees them, for writers that build the stored `schema`
/// document (`{"$version": 1, "rules": [...]}`) from the rules text.
public struct ParsedOwnershipRule: Sendable, Hashable {
    public struct Owner: Sendable, Hashable {
        public var isTeam: Bool
        /// An e-mail, or a team slug without its `#`.
        public var identifier: String
    }

    /// `path`, `url`, `module`, `codeowners` or `tags.NAME`.
    public var matcherType: String
    /// The pattern with its quotes removed and backslash escapes resolved, as Sentry stores it.
    public var pattern: String
    public var owners: [Owner]

    /// Every rule of `raw` that Sentry's grammar accepts, in order (comments and unparsable lines skipped).
    public static func parse(_ raw: String) -> [ParsedOwnershipRule] {
        let document = OwnershipDocument(parsing: raw)
        return document.rules.map { rule in
            ParsedOwnershipRule(
                matcherType: rule.matcherType, pattern: unquoted(document.string(rule.pattern)),
                owners: rule.owners.map { Owner(isTeam: $0.isTeam, identifier: $0.identifier) })
        }
    }

    private static func unquoted(_ pattern: String) -> String {
        guard pattern.count >= 2, pattern.hasPrefix("\""), pattern.hasSuffix("\"") else { return pattern }
        var result = ""
        var escaped = false
        for character in pattern.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
