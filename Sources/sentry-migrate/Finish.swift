import ArgumentParser
import Finishing
import Foundation
import Planning
import SentryModel

struct Finish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "After apply: refresh the caches the plan made stale and send invitations, inside Sentry.",
        discussion: """
            Apply writes rows directly, so what Sentry does when its own code saves them never happens: \
            its caches keep old copies (organization, team, project and key rows for minutes, option \
            and ownership caches for an hour, and Relay caches an unknown key as disabled for an hour), \
            and no invitation e-mail goes out. finish generates a Python script from the applied plan and \
            runs it inside Sentry through --command, which must read a script on standard input (`sentry \
            exec`). The script refreshes exactly what the plan's creates and updates made stale (the \
            organization's row and options; each updated team's and project's row; each project whose \
            options or filters changed: its option cache and Relay's configs of its keys; each key \
            created or changed: its row and Relay config; each project whose ownership rules changed: \
            the cached rules) and, with --send-invites, sends the invitation e-mail of each pending \
            invite the plan created, through Sentry's own OrganizationMember.send_invite_email (the \
            worker must be running and mail configured; see the runbook). Where Sentry has a workflow \
            engine (25.x, 26.x; 26.x evaluates alerts only through it) it also has Sentry's own helpers \
            build the workflow-engine rows of each rule and metric alert the plan created or changed \
            (IssueAlertMigrator, dual_write_alert_rule) and the default detectors of each project it \
            created; without one (23.x, 24.x) those items are reported skipped (docs/apply.md).

            It reports one line per item (ok, sent, skipped, missing, failed) and is safe to run again: \
            caches are only refreshed, and an invitation is sent once per member (finish records it in \
            the table sentry_migrate.finish_invite, in the same transaction). The script holds no \
            secret; Sentry's own standard output (where a console mail backend would print \
            invitation links) is not shown.

            Exit status: 0 when every item was done (or was done before), 65 when the plan's \
            organization or entities are not in Sentry (apply the plan first) or the file is not a \
            plan, 69 when the command could not run the script or an item failed inside Sentry.

            Examples (in the getsentry/self-hosted checkout):
              sentry-migrate finish plan.json
              sentry-migrate finish plan.json --send-invites
              sentry-migrate finish plan.json --command 'docker compose exec -T web sentry exec'
              sentry-migrate finish plan.json --print-script > finish.py
            """
    )

    static let dockerCompose = "docker compose exec -T web sentry exec"

    @Argument(help: ArgumentHelp("The plan file apply applied.", valueName: "plan.json"))
    var plan: String

    @Option(
        help: ArgumentHelp(
            "The shell command that runs a Python script on standard input inside Sentry.", valueName: "command"))
    var command: String = Self.dockerCompose

    @Flag(help: "Also send the invitation e-mail of each pending invite the plan created (once per member).")
    var sendInvites = false

    @Flag(help: "Print the script on standard output instead of running it.")
    var printScript = false

    func run() async throws {
        let saved = try SavedPlan.load(path: plan)
        let work = FinishWork(plan: saved.plan, sendInvites: sendInvites)
        let script = try FinishScript.render(work)
        if printScript {
            print(script, terminator: "")
            return
        }
        guard !work.isEmpty else {
            print("Nothing to finish: the plan made no cache stale\(sendInvites ? " and created no invite" : "").")
            return
        }
        Terminal.note(
            "finish: \(work.items.count) item(s) for organization '\(work.organization)' through `\(command)`")
        let report = try SentryExec.run(command: command, script: script)
        for outcome in report.outcomes {
            let status = outcome.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            print("  \(status)\(outcome.item): \(outcome.detail)")
        }
        let counts = FinishOutcome.Status.allCases.map { "\(report.count($0)) \($0.rawValue)" }
        print("Finish: " + counts.joined(separator: ", ") + ".")
        if report.otherLines > 0 {
            Terminal.note(
                "\(report.otherLines) other line(s) of Sentry's output not shown (they may hold invitation links)")
        }
        try FinishResult(work: work, report: report, command: command).check()
    }
}

/// The exit status a finish report earns.
struct FinishResult {
    let work: FinishWork
    let report: FinishReport
    let command: String

    func check() throws {
        let reported = report.outcomes.count
        guard report.status == 0, reported == work.items.count else {
            throw FinishCommandError(
                command: command,
                reason: "it exited with status \(report.status) after reporting \(reported) of \(work.items.count) "
                    + "item(s) (its standard error is above)")
        }
        if report.count(.failed) > 0 {
            throw FinishItemsError(count: report.count(.failed), status: .unavailable, what: "failed inside Sentry")
        }
        if report.count(.missing) > 0 {
            throw FinishItemsError(count: report.count(.missing), status: .dataError, what: "are not in Sentry")
        }
    }
}

struct FinishItemsError: ReportableError {
    var count: Int
    var status: ExitStatus
    var what: String
    var exitStatus: ExitStatus { status }
    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "\(count) item(s) \(what) (listed above)",
                next: status == .dataError
                    ? "Finish the plan apply applied, after it applied (sentry-migrate status); then run finish again."
                    : "The detail says why; fix it and run finish again (what was done is not done twice).")
        ]
    }
}
