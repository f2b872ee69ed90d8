import ArgumentParser

/// How to reach the self-hosted database; shared by read, plan, apply, status and verify.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The self-hosted Sentry PostgreSQL database: a postgres:// URL or a libpq conninfo string.",
            discussion: """
                libpq's environment applies (PGHOST, PGUSER, PGPASSFILE, PGSSLMODE, ...). Prefer a password \
                file (~/.pgpass or PGPASSFILE) to a password inside the URL, which other users can see.
                """,
            valueName: "url"
        )
    )
    var url: String
}
