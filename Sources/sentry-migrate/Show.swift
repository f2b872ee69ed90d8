import ArgumentParser
import Foundation
import Planning
import SentryModel

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a saved plan file as text, Markdown or JSON, without a database.",
        discussion: """
            Reads the plan file `plan --out` saved and prints it exactly as `plan` printed it when it \
            was made: the same text, the same Markdown parts, the same JSON. Nothing is connected to; \
            reviewers need only the file. The plan holds no secrets.

            Exit status: 0 (with --detailed-exitcode: when the plan has no changes), 2 with \
            --detailed-exitcode when it has changes, 65 when the file is not a readable plan.

            Examples:
              sentry-migrate show plans/wave-1.json
              sentry-migrate show plans/wave-1.json --format markdown > wave-1.md
            """
    )

    @Argument(help: ArgumentHelp("The plan file `plan --out` wrote.", valueName: "plan.json"))
    var plan: String

    @Option(help: ArgumentHelp("What to print on standard output.", valueName: "text|markdown|json"))
    var format: PlanFormat = .text

    @Flag(help: "Exit 2 when the plan has changes, 0 when it has none (as plan --detailed-exitcode).")
    var detailedExitcode = false

    func run() async throws {
        let saved = try SavedPlan.load(path: plan)
        defer { keepUntilExit(saved) }
        try format.print(saved.plan)
        if detailedExitcode && PlanSummary(saved.plan.changes).hasChanges {
            throw ExitCode(ExitStatus.differences.rawValue)
        }
    }
}
