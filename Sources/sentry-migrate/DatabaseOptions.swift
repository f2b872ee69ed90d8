import ArgumentParser
import SelfHosted

/// How to reach the self-hosted database; shared by read, plan, apply, status and verify.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The self-hosted Sentry PostgreSQL database: a postgres:// URL or a libpq conninfo string "
                + "(default: libpq's environment alone).",
            discussion: """
                libpq's environment applies (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSFILE, PGSSLMODE, \
                PGSERVICE, ...), and without --database it is all there is, as for psql. Prefer a password \
                file (~/.pgpass or PGPASSFILE) to a password inside the URL, which other users can see.
                """,
            valueName: "url"
        )
    )
    var url: String?

    /// What libpq is given: the URL, or nothing so that its environment and defaults decide.
    var target: ConnectionTarget { ConnectionTarget(url ?? "") }

    /// Connects, detects the Sentry version, and says which (password removed) on stderr.
    func connect() throws -> TargetDatabase {
        let target = try TargetDatabase(target: target)
        Terminal.note("connected to \(target.connection.target): self-hosted Sentry \(target.profile.summary)")
        return target
    }
}
