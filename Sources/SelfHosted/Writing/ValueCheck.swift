import Planning
import SentryModel

/// Whether a value fits the target's column as the catalog describes it: length of `character
/// varying(n)`, range of `smallint`/`integer`/`bigint`, no NUL in text, no NULL in a NOT NULL column.
/// Checked for every value a stage writes, before it is sent, so that what PostgreSQL would reject
/// halfway through an apply is named with its entity instead.
enum ValueCheck {
    /// Why `text` does not fit `column`, or nil when it does. Never quotes the value (it may be a secret).
    static func problem(_ text: String?, column: SchemaCatalog.Column) -> String? {
        guard let text else {
            return column.isNullable ? nil : "is empty, but the target's column is NOT NULL"
        }
        if text.utf8.contains(0) { return "contains a NUL character, which PostgreSQL text cannot hold" }
        // PostgreSQL counts characters as code points, never more than the bytes: only a text with more
        // bytes than the limit has its code points counted.
        if let limit = column.maxLength, text.utf8.count > limit {
            let length = text.unicodeScalars.count
            if length > limit { return "is \(length) characters long; the target's column holds at most \(limit)" }
        }
        guard let range = integerRange(column.dataType) else { return nil }
        if let value = Int64(text) {
            guard !range.contains(value) else { return nil }
            return
                "is \(value), outside the target's \(column.dataType) column (\(range.lowerBound)…\(range.upperBound))"
        }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) {
            return "is \(text), outside the target's \(column.dataType) column"
        }
        return nil
    }

    /// A value that fits, for the writing to go on after recording the problem (it is rolled back).
    static func standIn(_ text: String, column: SchemaCatalog.Column) -> String {
        if let range = integerRange(column.dataType), Int64(text).map({ !range.contains($0) }) ?? true {
            return text.hasPrefix("-") ? String(range.lowerBound) : String(range.upperBound)
        }
        var fixed = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{0}" }))
        if let limit = column.maxLength, fixed.unicodeScalars.count > limit {
            fixed = String(String.UnicodeScalarView(fixed.unicodeScalars.prefix(limit)))
        }
        return fixed
    }

    private static func integerRange(_ dataType: String) -> ClosedRange<Int64>? {
        switch dataType {
        case "smallint": Int64(Int16.min)...Int64(Int16.max)
        case "integer": Int64(Int32.min)...Int64(Int32.max)
        case "bigint": Int64.min...Int64.max
        default: nil
        }
    }

    /// The field of the desired snapshot that column `column` of `table` is written from, as
    /// `ValueOrigin.field` names it (transform records which mapping rule set it).
    static func field(table: String, column: String) -> String {
        switch (table, column) {
        case ("auth_user", "username"), ("sentry_organizationmember", "user_email"): "email"
        case ("sentry_projectkey", "rate_limit_count"), ("sentry_projectkey", "rate_limit_window"): "rateLimit"
        default: column
        }
    }

    /// `member ana@example.com`, `key 0123abcd…`, `project api` — the entity a row of `table` belongs
    /// to, from the record's natural-key columns (never a secret); the same names as
    /// `ValueOrigin.entity(_:_:)`.
    static func entity(of record: Record, table: String) -> String {
        func text(_ column: String) -> String? { record[column]?.postgresText }
        switch table {
        case "sentry_organization", "sentry_organizationmapping", "sentry_organizationslugreservation",
            "hybridcloud_organizationslugreservationreplica":
            return ValueOrigin.entity(.organization, text("slug") ?? "")
        case "sentry_team", "sentry_teamreplica", "sentry_actor":
            return text("slug").map { ValueOrigin.entity(.team, $0) } ?? "a team"
        case "auth_user", "sentry_useremail", "sentry_email", "sentry_organizationmember",
            "sentry_organizationmembermapping":
            return (text("email") ?? text("user_email") ?? text("username")).map { ValueOrigin.entity(.member, $0) }
                ?? "a member"
        case "sentry_project": return text("slug").map { ValueOrigin.entity(.project, $0) } ?? "a project"
        case "sentry_projectkey", "sentry_projectkeymapping":
            return text("public_key").map { ValueOrigin.entity(.key, $0) } ?? "a client key"
        case "sentry_projectoptions":
            return "filter option \(text("key") ?? "") of project id \(text("project_id") ?? "?")"
        case "sentry_projectownership": return "ownership of project id \(text("project_id") ?? "?")"
        default: return "a row of \(table)"
        }
    }
}

/// Values of the plan that the target's columns cannot hold, found before anything was written.
public struct TargetCannotHoldError: ReportableError {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var stage: Stage
        public var entity: String
        public var table: String
        public var column: String
        public var problem: String
        /// The mapping rule that set the value, when one did (from the desired snapshot's origins.json).
        public var origin: ValueOrigin?
        /// `mappings/acme.yaml:12:5: projects.rename: projects: project api: sentry_project.name is …`.
        public var description: String {
            (origin.map { "\($0.location): \($0.rule): " } ?? "")
                + "\(stage.rawValue): \(entity): \(table).\(column) \(problem)"
        }
    }

    public let problems: [Problem]
    /// Where it was found: `plan` (the rehearsal) or `apply` (its one transaction, rolled back).
    public let when: String
    public var exitStatus: ExitStatus { .dataError }
    /// One diagnostic per value, at the mapping rule that set it when one did.
    public var diagnostics: [Diagnostic] {
        let next =
            "Change these values in the mapping (a value a mapping rule set is shown at that rule's "
            + "file:line:column) or on sentry.io, run transform and plan again; \(when) checks every value against "
            + "the target's columns before it commits anything."
        return problems.map { problem in
            let what =
                "\(problem.stage.rawValue): \(problem.entity): \(problem.table).\(problem.column) \(problem.problem)"
            guard let origin = problem.origin else { return Diagnostic(what, next: next) }
            return Diagnostic(.error, "\(origin.rule): \(what)", next: next, at: Location(file: origin.location))
        }
    }

    public var summary: String? {
        "the target database cannot hold \(problems.count) value(s) of this plan; nothing was written."
    }
}
