import ArgumentParser
import Foundation
import SelfHosted
import SentryModel

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what sentry-migrate applied to a self-hosted database: stages, when, from which plan.",
        discussion: """
            Reads the journal in schema sentry_migrate (written in the same transaction as each stage, so \
            it is exactly what was committed). Changes nothing. Columns are as wide as their longest value; \
            control characters in names and paths are shown escaped (\\n, \\u{1b}).

            Example:
              sentry-migrate status --database postgresql://sentry_migrate_read@db/postgres --target-org acme

            --target-org names the organization in the self-hosted database (the slug apply wrote); \
            --org, in export and verify, always names the one on sentry.io.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this self-hosted organization.", valueName: "slug"))
    var targetOrg: String?

    @OptionGroup var misnamed: MisnamedOrgOption

    @Option(help: ArgumentHelp("What to print: a table, or the journal as a JSON array.", valueName: "text|json"))
    var format: ReportFormat = .text

    func run() async throws {
        let target = try database.connect(announce: false)
        let entries = try target.journal(organization: targetOrg)
        if format == .json {
            try ReportFormat.printJSON(entries.map(JournalEntryJSON.init))
            return
        }
        guard !entries.isEmpty else {
            print("Nothing applied yet" + (targetOrg.map { " to '\(TerminalText.escaped($0))'" } ?? "") + ".")
            return
        }
        print(Self.table(entries), terminator: "")
    }

    /// One line per journal entry (a failed one is followed by its indented message), every column
    /// as wide as its widest cell.
    static func table(_ entries: [JournalEntry]) -> String {
        let formatter = ISO8601DateFormatter()
        let header = [
            "WHEN (UTC)", "ORGANIZATION", "STAGE", "STATUS", "+CREATE", "~UPDATE", "-DELETE", "PLAN", "PLAN FILE",
        ]
        let rightAligned: Set<Int> = [4, 5, 6]
        let rows = entries.map { entry in
            [
                formatter.string(from: entry.finishedAt), entry.organization, entry.stage, entry.status,
                String(entry.creates), String(entry.updates), String(entry.deletes),
                String(entry.planDigest.prefix(12)),
                entry.planPath,
            ].map(TerminalText.escaped)
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                if column == cells.count - 1 { return cell }
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var text = line(header) + "\n"
        for (entry, row) in zip(entries, rows) {
            text += line(row) + "\n"
            if entry.status == "failed", let message = entry.message {
                text += "    failed: " + TerminalText.lines(message).replacing("\n", with: "\n    ") + "\n"
            }
        }
        return text
    }
}

/// One journal row in `status --format json`.
private struct JournalEntryJSON: Encodable {
    var organization: String
    var stage: String
    /// `applied` or `failed`.
    var status: String
    var creates: Int
    var updates: Int
    var deletes: Int
    var startedAt: String
    var finishedAt: String
    var planDigest: String
    var planPath: String
    var toolVersion: String
    var profile: String
    var message: String?

    init(_ entry: JournalEntry) {
        organization = entry.organization
        stage = entry.stage
        status = entry.status
        creates = entry.creates
        updates = entry.updates
        deletes = entry.deletes
        startedAt = ReportFormat.timestamp(entry.startedAt)
        finishedAt = ReportFormat.timestamp(entry.finishedAt)
        planDigest = entry.planDigest
        planPath = entry.planPath
        toolVersion = entry.toolVersion
        profile = entry.profile
        message = entry.message
    }
}
