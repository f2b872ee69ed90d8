import ArgumentParser
import SentryModel

struct SentryMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentry-migrate",
        abstract: "Move a Sentry organization's configuration from sentry.io into a self-hosted Sentry.",
        discussion: """
            The pipeline: export the hosted organization into a snapshot folder, transform it through a \
            mapping file, plan the changes against the self-hosted database, apply them in stage order, \
            and verify after cutover. `read` takes a snapshot of what the self-hosted database holds now.

            Exit codes: 0 success, 2 differences found, 64 usage, 65 bad input data, 69 service \
            unavailable or refusing, 70 internal error, 75 temporary failure (retry).
            """,
        version: ToolVersion.current,
        subcommands: [
            Export.self, Read.self, Transform.self, PlanCommand.self, Show.self, Apply.self, Finish.self, Status.self,
            Verify.self,
        ]
    )
}
