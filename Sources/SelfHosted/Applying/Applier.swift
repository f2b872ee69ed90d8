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

/// Applies a plan stage by stage, each stage in one transaction under the apply advisory lock, with
/// its journal row in that same transaction.
struct Applier {
    /// The advisory lock every apply takes (one per database): "sentry-migrate apply" as a number.
    static let lockKey: Int64 = 0x5345_4e54_5259_4d47

    let database: TargetDatabase
    let request: ApplyRequest
    let killSwitch = KillSwitch.fromEnvironment()
    /// Where the plan's changes other than `keep` are, by stage, found once: filtering the whole plan
    /// again each time a stage's changes were asked for copied its 70,000 changes a dozen times.
    /// Positions, not copies, so that the check before the first write (which holds the saved plan and
    /// a fresh one) holds no third list of changes.
    private let work: [Stage: [Int]]

    init(database: TargetDatabase, request: ApplyRequest) {
        self.database = database
        self.request = request
        var work: [Stage: [Int]] = [:]
        for (index, change) in request.plan.changes.enumerated() where change.action != .keep {
            work[change.stage, default: []].append(index)
        }
        self.work = work
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

        // Everything that can fail is found before the first write: the whole rest of the plan is
        // written once in a transaction that is rolled back, then stage by stage for real.
        let pending = stages.filter { !applied.contains($0) && hasWork($0) }
        if !pending.isEmpty {
            progress("rehearsing \(pending.map(\.rawValue).joined(separator: ", ")) (in one transaction, rolled back)")
            try rehearse(pending, when: "apply")
        }

        var outcomes: [StageOutcome] = []
        var insertedColumns: [String: Set<String>] = [:]
        for stage in stages {
            if applied.contains(stage) {
                progress("\(stage.rawValue): already applied by this plan, skipped")
                outcomes.append(StageOutcome(stage: stage, creates: 0, updates: 0, deletes: 0, alreadyApplied: true))
                continue
            }
            let outcome = try runStage(stage, notes: &notes, insertedColumns: &insertedColumns)
            progress(
                outcome.alreadyApplied
                    ? "\(stage.rawValue): already applied by another run of this plan, skipped"
                    : "\(stage.rawValue): \(outcome.creates) created, \(outcome.updates) updated, \(outcome.deletes) deleted"
            )
            outcomes.append(outcome)
        }
        return ApplyReport(
            stages: outcomes, notes: notes, staleCaches: staleCaches(outcomes), insertedColumns: insertedColumns)
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
            let changed = try Staleness.changedEntities(
                plan: plan, current: current, profile: profile, applied: applied,
                remaining: applied.isEmpty ? nil : Set(stagesToRun(selected)).subtracting(applied))
            guard changed.isEmpty else { throw StalePlanError(changed: changed) }
            try checkStructure(plan)
            // Before the plan's first write: what it says must be what a fresh plan says now. (Once
            // stages are applied, the target changed on purpose; the stale check and the writers'
            // own checks of each promise cover the rest.)
            if applied.isEmpty { try replan(plan, current: current, connection: connection) }
            return applied
        }
        notes += readerNotes
        return applied
    }

    /// One truth: the planner `plan` uses, run again on the target as it is now (same snapshot,
    /// selection and wave), must give exactly the saved plan's changes; every difference is named.
    private func replan(_ plan: Plan, current: Snapshot?, connection: PostgresConnection) throws {
        let desired = DesiredState(
            snapshot: request.desired, path: plan.snapshot.path, manifestSHA256: plan.snapshot.manifestSHA256,
            waves: request.waves)
        let facts = try TargetDatabase.readFacts(for: request.desired, profile: profile, connection: connection)
        let fresh = try Planner.plan(
            desired: desired,
            target: TargetState(
                location: plan.target.location, profile: profile.summary, current: current, facts: facts),
            selection: plan.selection, createdAt: plan.createdAt)
        var differences = PlanComparison.differences(saved: plan.changes, fresh: fresh.changes)
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
            let name = TerminalText.escaped("\(change.stage.rawValue)/\(change.key)")
            if !selected.contains(change.stage) {
                problems.append("\(name): stage \(change.stage.rawValue) is not in the plan's selection")
            }
            if change.action == .delete, !plan.selection.prune {
                problems.append("\(name): a delete in a plan made without --prune")
            }
            if [.create, .update].contains(change.action), keys[change.stage]?.contains(change.key) != true {
                problems.append("\(name): a \(change.action.rawValue) of something the snapshot does not hold")
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
            plan: request.plan, current: current, profile: profile, applied: applied, remaining: remaining)
        guard changed.isEmpty else { throw StalePlanError(changed: changed, stage: stage) }
    }

    /// A refusal found inside a locked transaction is reported as itself (nothing of it was written);
    /// a database error keeps the transaction's context.
    private static func unwrappingRefusals<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as TransactionError where error.phase == .body {
            switch error.error {
            case is PostgresError: throw error
            case let refusal as any ReportableError: throw refusal
            default: throw error
            }
        }
    }

    /// Writes `stages` in one transaction under the apply lock and rolls it back: values the target
    /// cannot hold are collected (all of them, in every stage), and any other failure (a missing user
    /// to link, an id the plan keeps now taken, a constraint) stops it, naming the stage.
    func rehearse(_ stages: [Stage], when: String) throws {
        var problems: [TargetCannotHoldError.Problem] = []
        do {
            try connection.withAdvisoryLock(key: Self.lockKey, activity: "rehearsing the plan", wait: true) {
                connection in
                for stage in stages where hasWork(stage) {
                    let session = WriteSession(
                        connection: connection, profile: profile, stage: stage, now: Date(), killSwitch: nil,
                        defersLaterTeams: request.plan.selection.wave != nil, rehearsal: true,
                        origins: request.origins)
                    do {
                        let index = try OrganizationIndex.load(
                            slugs: request.desired.organization.targetSlugs, connection: connection)
                        _ = try write(stage, changes: changes(of: stage), session: session, index: index)
                        try session.analyzeFilledTables()
                    } catch {
                        throw RehearsalFailure(stage: stage, when: when, error: error)
                    }
                    problems += session.problems
                }
                throw RehearsalEnd()
            }
        } catch {
            // Ending with RehearsalEnd is the intended rollback.
            guard error.phase == .body, !(error.error is RehearsalEnd) else {
                if error.phase == .body { return try reportProblems(problems, when: when) }
                throw error
            }
            if let failure = error.error as? RehearsalFailure { throw failure.unwrapped }
            throw error
        }
        try reportProblems(problems, when: when)
    }

    private func reportProblems(_ problems: [TargetCannotHoldError.Problem], when: String) throws {
        guard problems.isEmpty else { throw TargetCannotHoldError(problems: problems, when: when) }
    }

    private func changes(of stage: Stage) -> [EntityChange] { (work[stage] ?? []).map { request.plan.changes[$0] } }

    private func hasWork(_ stage: Stage) -> Bool { work[stage]?.isEmpty == false }

    private func runStage(
        _ stage: Stage, notes: inout [String], insertedColumns: inout [String: Set<String>]
    ) throws -> StageOutcome {
        let changes = changes(of: stage)
        let started = Date()
        var stageNotes: [String] = []
        var inserted: [String: Set<String>] = [:]
        do {
            let outcome = try Self.unwrappingRefusals {
                try connection.withAdvisoryLock(
                    key: Self.lockKey, activity: "applying stage \(stage.rawValue)", wait: true
                ) {
                    connection -> StageOutcome in
                    // Another run of the same plan may have applied it since we checked.
                    if try Journal.appliedStages(connection, planDigest: request.planDigest, organization: organization)
                        .contains(stage)
                    {
                        return StageOutcome(stage: stage, creates: 0, updates: 0, deletes: 0, alreadyApplied: true)
                    }
                    try recheck(stage, connection: connection)
                    let session = WriteSession(
                        connection: connection, profile: profile, stage: stage, now: started, killSwitch: killSwitch,
                        defersLaterTeams: request.plan.selection.wave != nil, origins: request.origins)
                    let index = try OrganizationIndex.load(
                        slugs: request.desired.organization.targetSlugs, connection: connection)
                    stageNotes = try write(stage, changes: changes, session: session, index: index)
                    try session.analyzeFilledTables()
                    for (table, columns) in session.insertedColumns { inserted[table, default: []].formUnion(columns) }
                    // Filters have no row of their own: a filters "delete" (of a project prune deletes,
                    // which takes them along) writes nothing, so it is not counted.
                    let outcome = StageOutcome(
                        stage: stage, creates: changes.count { $0.action == .create },
                        updates: changes.count { $0.action == .update },
                        deletes: stage == .filters ? 0 : changes.count { $0.action == .delete }, alreadyApplied: false)
                    try Journal.record(
                        connection, entry(stage, outcome, status: "applied", started: started, message: nil))
                    return outcome
                }
            }
            notes += stageNotes
            for (table, columns) in inserted { insertedColumns[table, default: []].formUnion(columns) }
            return outcome
        } catch {
            // Best effort: the stage was rolled back; say so in the journal.
            let failed = StageOutcome(stage: stage, creates: 0, updates: 0, deletes: 0, alreadyApplied: false)
            _ = try? connection.withTransaction(activity: "journaling a failed stage") { connection in
                try Journal.record(
                    connection, entry(stage, failed, status: "failed", started: started, message: "\(error)"))
            }
            throw error
        }
    }

    private func write(
        _ stage: Stage, changes: [EntityChange], session: WriteSession, index: OrganizationIndex
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

    private func entry(
        _ stage: Stage, _ outcome: StageOutcome, status: String, started: Date, message: String?
    ) -> JournalEntry {
        JournalEntry(
            id: 0, planDigest: request.planDigest, planPath: request.planPath, organization: organization,
            stage: stage.rawValue, status: status, creates: outcome.creates, updates: outcome.updates,
            deletes: outcome.deletes, startedAt: started, finishedAt: Date(), toolVersion: ToolVersion.current,
            profile: profile.summary, message: message)
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
    /// applied, and runs each remaining stage in one transaction under the apply advisory lock.
    @discardableResult
    public func apply(_ request: ApplyRequest, progress: (String) -> Void = { _ in }) throws -> ApplyReport {
        try Applier(database: self, request: request).run(progress: progress)
    }

    /// Writes every change of `plan` in one transaction and rolls it back (see docs/apply.md): throws
    /// what apply would fail on, before anything is written; returns when the plan applies cleanly.
    /// Sequences a rehearsal draws ids from stay advanced (PostgreSQL never rolls them back).
    public func rehearse(_ plan: Plan, desired: Snapshot, origins: ValueOriginFile? = nil) throws {
        let request = ApplyRequest(plan: plan, planDigest: "", planPath: "", desired: desired, origins: origins)
        try Applier(database: self, request: request).rehearse(plan.selection.stages.sorted(), when: "plan")
    }
}

/// Ends a rehearsal's transaction by rolling it back.
private struct RehearsalEnd: Error {}

/// A rehearsal stopped at `stage`: the plan would fail there; nothing was written.
struct RehearsalFailure: Error {
    let stage: Stage
    let when: String
    let error: any Error

    /// Our own refusals already say what to do; a database error gets the stage it happened in.
    var unwrapped: any Error {
        switch error {
        case let failure as PostgresError: RehearsalDatabaseError(stage: stage, when: when, error: failure)
        default: error
        }
    }
}

/// PostgreSQL refused a statement of the rehearsal: the real apply would have failed there.
public struct RehearsalDatabaseError: ReportableError {
    public let stage: Stage
    public let when: String
    public let error: PostgresError
    public var exitStatus: ExitStatus { error.exitStatus }
    /// The role may not write (a read-only role such as `sentry_migrate_read`): nothing was rehearsed.
    public var isPermissionDenied: Bool { error.sqlState == "42501" || error.sqlState == "25006" }
    public var diagnostics: [Diagnostic] {
        Diagnostic.wrapping(
            error,
            in: "\(when) rehearsed the plan (every stage in one transaction, rolled back) and stage \(stage.rawValue) "
                + "failed, so nothing was written")
    }
}
