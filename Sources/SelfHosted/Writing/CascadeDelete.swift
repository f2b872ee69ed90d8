import SentryModel

/// A column of another table that refers to a table's `id` with a foreign key.
struct ForeignReference: Hashable {
    var table: String
    var column: String
}

extension WriteSession {
    /// Deletes rows of `table` by id the way Django's deletion collector does for `on_delete=CASCADE`,
    /// the default of Sentry's `FlexibleForeignKey` (`src/sentry/db/models/fields/foreignkey.py`):
    /// every row that refers to them is deleted first, depth first. The references come from the
    /// target's own constraints (`pg_constraint`), so rows of tables a later Sentry added (member
    /// invites in 25.x, dashboard visits, saved views, …) go too, instead of failing the deferred
    /// foreign-key check at COMMIT and rolling the whole stage back. On 23.7.1, Django's model meta
    /// lists exactly two tables under `OrganizationMember`: `sentry_organizationmember_teams` and
    /// `sentry_organizationaccessrequest` (`OrganizationAccessRequest.member`).
    func deleteCascading(_ table: String, ids: [Int64], depth: Int = 0) throws {
        guard !ids.isEmpty else { return }
        guard depth < 6 else {
            throw WriterBug("deleting from \(table): foreign keys nest deeper than sentry-migrate follows")
        }
        for reference in try references(to: table) where reference.table != table {
            if has(reference.table, column: "id") {
                let children = try query(
                    """
                    SELECT id FROM \(identifier: reference.table) WHERE \(identifier: reference.column) = ANY(\(ids))
                    """, activity: "\(stage.rawValue): finding rows of \(reference.table) that refer to \(table)"
                ).map { try $0.int64("id") }
                try deleteCascading(reference.table, ids: children, depth: depth + 1)
            } else {
                try deleteRows(reference.table, where: reference.column, in: ids)
            }
        }
        try deleteRows(table, where: "id", in: ids)
    }

    /// `delete(_:where:in:)` without the catalog check: a referring table may lie outside the tables
    /// the catalog reads (it lists `sentry_*`, `hybridcloud_*` and `auth_user`), but it exists.
    private func deleteRows(_ table: String, where column: String, in values: [Int64]) throws {
        try execute(
            "DELETE FROM \(identifier: table) WHERE \(identifier: column) = ANY(\(values))",
            activity: "\(stage.rawValue): deleting from \(table)")
    }

    /// The single-column foreign keys in schema `public` that point at `table`.
    func references(to table: String) throws -> [ForeignReference] {
        if let cached = referencesCache[table] { return cached }
        let rows = try query(
            """
            SELECT child.relname AS child, attribute.attname AS column_name
            FROM pg_catalog.pg_constraint constraint_
            JOIN pg_catalog.pg_class parent ON parent.oid = constraint_.confrelid
            JOIN pg_catalog.pg_namespace namespace ON namespace.oid = parent.relnamespace
            JOIN pg_catalog.pg_class child ON child.oid = constraint_.conrelid
            JOIN pg_catalog.pg_attribute attribute
              ON attribute.attrelid = constraint_.conrelid AND attribute.attnum = constraint_.conkey[1]
            WHERE constraint_.contype = 'f' AND namespace.nspname = 'public' AND parent.relname = \(table)
              AND array_length(constraint_.conkey, 1) = 1
            ORDER BY child.relname, attribute.attname
            """, activity: "\(stage.rawValue): reading the foreign keys that refer to \(table)")
        let references = try rows.map {
            ForeignReference(table: try $0.string("child"), column: try $0.string("column_name"))
        }
        referencesCache[table] = references
        return references
    }
}
