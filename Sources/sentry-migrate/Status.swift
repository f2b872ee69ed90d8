import ArgumentParser
import Foundation
import SelfHosted
import SentryModel

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what sentry-migrate applied to a self-hosted database: stages, when, from which plan.",
        discussion: """
            Reads the journal in schema sentry_migrate (written in the same transaction as each stage, so \
            it is exactly what was committed). Changes nothing.

            Example:
              sentry-migrate status --database postgresql://sentry_migrate_read@db/postgres --org acme
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this organization.")
    var org: String?

    @Option(help: ArgumentHelp("What to print: a table, or the journal as a JSON array.", valueName: "text|json"))
    var format: ReportFormat = .text

    func run() async throws {
        let target = try TargetDatabase(target: database.target)
        let entries = try target.journal(organization: org)
        if format == .json {
            try ReportFormat.printJSON(entries.map(JournalEntryJSON.init))
            return
        }
        guard !entries.isEmpty else {
            print("Nothing applied yet" + (org.map { " to '\($0)'" } ?? "") + ".")
            return
        }
        let formatter = ISO8601DateFormatter()
        print(
            "WHEN (UTC)            ORGANIZATION  STAGE         STATUS   +CREATE ~UPDATE -DELETE  PLAN          PLAN FILE"
        )
        for entry in entries {
            let columns = [
                formatter.string(from: entry.finishedAt).padding(21),
                entry.organization.padding(13), entry.stage.padding(13), entry.status.padding(8),
                String(entry.creates).leftPadding(7), String(entry.updates).leftPadding(7),
                String(entry.deletes).leftPadding(7) + " ", String(entry.planDigest.prefix(12)).padding(13),
                entry.planPath,
            ]
            print(columns.joined(separator: " "))
            if entry.status == "failed", let message = entry.message {
                print("    failed: " + message.replacing("\n", with: "\n    "))
            }
        }
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

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
