import ArgumentParser
import SelfHosted

/// How to reach the self-hosted database, and how long to wait for it; shared by read, plan, apply,
/// status and verify.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The self-hosted Sentry PostgreSQL database: a postgres:// URL or a libpq conninfo string "
                + "(default: libpq's environment alone).",
            discussion: """
                libpq's environment applies (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSFILE, PGSSLMODE, \
                PGSERVICE, ...), and without --database it is all there is, as for psql. Prefer a password \
                file (~/.pgpass or PGPASSFILE) to a password inside the URL, which other users can see. \
                Output shows the database as libpq parses it, with password and sslpassword as ***.
                """,
            valueName: "url"
        )
    )
    var url: String?

    /// What libpq is given: the URL, or nothing so that its environment and defaults decide.
    var target: ConnectionTarget { ConnectionTarget(url ?? "") }

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp(
            "Seconds to wait for the database to accept the connection (0: no limit; exit 75 when it runs out).",
            discussion: """
                Default: connect_timeout= in the URL, else PGCONNECT_TIMEOUT, else \
                \(WaitLimits.defaultConnectSeconds) (libpq's connect_timeout).
                """,
            valueName: "seconds"))
    var connectTimeout: Int?

    @Option(
        name: .customLong("lock-timeout"),
        help: ArgumentHelp(
            "How long a statement may wait for a lock another session holds (as Terraform's -lock-timeout), "
                + "e.g. 30s, 2m, 0 for no limit; exit 75 when it runs out.",
            valueName: "duration"))
    var lockTimeout: String = "30s"

    func validate() throws {
        if let connectTimeout, connectTimeout < 0 {
            throw ValidationError("--connect-timeout takes a number of seconds, 0 or more")
        }
        guard WaitLimits.milliseconds(parsing: lockTimeout) != nil else {
            throw ValidationError("--lock-timeout takes a duration such as 30s, 1500ms, 2m or 0 (no limit)")
        }
    }

    var limits: WaitLimits {
        WaitLimits(
            connectSeconds: connectTimeout,
            lockMilliseconds: WaitLimits.milliseconds(parsing: lockTimeout) ?? WaitLimits.defaultLockMilliseconds)
    }

    /// Connects (noting a slow connection or statement as it waits), detects the Sentry version, and says
    /// which (password removed) on stderr.
    func connect(announce: Bool = true) throws -> TargetDatabase {
        let target = try TargetDatabase(target: target, limits: limits, onWait: Terminal.note)
        if announce {
            Terminal.note("connected to \(target.connection.target): self-hosted Sentry \(target.profile.summary)")
        }
        return target
    }
}
