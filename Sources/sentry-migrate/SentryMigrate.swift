import ArgumentParser

@main
struct SentryMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentry-migrate",
        abstract: "Move a Sentry organization's configuration from sentry.io into a self-hosted Sentry.",
        subcommands: []
    )
}
