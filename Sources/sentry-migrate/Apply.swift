import ArgumentParser
import Finishing
import Foundation
import Planning
import SelfHosted
import SentryModel

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a saved plan to the self-hosted database, in stage order, in one transaction.",
        discussion: """
            Re-reads the target and refuses a plan that is stale (naming what changed), checks that the \
            snapshot the plan names is unchanged, recomputes the plan and refuses any difference from the \
            saved one (an edited plan, an id or key the plan keeps now taken), then writes every remaining \
            stage (organization, teams, members, projects, keys, filters, ownership, rules, metric-alerts) \
            in one transaction under an advisory lock, journaled in schema sentry_migrate, and commits only \
            when every stage wrote cleanly and every value fit the target (otherwise nothing of the run is \
            written). --stage commits one stage per run. Stages this plan already applied are skipped, so an \
            interrupted apply is resumed by running it again. See docs/apply.md.

            Example:
              sentry-migrate apply plan.json --database postgresql://sentry_migrate@db/postgres --stage teams
            """
    )

    @Argument(help: "The plan file `plan --out` wrote.")
    var plan: String

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Apply only this stage (its earlier stages must be applied already).")
    var stage: Stage?

    @Option(help: "The desired snapshot folder, when it moved since plan ran (its manifest must be unchanged).")
    var snapshot: String?

    @Option(
        help: ArgumentHelp(
            "What to print on standard output: a summary, or the report as JSON (progress stays on stderr).",
            valueName: "text|json"))
    var format: ReportFormat = .text

    func run() async throws {
        MallocArena.useOne()
        MallocArena.mapLargeBlocks()
        // The snapshot is read while the plan loads, from the folder --snapshot or the plan file's end
        // names; loadDesired uses it only if it is the one the loaded plan names.
        let (saved, early) = try concurrently(
            { try SavedPlan.load(path: plan) },
            { () -> DesiredState? in
                guard let folder = snapshot ?? SavedPlan.peekSnapshotFolder(planPath: plan) else { return nil }
                return try? DesiredState.read(from: folder, requireSecrets: false)
            })
        let desired = try saved.loadDesired(override: snapshot, alreadyRead: early)
        defer { keepUntilExit((saved, desired)) }
        let target = try database.connect()
        let report = try target.apply(
            ApplyRequest(
                plan: saved.plan, planDigest: saved.digest, planPath: plan, desired: desired.snapshot, only: stage,
                waves: desired.waves, origins: desired.origins),
            progress: Terminal.note)
        target.warnings.forEach(Terminal.warning)
        report.notes.forEach(Terminal.warning)
        if format == .json {
            try ReportFormat.printJSON(ApplyJSON(report, plan: saved, organization: saved.plan.organization))
            return
        }
        let done = report.stages.filter { !$0.alreadyApplied }
        print(
            "Applied \(done.count) stage(s) of plan \(saved.digest.prefix(12)) to '\(TerminalText.escaped(saved.plan.organization))': "
                + "\(done.reduce(0) { $0 + $1.creates }) created, \(done.reduce(0) { $0 + $1.updates }) updated, "
                + "\(done.reduce(0) { $0 + $1.deletes }) deleted.")
        if !report.staleCaches.isEmpty {
            print("Existing rows changed; a running Sentry may serve old values from these caches until refreshed:")
            report.staleCaches.forEach { print("  - \($0)") }
        }
        if !FinishWork(plan: saved.plan, sendInvites: true).isEmpty {
            print(
                "Then refresh exactly those caches (and Relay's configs of new keys) through Sentry's own code: "
                    + "sentry-migrate finish \(plan) [--send-invites] (docs/runbook.md §10.7).")
        }
        let waiting = WorkflowEngineNotes.pending(in: saved.plan.changes)
        if waiting > 0 {
            Terminal.warning(
                "\(waiting) alert rule(s) will not fire until Sentry's workflow engine has their rows: run "
                    + "sentry-migrate finish \(plan) now, then verify (docs/runbook.md §7, \"Alerts\").")
        }
    }
}

/// `apply --format json`: what each stage did, the notes, and the caches to refresh.
private struct ApplyJSON: Encodable {
    struct StageJSON: Encodable {
        var stage: String
        var creates: Int
        var updates: Int
        var deletes: Int
        /// Applied earlier (by this plan), so not run again.
        var alreadyApplied: Bool
    }
    var organization: String
    var planDigest: String
    var planPath: String
    var stages: [StageJSON]
    var notes: [String]
    var staleCaches: [String]

    init(_ report: ApplyReport, plan: SavedPlan, organization: String) {
        self.organization = organization
        planDigest = plan.digest
        planPath = plan.path
        stages = report.stages.map {
            StageJSON(
                stage: $0.stage.rawValue, creates: $0.creates, updates: $0.updates, deletes: $0.deletes,
                alreadyApplied: $0.alreadyApplied)
        }
        notes = report.notes
        staleCaches = report.staleCaches
    }
}
