/// Sentry's naming rules, as the self-hosted database and API enforce them.
enum SlugRules {
    /// Team and project slug columns are varchar(50) on every self-hosted version we target.
    /// Projects allow 100 from ≈24.10 on, but 50 is the limit that works everywhere.
    static let maximumLength = 50
    static let teamNameLength = 64
    static let organizationNameLength = 64
    static let projectNameLength = 200

    /// Why `slug` breaks Sentry's slug rule (`^(?![0-9]+$)[a-z0-9_\-]+$`, at most 50), or nil if it is fine.
    static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if let bad = slug.unicodeScalars.first(where: { !isSlugCharacter($0) }) {
            return "contains '\(Character(bad))'; slugs use lowercase letters, digits, '-' and '_'"
        }
        if slug.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return "is only digits"
        }
        if slug.unicodeScalars.count > maximumLength {
            return "is \(slug.unicodeScalars.count) characters long; the portable limit is \(maximumLength)"
        }
        return nil
    }

    /// Organization slugs are stricter: they become subdomains, so no '_' and no '-' at either end
    /// (Sentry's `ORG_SLUG_PATTERN`), and only lowercase here since self-hosted compares them lowercased.
    static func problem(withOrganizationSlug slug: String) -> String? {
        if let problem = problem(with: slug) { return problem }
        if slug.contains("_") { return "contains '_'; organization slugs use lowercase letters, digits and '-'" }
        if slug.hasPrefix("-") || slug.hasSuffix("-") { return "starts or ends with '-'" }
        return nil
    }

    private static func isSlugCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }

    /// Organization roles a self-hosted Sentry has; hosted adds `billing`.
    static let organizationRoles = ["member", "admin", "manager", "owner"]
    static let teamRoles = ["contributor", "admin"]

    /// Legacy-browser subfilter names Sentry accepts (current, then deprecated ones).
    static let legacyBrowserSubfilters = [
        "ie", "edge", "safari", "firefox", "chrome", "opera", "android", "opera_mini",
        "ie_pre_9", "ie9", "ie10", "ie11", "opera_pre_15", "android_pre_4", "safari_pre_6", "opera_mini_pre_8",
        "edge_pre_79",
    ]

    /// A plain check that catches typos, not RFC 5322: one '@', something on both sides, no spaces.
    static func problem(withEmail email: String) -> String? {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty { return "is not an e-mail address" }
        if email.contains(where: \.isWhitespace) { return "contains white space" }
        if email.count > 75 { return "is longer than 75 characters (Sentry's e-mail column)" }
        return nil
    }

    /// Platform identifiers look like `python`, `javascript-react`, `apple-ios`.
    static func problem(withPlatform platform: String) -> String? {
        let allowed = platform.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        if platform.isEmpty || !allowed { return "is not a platform identifier (like 'python' or 'javascript-react')" }
        if platform.count > 64 { return "is longer than 64 characters" }
        return nil
    }
}
