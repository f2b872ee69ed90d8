import CLibPQ

/// A notice or warning the server sent outside any error (`RAISE NOTICE`, "there is no transaction in
/// progress"…). Kept on the connection instead of being printed by libpq to stderr.
public struct PostgresNotice: Sendable, Equatable {
    public let severity: String
    public let sqlState: String?
    public let message: String
}

/// Receives libpq's notices through a C callback. The connection keeps it alive for as long as libpq can
/// call it: the connection's deinit runs `PQfinish` before releasing it.
final class NoticeCollector {
    private static let limit = 1000
    private(set) var notices: [PostgresNotice] = []

    func take() -> [PostgresNotice] {
        defer { notices = [] }
        return notices
    }

    private func append(_ notice: PostgresNotice) {
        if notices.count >= Self.limit { notices.removeFirst() }
        notices.append(notice)
    }

    static let receive: PQnoticeReceiver = { context, result in
        guard let context, let result else { return }
        let collector = Unmanaged<NoticeCollector>.fromOpaque(context).takeUnretainedValue()
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        collector.append(
            PostgresNotice(
                severity: field(CLibPQ_DIAG_SEVERITY) ?? "NOTICE", sqlState: field(CLibPQ_DIAG_SQLSTATE),
                message: field(CLibPQ_DIAG_MESSAGE_PRIMARY) ?? ""))
    }
}
