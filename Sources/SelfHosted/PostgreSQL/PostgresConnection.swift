import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, owned by one task at a time (it is deliberately not `Sendable`), and closed
/// when the last reference goes away. Statements block the calling thread.
///
///     let connection = try PostgresConnection(ConnectionTarget(url))
///     let teams = try connection.query("SELECT slug FROM sentry_team WHERE organization_id = \(id)",
///                                      activity: "reading teams")
public final class PostgresConnection {
    let handle: OpaquePointer
    /// Where we are connected; prints without its password.
    public let target: ConnectionTarget
    private let notices: NoticeCollector

    /// How long statements may wait for locks and the connection for the server (see ``WaitLimits``).
    public let limits: WaitLimits
    /// Told, every few seconds, that a connection or a statement is still waiting (progress for the CLI).
    public var onWait: ((String) -> Void)?

    /// Connects with libpq's own parsing, defaults and environment (`PGHOST`, `PGPASSWORD`,
    /// `PGPASSFILE`, `PGSSLMODE`…) within the connect timeout, noting a long wait through `onWait`.
    /// The session runs in UTC with ISO dates, UTF-8 and the lock timeout of `limits`.
    public init(
        _ target: ConnectionTarget, limits: WaitLimits = .standard, onWait: ((String) -> Void)? = nil
    ) throws(PostgresError) {
        self.target = target
        self.limits = limits
        self.onWait = onWait
        try Self.validate(target)
        let secrets = target.secrets()

        // Keywords before `dbname` are overridden by the expanded string; those after it override it.
        // So our default connect timeout yields to the string's (and to PGCONNECT_TIMEOUT, which an
        // explicit keyword would hide), while --connect-timeout wins over both.
        var defaults = [("fallback_application_name", "sentry-migrate")]
        var forced: [(String, String)] = []
        if let seconds = limits.connectSeconds {
            forced.append(("connect_timeout", String(seconds)))
        } else if getenv("PGCONNECT_TIMEOUT") == nil {
            defaults.append(("connect_timeout", String(WaitLimits.defaultConnectSeconds)))
        }
        let parameters =
            defaults + [("dbname", target.rawValue)] + target.overrides.map { ($0.keyword, $0.value) } + forced
            + [("client_encoding", "UTF8")]
        guard case .success(let keywords) = CStrings.make(parameters.map(\.0)),
            case .success(let values) = CStrings.make(parameters.map(\.1))
        else {
            throw PostgresError(
                kind: .connect, activity: "connecting", message: "the connection string contains a NUL character",
                target: target.description)
        }
        let connection = keywords.withPointers { keywords in
            values.withPointers { values in PQconnectStartParams(keywords, values, 1) }
        }
        guard let connection else {
            throw PostgresError(
                kind: .connect, activity: "connecting", message: "libpq could not allocate a connection",
                target: target.description)
        }
        let failure =
            PQstatus(connection) == CONNECTION_BAD
            ? (message: Self.trimmed(PQerrorMessage(connection)), timedOut: false)
            : Self.finishConnecting(
                connection, seconds: Self.connectTimeout(of: connection), target: target.description, onWait: onWait)
        if let failure {
            let message = SecretMasking.removing(secrets, from: failure.message)
            PQfinish(connection)
            throw PostgresError(
                kind: failure.timedOut ? .timedOut : .connect, activity: "connecting", message: message,
                target: target.description)
        }
        handle = connection
        notices = NoticeCollector()
        PQsetNoticeReceiver(handle, NoticeCollector.receive, Unmanaged.passUnretained(notices).toOpaque())
        // Dates are parsed from ISO text; UTC keeps them independent of the server's zone.
        try executeScript(
            "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, MDY'; SET lock_timeout = \(max(0, limits.lockMilliseconds))",
            activity: "setting up the session")
    }

    deinit {
        PQfinish(handle)
    }

    /// The server version as a number, e.g. 150004 for 15.4.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Notices and warnings the server sent (kept here rather than printed to stderr); the oldest are
    /// dropped past a limit.
    public var receivedNotices: [PostgresNotice] { notices.notices }

    /// Returns the notices received so far and forgets them.
    public func takeNotices() -> [PostgresNotice] { notices.take() }

    /// Runs one statement and returns its rows (empty for commands). `activity` names what we are doing
    /// in errors, e.g. `reading teams`; without it errors quote the statement's text.
    public func query(_ sql: SQL, activity: String? = nil) throws(PostgresError) -> QueryResult {
        let activity = activity ?? Self.activity(for: sql.text)
        return try run(sql, activity: activity) { result in QueryResult(copying: result, context: activity) }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: SQL, activity: String? = nil) throws(PostgresError) -> Int {
        let activity = activity ?? Self.activity(for: sql.text)
        return try run(sql, activity: activity) { result in Int(String(cString: PQcmdTuples(result))) ?? 0 }
    }

    /// Runs trusted SQL that may hold several statements (DDL fixtures, session setup) through the simple
    /// query protocol, which takes no parameters.
    public func executeScript(_ script: String, activity: String) throws(PostgresError) {
        guard !script.utf8.contains(0) else { throw .misuse(activity, "the SQL text contains a NUL character") }
        let result = PQexec(handle, script)
        defer { PQclear(result) }
        // With several statements only the last result is returned; an earlier failure stops the script.
        try check(result, activity: activity, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    func run<Value>(
        _ sql: SQL, activity: String, _ read: (OpaquePointer) -> Value
    ) throws(PostgresError) -> Value {
        let text = sql.text
        guard !text.utf8.contains(0) else { throw .misuse(activity, "the SQL text contains a NUL character") }
        // The protocol counts parameters in 16 bits.
        guard sql.parameters.count <= 65535 else {
            throw .misuse(activity, "a statement has \(sql.parameters.count) parameters; PostgreSQL allows 65535")
        }
        let values: CStrings
        switch CStrings.make(sql.parameters) {
        case .success(let buffer): values = buffer
        case .failure(let failure):
            throw PostgresError(
                kind: .statement, activity: activity, sqlState: "22021",
                message: "parameter $\(failure.index + 1) contains a NUL character, which PostgreSQL text cannot hold")
        }
        let sent = values.withPointers { values in
            PQsendQueryParams(handle, text, Int32(sql.parameters.count), nil, values, nil, nil, 0)
        }
        let result = sent == 1 ? lastResult(activity: activity) : nil
        defer { PQclear(result) }
        if let result, [PGRES_COPY_IN, PGRES_COPY_OUT].contains(PQresultStatus(result)) {
            abandonCopy()
            throw .misuse(activity, "COPY must go through copyIn or copyOut")
        }
        try check(result, activity: activity, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK], values: sql.parameters)
        return read(result!)
    }

    /// The result of the statement just sent, waited for visibly (``awaitResult(activity:)``), as
    /// `PQexec` would return it: the last one, or the first that starts a COPY.
    func lastResult(activity: String) -> OpaquePointer? {
        var last: OpaquePointer?
        while true {
            awaitResult(activity: activity)
            guard let next = PQgetResult(handle) else { return last }
            PQclear(last)
            last = next
            if [PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH].contains(PQresultStatus(next)) { return next }
        }
    }

    /// Throws unless `result` has one of the expected statuses.
    func check(
        _ result: OpaquePointer?, activity: String, expecting statuses: [ExecStatusType], values: [String?] = []
    ) throws(PostgresError) {
        if let result, statuses.contains(PQresultStatus(result)) { return }
        throw error(from: result, activity: activity, values: values)
    }

    /// An error from a failed result's diagnostic fields, or from libpq's message when there is no result
    /// or it has none (a lost connection). Values we sent are masked out of the server's text.
    func error(from result: OpaquePointer?, activity: String, values: [String?] = []) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let text = PQresultErrorField(result, code) else { return nil }
            return String(cString: text)
        }
        let sqlState = field(CLibPQ_DIAG_SQLSTATE)
        var message = field(CLibPQ_DIAG_MESSAGE_PRIMARY) ?? Self.trimmed(PQerrorMessage(handle))
        if message.isEmpty { message = "the statement failed without a message" }
        if sqlState == "55P03", limits.lockMilliseconds > 0 {
            message += " (waited \(lockWaitText) for a lock another session holds)"
        }
        var detail = field(CLibPQ_DIAG_MESSAGE_DETAIL).map(SecretMasking.maskingValues(inDetail:))
        if sqlState?.hasPrefix("22") == true {
            message = SecretMasking.maskingQuoted(message)
            detail = detail.map(SecretMasking.maskingQuoted)
        }
        // Short values are left alone: masking "1" or "t" would garble the text and they hide nothing.
        let secrets = values.compactMap { $0 }.filter { $0.count >= 6 }
        let scrub = { (text: String) in SecretMasking.removing(secrets, from: text) }
        return PostgresError(
            kind: .statement, activity: activity, sqlState: sqlState, severity: field(CLibPQ_DIAG_SEVERITY),
            message: scrub(message), detail: detail.map(scrub), hint: field(CLibPQ_DIAG_MESSAGE_HINT).map(scrub))
    }

    /// Leaves a COPY state we did not ask for, so that the connection stays usable.
    private func abandonCopy() {
        _ = PQputCopyEnd(handle, "sentry-migrate does not expect COPY here")
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if let buffer { PQfreemem(buffer) }
            if length < 0 { break }
        }
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    var transactionStatus: PGTransactionStatusType { PQtransactionStatus(handle) }

    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// `running "SELECT slug FROM …"`: the statement's text on one line, cut short. It holds placeholders,
    /// never values.
    static func activity(for text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let shown = words.count > 100 ? words.prefix(100) + "…" : words
        return "running \"\(shown)\""
    }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        var text = String(cString: message)
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// Checks the string with libpq's own parser before connecting.
    private static func validate(_ target: ConnectionTarget) throws(PostgresError) {
        guard ConnectionOptions.isConnectionString(target.rawValue),
            case .failure(let failure) = ConnectionOptions.parse(target.rawValue)
        else { return }
        throw PostgresError(
            kind: .connect, activity: "reading the connection string",
            message: "the connection string could not be parsed: \(failure.reason)", target: target.description)
    }
}

@available(*, unavailable, message: "one task owns a connection; open another connection for another task")
extension PostgresConnection: Sendable {}
