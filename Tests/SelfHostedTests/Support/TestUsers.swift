@testable import SelfHosted

/// Users of the target as tests need them: active, not staff, no usable password, the e-mail as the
/// username, the columns `auth_user` requires filled.
enum TestUsers {
    static func insert(_ users: [(id: Int64, email: String)], into connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO auth_user (id, password, username, first_name, email, is_staff, is_active, is_superuser,
                is_managed, is_password_expired, flags, date_joined, last_active)
            SELECT id, '!', e, '', e, false, true, false, false, false, 0, now(), now()
            FROM unnest(\(users.map(\.id))::bigint[], \(users.map(\.email))::text[]) AS t(id, e)
            """)
    }
}
