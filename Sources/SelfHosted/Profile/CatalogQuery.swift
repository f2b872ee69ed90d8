import SentryModel

extension SchemaCatalog {
    /// Reads the columns of Sentry's tables in `public` and the newest migration per Django app.
    static func load(from connection: PostgresConnection) throws -> SchemaCatalog {
        let columns = try connection.query(
            """
            SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length
            FROM information_schema.columns
            WHERE table_schema = 'public'
              AND (table_name LIKE 'sentry\\_%' OR table_name LIKE 'hybridcloud\\_%'
                   OR table_name LIKE 'workflow\\_engine\\_%' OR table_name IN ('auth_user', 'django_migrations'))
            ORDER BY table_name, ordinal_position
            """,
            activity: "reading the database's tables and columns")
        var tables: [String: [Column]] = [:]
        for row in columns {
            let column = Column(
                name: try row.string("column_name"),
                dataType: try row.string("data_type"),
                isNullable: try row.string("is_nullable") == "YES",
                defaultExpression: try row.optionalString("column_default"),
                maxLength: try row.optionalInt("character_maximum_length"))
            tables[try row.string("table_name"), default: []].append(column)
        }

        var heads: [String: String] = [:]
        if tables["django_migrations"] != nil {
            let migrations = try connection.query(
                "SELECT app, name FROM django_migrations", activity: "reading django_migrations")
            for row in migrations {
                let app = try row.string("app")
                let name = try row.string("name")
                // Squashed migrations sort by the migration they replace up to, not by insertion order.
                if (migrationNumber(name) ?? -1) > (heads[app].flatMap(migrationNumber) ?? -2) {
                    heads[app] = name
                }
            }
        }
        return SchemaCatalog(tables: tables, migrationHeads: heads)
    }
}
