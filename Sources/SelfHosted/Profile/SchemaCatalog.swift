import SentryModel

/// What the target database holds, as far as sentry-migrate cares: the columns of Sentry's tables
/// and the newest migration applied per Django app. Read once at connect; pure data afterwards.
public struct SchemaCatalog: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var name: String
        /// `information_schema.columns.data_type`, e.g. `bigint`, `text`, `jsonb`, `character varying`.
        public var dataType: String
        public var isNullable: Bool
        /// The column's PostgreSQL default expression, if any (most Sentry columns have none).
        public var defaultExpression: String?
        public var maxLength: Int?

        public init(name: String, dataType: String, isNullable: Bool, defaultExpression: String?, maxLength: Int?) {
            self.name = name
            self.dataType = dataType
            self.isNullable = isNullable
            self.defaultExpression = defaultExpression
            self.maxLength = maxLength
        }
    }

    /// Table name → columns in ordinal order.
    public var tables: [String: [Column]]
    /// Django app → newest applied migration name (`sentry` → `0521_migrate_world_map_widgets`).
    public var migrationHeads: [String: String]

    public init(tables: [String: [Column]], migrationHeads: [String: String]) {
        self.tables = tables
        self.migrationHeads = migrationHeads
    }

    public func hasTable(_ table: String) -> Bool { tables[table] != nil }

    public func column(_ table: String, _ name: String) -> Column? {
        tables[table]?.first { $0.name == name }
    }

    /// The number a Django migration name starts with (`0521_…` → 521; squashed `0001_squashed_0904_…` → 904).
    public static func migrationNumber(_ name: String) -> Int? {
        let parts = name.split(separator: "_")
        if parts.count > 2, parts[1] == "squashed", let last = Int(parts[2]) { return last }
        return parts.first.flatMap { Int($0) }
    }
}
