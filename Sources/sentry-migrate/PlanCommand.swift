import ArgumentParser
import Foundation
import Planning
import SelfHosted
import SentryModel

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in the self-hosted database to match a snapshot (a dry run).",
        discussion: """
            Compares the desired snapshot (usually written by `transform`) with the organization the \
            self-hosted database holds now, and lists every change per kind: + create, ~ update, \
            - delete, = kept (exists only on the target; deleted only with --prune). Nothing in the \
            database is changed. For each new member the plan says whether apply links an existing \
            user, invites, or creates an unclaimed user; for each project whether its DSNs keep \
            working (same public keys and project id; only the host changes) and, when not, which row \
            on the target collides.

            Secret keys never appear: a changed secret shows as (sensitive: changed) with a short hash. \
            The snapshot must include its secrets/ folder.

            Formats: text (the default; coloured on a terminal unless NO_COLOR is set), markdown (for a \
            pull request: a summary table and one folded section per kind; a long plan is split into \
            parts of less than 65,536 characters, each starting with \
            `<!-- sentry-migrate plan: part I of N -->`; --out-markdown-dir writes them as \
            plan-1.md, plan-2.md, …), json (the saved-plan format, docs/plan-format.md).

            Unless --no-rehearse, plan then rehearses the changes: it writes them all in one \
            transaction and rolls it back, so that whatever apply would fail on (a value longer than its \
            column, a number out of range, a NOT NULL column sentry-migrate does not fill, a member to \
            link with no user) is reported now, with its entity, and the plan is not saved.

            Exit status: 0 when the plan was made (with --detailed-exitcode: and there are no \
            changes), 2 with --detailed-exitcode when there are changes, 65 for a bad snapshot or a \
            plan the target cannot hold, 69 when the database is unreachable, 75 when the connect or \
            lock timeout ran out.

            Examples (DB=postgresql://sentry_migrate_read@db/postgres):
              sentry-migrate plan --snapshot desired --database "$DB"
              sentry-migrate plan --snapshot desired --database "$DB" --wave payments \\
                  --format markdown --out plan.json
              sentry-migrate plan --snapshot desired --database "$DB" --stage teams
            """
    )

    @Option(help: ArgumentHelp("Desired snapshot folder (written by transform, export or read).", valueName: "dir"))
    var snapshot: String

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("stage"),
        help: ArgumentHelp(
            "Only this stage; repeat for several (stages run in the order listed below).",
            valueName: "stage"))
    var stages: [Stage] = []

    @Option(
        help: ArgumentHelp(
            "Only this wave (from DIR/waves.json): its teams, their projects and members, and those projects' keys, filters and ownership.",
            valueName: "name"))
    var wave: String?

    @Flag(help: "Delete what exists only on the target instead of keeping it.")
    var prune = false

    @Option(help: ArgumentHelp("What to print on standard output.", valueName: "text|markdown|json"))
    var format: PlanFormat = .text

    @Option(
        help: ArgumentHelp("Also save the plan here, for review and for apply (no secrets inside).", valueName: "file"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "Also write the Markdown plan into this folder as plan-1.md, plan-2.md, … (one per comment).",
            valueName: "dir"))
    var outMarkdownDir: String?

    @Flag(help: "Exit 2 when there are changes, 0 when there are none (as Terraform's -detailed-exitcode).")
    var detailedExitcode = false

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Rehearse the plan: write every change in one transaction and roll it back, so that what apply would "
                + "fail on (values the target cannot hold, a user to link that is missing) is found now.",
            discussion: "Needs a database user that may write; --no-rehearse for a read-only one."))
    var rehearse = true

    func run() async throws {
        let (desired, target, current) = try BothSides.read(
            snapshot: snapshot, database: database,
            desired: { try DesiredState.read(from: snapshot, requireSecrets: true) },
            organization: \.snapshot.organization, target: { try $0.readOrganization(for: $1) })
        // The target's facts are mostly PostgreSQL's work: the snapshot's own unresolved owners are
        // found meanwhile and, for a plan that is saved or printed as JSON, the target's entities
        // digested (on both threads: the facts need few queries once the target holds the keys).
        let location = target.connection.target.description
        let (state, (unresolved, reference)) = try concurrently(
            { try target.readState(for: desired.snapshot, current: current) },
            {
                (
                    desired.snapshot.unresolvedOwners(),
                    recordsTarget
                        ? Plan.TargetReference(
                            location: location, profile: target.profile.summary,
                            entityDigests: try current?.entityDigests(onTwoThreads: true))
                        : Plan.TargetReference.shownOnly(location: location, profile: target.profile.summary)
                )
            })
        defer { keepUntilExit((desired, state)) }
        target.warnings.forEach(Terminal.warning)
        OrganizationNotes.print(desired: desired.snapshot.organization, state: state)
        for owner in unresolved {
            Terminal.note("note: \(owner.description) is already unresolved on sentry.io: kept as written")
        }
        let plan = try Planner.plan(
            desired: desired, target: state,
            selection: Plan.Selection(stages: stages.isEmpty ? Stage.allCases : stages, wave: wave, prune: prune),
            reference: reference)
        defer { keepUntilExit(plan) }

        // Rehearsed before anything is printed or saved; a plan that cannot apply is shown, never saved.
        var rehearsal: (any Error)?
        var rehearsed = rehearse && PlanSummary(plan.changes).hasChanges
        if rehearsed {
            // Only before writing: a plan with nothing to rehearse has no next phase to make room for.
            MallocArena.releaseFreedPages()
            do {
                try target.rehearse(plan, desired: desired.snapshot, origins: desired.origins)
            } catch let error as StageDatabaseError where error.isPermissionDenied {
                // A read-only role (sentry_migrate_read) plans; apply, which may write, rehearses.
                rehearsed = false
                Terminal.note(
                    "not rehearsed: this database role may not write (\(error.error.message)); apply checks "
                        + "every value in its one transaction, before it commits")
            } catch {
                rehearsal = error
            }
        }
        try format.print(plan)
        if format != .json,
            let section = NotCarriedSection.render(snapshotFolder: snapshot, markdown: format == .markdown)
        {
            print(section, terminator: "")
        }
        if let rehearsal { throw rehearsal }
        if rehearsed {
            Terminal.note("rehearsed: applies cleanly (every change written in one transaction, then rolled back)")
        }
        if let outMarkdownDir { try writeMarkdownParts(PlanMarkdown.render(plan), to: outMarkdownDir) }
        if let out {
            try SavedPlan.write(plan, to: out)
            Terminal.note("saved the plan to \(out)")
        }
        if detailedExitcode && PlanSummary(plan.changes).hasChanges {
            throw ExitCode(ExitStatus.differences.rawValue)
        }
    }

    /// Whether the plan leaves this command as a plan file (`--out`, or JSON on standard output),
    /// which must record the target's digests for apply's stale check. Text and Markdown do not show them.
    private var recordsTarget: Bool { out != nil || format == .json }

    private func writeMarkdownParts(_ parts: [String], to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (index, part) in parts.enumerated() {
                try Data(part.utf8).write(
                    to: URL(fileURLWithPath: directory).appendingPathComponent("plan-\(index + 1).md"), options: .atomic
                )
            }
        } catch {
            throw OutputFileError(path: directory, reason: error.localizedDescription)
        }
        Terminal.note("wrote \(parts.count) Markdown part(s) to \(directory)")
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json

    /// Prints `plan` on standard output in this format: what `plan` and `show` print.
    func print(_ plan: Plan) throws {
        switch self {
        // Text and JSON go out as they are made: a large plan's text is tens of megabytes.
        case .text: PlanText.write(plan, colour: Terminal.colourOnStandardOutput) { Swift.print($0, terminator: "") }
        case .markdown: Swift.print(PlanMarkdown.render(plan).joined(), terminator: "")
        case .json: try PlanJSON.write(plan) { Swift.print(String(decoding: $0, as: UTF8.self), terminator: "") }
        }
    }
}

extension Stage: ExpressibleByArgument {}

/// A file or folder the command writes could not be written.
struct OutputFileError: ReportableError {
    var path: String
    var what = "the plan"
    var reason: String
    var exitStatus: ExitStatus { .unavailable }
    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                .error, "cannot write \(what): \(reason)", next: "Check that the folder exists and is writable.",
                at: Location(file: path))
        ]
    }
}
