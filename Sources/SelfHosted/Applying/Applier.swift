import Foundation
import Planning
import SentryModel

/// What to apply: a saved plan, the desired snapshot it names (with secrets), and which stages.
public struct ApplyRequest: Sendable {
    public var plan: Plan
    /// SHA-256 of the plan file's bytes: the journal's name for the plan.
    public var planDigest: String
    public var planPath: String
    public var desired: Snapshot
    /// Only this stage (`--stage`); nil for every stage of the plan not applied yet.
    public var only: Stage?
    /// The desired snapshot folder's waves.json (`DesiredState.waves`): a wave plan is recomputed
    /// with its wave.
    public var waves: WaveFile?
    /// The desired snapshot folder's origins.json (`DesiredState.origins`), to name the mapping rule
    /// behind a value the target cannot hold.
    public var origins: ValueOriginFile?

    public init(
        plan: Plan, planDigest: String, planPath: String, desired: Snapshot, only: Stage? = nil,
        waves: WaveFile? = nil, origins: ValueOriginFile? = nil
    ) {
        self.origins = origins
        self.plan = plan
        self.planDigest = planDigest
        self.planPath = planPath
        self.desired = desired
        self.only = only
        self.waves = waves
    }
}

public struct StageOutcome: Sendable, Hashable {
    public var stage: Stage
    public var creates: Int
    public var updates: Int
    public var deletes: Int
    /// Already in the journal for this plan, so not run again.
    public var alreadyApplied: Bool
}

public struct ApplyReport: Sendable {
    public var stages: [StageOutcome]
    /// Remarks for the admin: regenerated keys, unresolved ownership owners, reader warnings.
    public var notes: [String]
    /// Caches a running Sentry may still serve old values from, and how to refresh them.
    public var staleCaches: [String]
    /// Table → columns the writers inserted, for the test that every required column is filled.
    var insertedColumns: [String: Set<String>] = [:]
}

/// Applies a plan: the stages still to run, in stage order, in one transaction under the apply advisory
/// lock, each with its journal row in that same transaction; committed only when all of them wrote
/// cleanly.
struct Applier {
    /// The advisory lock every apply takes (one per database): "sentry-migrate apply" as a number.
    static let lockKey: Int64 = 0x5345_4e54_5259_4d47

    let database: TargetDatabase
    let request: ApplyRequest
    let killSwitch = KillSwitch.fromEnvironment()
    /// Where the plan's changes other than `keep` are, by stage, found once: filtering the whole plan
    /// again each time a stage's changes were asked for copied its 70,000 changes a dozen times.
    /// Positions, not copies, so that apply holds no second list of the saved plan's changes.
    private let work: [Stage: [Int]]
    /// The plan's changes by entity name, for the check before each stage (`Staleness`); empty for a
    /// rehearsal, which checks nothing against the plan (146,000 names at xlarge, 14 MB beside the plan).
    private let entities: Staleness.PlanEntities

    init(database: TargetDatabase, request: ApplyRequest, checksStaleness: Bool = true) {
        self.database = database
        self.request = request
        var work: [Stage: [Int]] = [:]
        for (index, change) in request.plan.changes.enumerated() where change.action != .keep {
            work[change.stage, default: []].append(index)
        }
        self.work = work
        entities = Staleness.PlanEntities(checksStaleness ? request.plan.changes : [])
    }

    var connection: PostgresConnection { database.connection }
    var profile: TargetProfile { database.profile }
    var organization: String { request.plan.organization }

    func run(progress: (String) -> Void) throws -> ApplyReport {
        let plan = request.plan
        let selected = plan.selection.stages.sorted()
        if let only = request.only, !selected.contains(only) {
            throw ApplyUsageError(
                message: "the plan does not cover stage \(only.rawValue); it covers "
                    + selected.map(\.rawValue).joined(separator: ", "))
        }
        let stages = stagesToRun(selected)
        var notes: [String] = []

        let applied = try Self.unwrappingRefusals {
            try preflight(plan: plan, selected: selected, notes: &notes)
        }

        // Everything that can fail is found before anything is committed: the stages still to run are
        // written in one transaction, which commits only when every stage wrote cleanly and every value
        // fit. (Before, a rehearsal wrote them all and rolled back, then each stage wrote again and
        // committed on its own: every row twice. docs/apply.md, "One transaction".)
        for stage in stages where applied.contains(stage) {
            progress("\(stage.rawValue): already applied by this plan, skipped")
        }
        let pending = stages.filter { !applied.contains($0) }
        var written = Written()
        if !pending.isEmpty {
            progress(
                "applying \(pending.map(\.rawValue).joined(separator: ", ")) in one transaction "
                    + "(all of it is committed, or nothing)")
            written = try writeStages(pending, committing: true, when: "apply", progress: progress)
            progress("committed")
        }
        notes += written.notes
        var outcomes: [StageOutcome] = []
        for stage in stages {
            let done = StageOutcome(stage: stage, creates: 0, updates: 0, deletes: 0, alreadyApplied: true)
            outcomes.append(written.outcomes.first(where: { $0.stage == stage }) ?? done)
        }
        return ApplyReport(
            stages: outcomes, notes: notes, staleCaches: staleCaches(outcomes),
            insertedColumns: written.insertedColumns)
    }

    /// Under the lock: the journal exists, earlier stages are applied when one stage is asked for,
    /// and the target still holds what the plan was computed against.
    private func preflight(plan: Plan, selected: [Stage], notes: inout [String]) throws -> Set<Stage> {
        var readerNotes: [String] = []
        let applied = try connection.withAdvisoryLock(
            key: Self.lockKey, activity: "checking the plan against the target", wait: true
        ) {
            connection in
            try Journal.ensure(connection)
            let applied = try Journal.appliedStages(
                connection, planDigest: request.planDigest, organization: organization)
            if let only = request.only {
                let missing = selected.filter { $0 < only && !applied.contains($0) && hasWork($0) }
                guard missing.isEmpty else {
                    throw ApplyOrderError(
                        message: "stage \(only.rawValue) needs the plan's earlier stage(s) "
                            + missing.map(\.rawValue).joined(separator: ", ") + " applied first")
                }
            }
            let current = try OrganizationReader(connection: connection, profile: profile).read(
                for: request.desired.organization
            ) {
                readerNotes.append($0)
            }
            // Digested once: for the stale check, and as the target the plan made again records.
            // Nothing else runs meanwhile, so on both cores.
            let digests = try current?.entityDigests(onTwoThreads: true)
            let changed = try Staleness.changedEntities(
                plan: plan, entities: entities, found: digests, profile: profile, applied: applied,
                remaining: applied.isEmpty ? nil : Set(stagesToRun(selected)).subtracting(applied))
            guard changed.isEmpty else { throw StalePlanError(changed: changed) }
            try checkStructure(plan)
            // Before the plan's first write: what it says must be what a fresh plan says now. (Once
            // stages are applied, the target changed on purpose; the stale check and the writers'
            // own checks of each promise cover the rest.)
            if applied.isEmpty { try replan(plan, current: current, digests: digests, connection: connection) }
            return applied
        }
        notes += readerNotes
        return applied
    }

    /// One truth: the planner `plan` uses, run again on the target as it is now (same snapshot,
    /// selection and wave), must give exactly the saved plan's changes; every difference is named.
    private func replan(
        _ plan: Plan, current: Snapshot?, digests: [String: String]?, connection: PostgresConnection
    ) throws {
        let desired = DesiredState(
            snapshot: request.desired, path: plan.snapshot.path, manifestSHA256: plan.snapshot.manifestSHA256,
            waves: request.waves)
        let facts = try TargetDatabase.readFacts(
            for: request.desired, current: current, profile: profile, connection: connection)
        // The fresh changes are compared as the planner makes them, a chunk at a time, and let go: a second
        // whole plan beside the saved one was the peak of apply's memory (docs/performance.md). The
        // planner hands them in from two threads (members on their own), and returns none.
        var comparison = PlanComparison.Streamed(saved: plan.changes)
        let lock = NSLock()
        let fresh = try Planner.plan(
            desired: desired,
            target: TargetState(
                location: plan.target.location, profile: profile.summary, current: current, facts: facts),
            selection: plan.selection, createdAt: plan.createdAt,
            reference: Plan.TargetReference(
                location: plan.target.location, profile: profile.summary, entityDigests: digests),
            emit: { changes in lock.withLock { comparison.add(changes) } })
        comparison.add(fresh.changes)
        var differences = comparison.differences()
        if fresh.selection != plan.selection {
            differences.insert(
                "the plan's selection (stages \(plan.selection.stages.map(\.rawValue).joined(separator: ", "))) is "
                    + "not one plan makes", at: 0)
        }
        guard differences.isEmpty else { throw PlanMismatchError(differences: differences) }
    }

    /// What any plan `plan` writes must satisfy, whoever made it: changes only of its selected stages,
    /// deletes only with prune, every create and update naming an entity of the snapshot.
    private func checkStructure(_ plan: Plan) throws {
        var problems: [String] = []
        let selected = Set(plan.selection.stages)
        let desired = request.desired
        let keys: [Stage: Set<String>] = [
            .organization: [desired.organization.slug], .teams: Set(desired.teams.map(\.slug)),
            .members: Set(desired.members.map(\.email)), .projects: Set(desired.projects.map(\.slug)),
            .keys: Set(desired.keys.map(\.publicKey)), .filters: Set(desired.filters.map(\.project)),
            .ownership: Set(desired.ownership.map(\.project)), .rules: Set(desired.rules.map(\.key)),
            .metricAlerts: Set(desired.metricAlerts.map(\.key)),
        ]
        for change in plan.changes {
            // Named only when something is wrong: escaping 73,000 names took a tenth of a large apply's check.
            func name() -> String { TerminalText.escaped("\(change.stage.rawValue)/\(change.key)") }
            if !selected.contains(change.stage) {
                problems.append("\(name()): stage \(change.stage.rawValue) is not in the plan's selection")
            }
            if change.action == .delete, !plan.selection.prune {
                problems.append("\(name()): a delete in a plan made without --prune")
            }
            if change.action == .create || change.action == .update,
                keys[change.stage]?.contains(change.key) != true
            {
                problems.append("\(name()): a \(change.action.rawValue) of something the snapshot does not hold")
            }
        }
        guard problems.isEmpty else { throw PlanMismatchError(differences: problems) }
    }

    private func stagesToRun(_ selected: [Stage]) -> [Stage] { request.only.map { [$0] } ?? selected }

    /// Just before a stage writes, under its lock: the entities it and the later stages depend on are
    /// still as the plan saw them (an edit in Sentry since the first check would be overwritten).
    private func recheck(_ stage: Stage, connection: PostgresConnection) throws {
        let applied = try Journal.appliedStages(connection, planDigest: request.planDigest, organization: organization)
        let remaining = Set(stagesToRun(request.plan.selection.stages).filter { $0 >= stage }).subtracting(applied)
        let current = try OrganizationReader(connection: connection, profile: profile).read(
            for: request.desired.organization, stages: Staleness.stagesToRead(remaining: remaining)
        ) { _ in }
        let changed = try Staleness.changedEntities(
            plan: request.plan, entities: entities, found: try current?.entityDigests(onTwoThreads: true),
            profile: profile,
            applied: applied,
            remaining: remaining)
        guard changed.isEmpty else { throw StalePlanError(changed: changed, stage: stage) }
    }

    /// A refusal found inside a locked transaction is reported as itself (nothing of it was written);
    /// a database error keeps the transaction's context.
    private static func unwrappingRefusals<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as TransactionError where error.phase == .body {
            throw refusalOrContext(error)
        }
    }

    private static func refusalOrContext(_ error: TransactionError) -> any Error {
        if error.error is PostgresError { return error }
        if let refusal = error.error as? any ReportableError { return refusal }
        return error
    }

    /// What the stages of one transaction wrote: each stage's counts, the writers' notes, and the
    /// columns filled (for the completeness test).
    struct Written {
        var outcomes: [StageOutcome] = []
        var notes: [String] = []
        var insertedColumns: [String: Set<String>] = [:]
    }

    /// Writes `stages` in one transaction under the apply lock. Values the target cannot hold are
    /// collected in every stage (each replaced by a stand-in so the writing can go on) and reported
    /// together; any other failure (a missing user to link, an id the plan keeps now taken, a
    /// constraint, an edit made in Sentry since the plan) stops it, naming the stage. Either way the
    /// transaction is rolled back and nothing is written.
    ///
    /// `committing`: apply's run, which checks each stage against the journal and the target just before
    /// it writes, journals it in the same transaction, and commits when nothing was found. Otherwise a
    /// rehearsal (`plan`), always rolled back.
    func writeStages(
        _ stages: [Stage], committing: Bool, when: String, progress: (String) -> Void
    ) throws -> Written {
        // A reference, not captured `var`s: the transaction's closure fills it, the error path reads it.
        let run = RunState()
        do {
            try connection.withAdvisoryLock(
                key: Self.lockKey, activity: committing ? "applying the plan" : "rehearsing the plan", wait: true
            ) { connection in
                try writeAll(
                    stages, committing: committing, when: when, run: run, connection: connection, progress: progress)
            }
        } catch {
            // Typed: a TransactionError. Outside the body (BEGIN, the lock, COMMIT) it keeps its context.
            // (`catch let error as TransactionError where …` here hangs or crashes Swift 6.3.1's SIL passes.)
            guard error.phase == .body else { throw error }
            if error.error is RehearsalEnd { return run.written }
            guard let stage = run.current else { throw Self.refusalOrContext(error) }
            throw StageFailure(stage: stage, when: when, error: error.error).unwrapped
        }
        return run.written
    }

    /// What a run wrote so far, and the stage it is in (nil once all are written).
    private final class RunState {
        var written = Written()
        var current: Stage?
    }

    private func writeAll(
        _ stages: [Stage], committing: Bool, when: String, run: RunState, connection: PostgresConnection,
        progress: (String) -> Void
    ) throws {
        var problems: [TargetCannotHoldError.Problem] = []
        for stage in stages where committing || hasWork(stage) {
            run.current = stage
            problems += try writeStage(
                stage, committing: committing, connection: connection, run: run, progress: progress)
        }
        run.current = nil
        try end(committing: committing, problems: problems, when: when, written: run.written, connection: connection)
    }

    /// One stage of `writeStages`; returns the values the target cannot hold.
    private func writeStage(
        _ stage: Stage, committing: Bool, connection: PostgresConnection, run: RunState, progress: (String) -> Void
    ) throws -> [TargetCannotHoldError.Problem] {
        let started = Date()
        if committing {
            // Another run of the same plan may have applied it since we checked.
            let applied = try Journal.appliedStages(
                connection, planDigest: request.planDigest, organization: organization)
            if applied.contains(stage) {
                run.written.outcomes.append(
                    StageOutcome(stage: stage, creates: 0, updates: 0, deletes: 0, alreadyApplied: true))
                progress("\(stage.rawValue): already applied by another run of this plan, skipped")
                return []
            }
            try recheck(stage, connection: connection)
        }
        var problems: [TargetCannotHoldError.Problem] = []
        if hasWork(stage) {
            let session = WriteSession(
                connection: connection, profile: profile, stage: stage, now: started,
                killSwitch: committing ? killSwitch : nil,
                defersLaterTeams: request.plan.selection.wave != nil, origins: request.origins)
            let index = try OrganizationIndex.load(
                slugs: request.desired.organization.targetSlugs, members: OrganizationIndex.readsMembers(stage),
                connection: connection)
            run.written.notes += try write(stage, changes: changes(of: stage), session: session, index: index)
            try session.analyzeFilledTables()
            problems = session.problems
            for (table, columns) in session.insertedColumns {
                run.written.insertedColumns[table, default: []].formUnion(columns)
            }
        }
        if committing {
            let outcome = counts(of: stage)
            try Journal.record(connection, appliedEntry(stage, outcome, started: started))
            run.written.outcomes.append(outcome)
            progress(
                "\(stage.rawValue): \(outcome.creates) created, \(outcome.updates) updated, "
                    + "\(outcome.deletes) deleted (not committed yet)")
        }
        return problems
    }

    /// After the last stage: values the target cannot hold roll everything back (stand-ins and all); a
    /// rehearsal always rolls back; a run that commits moves the project-id sequence last, so that a
    /// run rolled back leaves it as it was.
    private func end(
        committing: Bool, problems: [TargetCannotHoldError.Problem], when: String, written: Written,
        connection: PostgresConnection
    ) throws {
        guard problems.isEmpty else { throw TargetCannotHoldError(problems: problems, when: when) }
        guard committing else { throw RehearsalEnd() }
        if written.outcomes.contains(where: { $0.stage == .projects && $0.creates > 0 }) {
            try ProjectWriter.moveIdSequencePastExplicitIds(connection)
        }
    }

    /// What `stage` of the plan creates, updates and deletes.
    private func counts(of stage: Stage) -> StageOutcome {
        let changes = (work[stage] ?? []).lazy.map { request.plan.changes[$0] }
        // Filters have no row of their own: a filters "delete" (of a project prune deletes, which takes
        // them along) writes nothing, so it is not counted.
        return StageOutcome(
            stage: stage, creates: changes.count { $0.action == .create },
            updates: changes.count { $0.action == .update },
            deletes: stage == .filters ? 0 : changes.count { $0.action == .delete }, alreadyApplied: false)
    }

    /// The stage's changes other than `keep`: a slice of the plan where they lie together (a plan in the
    /// planner's order with no keeps among them, as an initial apply's), so not copied (11 MB for the
    /// members at xlarge, beside the plan); otherwise gathered.
    private func changes(of stage: Stage) -> ArraySlice<EntityChange> {
        let positions = work[stage] ?? []
        if let first = positions.first, let last = positions.last, last - first + 1 == positions.count {
            return request.plan.changes[first...last]
        }
        return ArraySlice(positions.map { request.plan.changes[$0] })
    }

    private func hasWork(_ stage: Stage) -> Bool { work[stage]?.isEmpty == false }

    private func write(
        _ stage: Stage, changes: ArraySlice<EntityChange>, session: WriteSession, index: OrganizationIndex
    ) throws -> [String] {
        let desired = request.desired
        switch stage {
        case .organization:
            try OrganizationWriter(session: session).write(changes, desired: desired.organization, index: index)
        case .teams: try TeamWriter(session: session).write(changes, desired: desired.teams, index: index)
        case .members: try MemberWriter(session: session).write(changes, desired: desired.members, index: index)
        case .projects:
            try ProjectWriter(session: session).write(
                changes, desired: desired.projects, tokens: desired.projectSecrets, index: index)
        case .keys:
            var writer = KeyWriter(session: session)
            try writer.write(changes, desired: desired.keys, secrets: desired.secrets, index: index)
            return writer.regenerated.map {
                "key \($0.prefix(8))…: its public or secret key is already used on the target, so it got a new pair "
                    + "(its DSN changes; read the new one in Sentry's project settings)"
            }
                + writer.moved.map {
                    "key \($0.publicKey.prefix(8))…: moved to project '\($0.project)'; it keeps its public and secret "
                        + "key, but its DSN now ends in /\($0.projectId) (update the SDKs that use it)"
                }
        case .filters: try FilterWriter(session: session).write(changes, desired: desired.filters, index: index)
        case .rules: try RuleWriter(session: session).write(changes, desired: desired.rules, index: index)
        case .metricAlerts:
            try MetricAlertWriter(session: session).write(changes, desired: desired.metricAlerts, index: index)
        case .ownership:
            var writer = OwnershipWriter(session: session)
            try writer.write(changes, desired: desired.ownership, index: index)
            return writer.unresolvedOwners.map {
                "ownership \($0): no such team or member user on the target; the rule keeps the owner without an id"
            }
        }
        return []
    }

    /// The journal row of a stage written in this run (a failed run leaves none).
    private func appliedEntry(_ stage: Stage, _ outcome: StageOutcome, started: Date) -> JournalEntry {
        JournalEntry(
            id: 0, planDigest: request.planDigest, planPath: request.planPath, organization: organization,
            stage: stage.rawValue, status: "applied", creates: outcome.creates, updates: outcome.updates,
            deletes: outcome.deletes, startedAt: started, finishedAt: Date(), toolVersion: ToolVersion.current,
            profile: profile.summary, message: nil)
    }

    /// New rows need nothing; changed or deleted existing rows may be served from caches for a while.
    private func staleCaches(_ outcomes: [StageOutcome]) -> [String] {
        func changed(_ stage: Stage) -> Bool {
            outcomes.contains { $0.stage == stage && !$0.alreadyApplied && ($0.updates > 0 || $0.deletes > 0) }
        }
        var caches: [String] = []
        if changed(.projects) || changed(.filters) {
            caches.append(
                "project options (inbound filters): memcached key sentry_projectoptions:<project id> and Relay's "
                    + "project configs in Redis (relayconfig:<public key>) — up to an hour. Refresh: restart the "
                    + "memcached and relay containers (docker compose restart memcached relay).")
        }
        if changed(.keys) {
            caches.append(
                "client keys: cached by public and secret key for 30 minutes, and in Relay's project configs. "
                    + "Refresh: docker compose restart memcached relay.")
        }
        if changed(.ownership) {
            caches.append(
                "ownership rules: cached per project for an hour (projectownership_project_id:1:<project id>). "
                    + "Refresh: docker compose restart memcached, or wait an hour.")
        }
        if changed(.metricAlerts) {
            caches.append(
                "metric alerts: Sentry's subscription_checker creates their Snuba subscriptions within 20 minutes "
                    + "(the cron and worker containers must run); until then they do not evaluate.")
        }
        if changed(.rules) {
            caches.append(
                "issue alert rules: each project's active rules are cached for 60 seconds "
                    + "(project:<project id>:rules); changed rules take effect within a minute.")
        }
        if changed(.organization) || changed(.teams) || changed(.members) {
            caches.append(
                "organization, team and member details: Sentry caches some for minutes; reload the web UI. "
                    + "Refresh at once: docker compose restart memcached.")
        }
        return caches
    }
}

/// A flag that does not fit the plan (a stage the plan does not cover).
public struct ApplyUsageError: ReportableError {
    public let message: String
    public var exitStatus: ExitStatus { .usage }
    public var diagnostics: [Diagnostic] { [Diagnostic(message)] }
}

extension TargetDatabase {
    /// Applies `request` (see docs/apply.md): refuses a stale plan, skips stages this plan already
    /// applied, and writes the remaining stages in one transaction under the apply advisory lock.
    @discardableResult
    public func apply(_ request: ApplyRequest, progress: (String) -> Void = { _ in }) throws -> ApplyReport {
        try Applier(database: self, request: request).run(progress: progress)
    }

    /// Writes every change of `plan` in one transaction and rolls it back (see docs/apply.md): throws
    /// what apply would fail on, before anything is written; returns when the plan applies cleanly.
    /// Sequences a rehearsal draws ids from stay advanced (PostgreSQL never rolls them back).
    public func rehearse(_ plan: Plan, desired: Snapshot, origins: ValueOriginFile? = nil) throws {
        let request = ApplyRequest(plan: plan, planDigest: "", planPath: "", desired: desired, origins: origins)
        _ = try Applier(database: self, request: request, checksStaleness: false).writeStages(
            plan.selection.stages.sorted(), committing: false, when: "plan", progress: { _ in })
    }
}

/// Ends a rehearsal's transaction by rolling it back.
private struct RehearsalEnd: Error {}

/// Writing stopped at `stage` (in a rehearsal, or in apply's one transaction): it was rolled back, so
/// nothing was written.
struct StageFailure: Error {
    let stage: Stage
    let when: String
    let error: any Error

    /// Our own refusals already say what to do; a database error gets the stage it happened in.
    var unwrapped: any Error {
        switch error {
        case let failure as PostgresError: StageDatabaseError(stage: stage, when: when, error: failure)
        default: error
        }
    }
}

/// PostgreSQL refused a statement of stage `stage`: of a rehearsal (`plan`, so apply would fail there),
/// or of apply's one transaction, rolled back.
public struct StageDatabaseError: ReportableError {
    public let stage: Stage
    public let when: String
    public let error: PostgresError
    public var exitStatus: ExitStatus { error.exitStatus }
    /// The role may not write (a read-only role such as `sentry_migrate_read`): nothing was rehearsed.
    public var isPermissionDenied: Bool { error.sqlState == "42501" || error.sqlState == "25006" }
    public var diagnostics: [Diagnostic] {
        var context: String
        if when == "plan" {
            context =
                "plan rehearsed the plan (every stage in one transaction, rolled back) and stage \(stage.rawValue) "
            context += "failed, so nothing was written"
        } else {
            context = "\(when) wrote the plan's stages in one transaction and stage \(stage.rawValue) failed; the "
            context += "transaction was rolled back, so nothing of this run was written"
        }
        return Diagnostic.wrapping(error, in: context)
    }
}
