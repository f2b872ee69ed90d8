import SentryModel

/// Compares the desired snapshot with what the target holds and lists the changes `apply` would
/// make: all seven kinds, field by field, matched by natural keys. Pure: the target is described
/// by `current` (nil when the organization does not exist there yet) and `facts`.
public enum Differ {
    /// Changes in stage order, then by key (UTF-8 order). Entities equal on both sides are left out;
    /// target-only ones are `keep`, or `delete` when `selection.prune`. `wave` restricts every stage
    /// but `organization` (see `WaveScope`); `selection.stages` keeps only those stages.
    ///
    /// `emit`: when given, the changes go to it instead of into the list returned (which is then
    /// empty), each stage's in this same order: the members a chunk at a time (`DiffPass.stream`), every
    /// other stage whole once compared. It is called from two threads at once (members are compared on
    /// a thread of their own), so it must be safe to call so.
    public static func changes(
        desired: Snapshot, current: Snapshot?, facts: TargetFacts, selection: Plan.Selection = Plan.Selection(),
        wave: Wave? = nil, emit: (([EntityChange]) throws -> Void)? = nil
    ) throws -> [EntityChange] {
        // Both sides at once: each checks every list's order (and copies only what is out of order).
        var (desired, current) = concurrently({ desired.canonicalized() }, { current?.canonicalized() })
        var deferred: [String: [String]] = [:]
        if let wave {
            let scope = WaveScope(wave: wave, desired: desired, current: current)
            (desired, deferred) = scope.restrict(desired)
            current = current.map { scope.restrict($0).0 }
        }
        var pass = DiffPass(prune: selection.prune)
        let stages = Set(selection.stages)

        let settings = SettingsScope(facts: facts, current: current)
        // Members are most of a large organization's entities: compared on a thread of their own
        // while the other stages are, then put back in stage order.
        var memberPass = DiffPass(prune: selection.prune)
        _ = try concurrently(
            {
                guard stages.contains(.members) else { return }
                try compareMembers(
                    desired: desired, current: current, facts: facts, deferred: deferred, into: &memberPass,
                    emit: emit)
            },
            {
                // Only projects and keys carry DSN outcomes: worked out beside the members, not before them.
                let outcomes = try DSNOutcomes(desired: desired, current: current, facts: facts)
                // Streamed: most stages a chunk at a time (`compare(…, emit:)`); the organization and metric
                // alerts once compared (their own checks below read only their stage's changes).
                func flush() throws {
                    guard let emit, !pass.changes.isEmpty else { return }
                    try emit(pass.changes)
                    pass.changes.removeAll()
                }
                if stages.contains(.organization) {
                    // An organization the mapping migrates into is the desired one under its old slug: one update.
                    let renamedFrom = OrganizationChoice.adoptedSlug(desired.organization, current: current)
                    var currentOrganization = current?.organization
                    currentOrganization?.slug = desired.organization.slug
                    let notes = OrganizationChoice.notes(desired.organization, current: current, facts: facts)
                    let (organization, notHeld) = settings.organization(desired.organization)
                    try pass.compare(
                        .organization, desired: [organization], current: currentOrganization.map { [$0] } ?? [],
                        key: \.slug, omitting: ["slug", "hostedId", "into", "alongside"],
                        clearing: { $0.hostedId = nil },
                        extraFields: { organization in
                            renamedFrom.map {
                                [FieldChange(field: "slug", before: .string($0), after: .string(organization.slug))]
                            }
                                ?? []
                        },
                        annotate: { change, _, _ in
                            change.notes += notes + notHeld + SettingsScope.cacheNotes(for: change)
                        })
                }
                try flush()
                if stages.contains(.teams) {
                    try pass.compare(
                        .teams, desired: desired.teams, current: current?.teams ?? [], key: \.slug,
                        omitting: ["slug", "hostedId"], clearing: { $0.hostedId = nil }, emit: emit)
                }
                try flush()
                if stages.contains(.projects) {
                    let scoped = desired.projects.map(settings.project)
                    let notHeld = Dictionary(uniqueKeysWithValues: scoped.map { ($0.project.slug, $0.notHeld) })
                    let desiredTokens = Dictionary(
                        desired.projectSecrets.map { ($0.project, $0.securityToken) },
                        uniquingKeysWith: { first, _ in first })
                    let currentTokens = Dictionary(
                        (current?.projectSecrets ?? []).map { ($0.project, $0.securityToken) },
                        uniquingKeysWith: { first, _ in first })
                    try pass.compare(
                        .projects, desired: scoped.map(\.project), current: current?.projects ?? [], key: \.slug,
                        omitting: ["slug", "hostedId"], clearing: { $0.hostedId = nil },
                        extraFields: { project in
                            try sensitiveChange(
                                "securityToken", desired: desiredTokens[project.slug],
                                current: currentTokens[project.slug])
                        },
                        annotate: { change, project, _ in
                            if let later = deferred["projects/\(project.slug)"] {
                                change.notes.append(laterTeams(later))
                            }
                            change.dsn = outcomes.project[project.slug]
                            change.notes += (notHeld[project.slug] ?? []) + SettingsScope.cacheNotes(for: change)
                        }, emit: emit)
                }
                try flush()
                if stages.contains(.keys) {
                    let desiredSecrets = Dictionary(
                        uniqueKeysWithValues: desired.secrets.compactMap { secret in
                            secret.secretKey.map { (secret.publicKey, $0) }
                        })
                    let currentSecrets = Dictionary(
                        uniqueKeysWithValues: (current?.secrets ?? []).compactMap { secret in
                            secret.secretKey.map { (secret.publicKey, $0) }
                        })
                    try pass.compare(
                        .keys, desired: desired.keys, current: current?.keys ?? [], key: \.publicKey,
                        omitting: ["publicKey", "hostedProjectId"], clearing: { $0.hostedProjectId = nil },
                        extraFields: { key in
                            try secretChange(
                                desired: desiredSecrets[key.publicKey], current: currentSecrets[key.publicKey])
                        },
                        annotate: { change, key, _ in
                            change.dsn = outcomes.key[key.publicKey]
                            if desiredSecrets[key.publicKey] == nil {
                                change.notes.append(
                                    "the snapshot has no secret key for it: null on sentry.io (a created key gets none either, as "
                                        + "there), or its secrets/ folder is absent (then apply refuses to create it)")
                            }
                        }, emit: emit)
                }
                try flush()
                // Filters and ownership belong to their project: prune never removes them from a project that
                // stays (apply could not: filters have no row of their own), only with a project it deletes.
                let keptProjects = Set(desired.projects.map(\.slug))
                if stages.contains(.filters) {
                    try pass.compare(
                        .filters, desired: desired.filters, current: current?.filters ?? [], key: \.project,
                        omitting: ["project"], prunable: { !keptProjects.contains($0.project) }, emit: emit)
                }
                try flush()
                if stages.contains(.ownership) {
                    try pass.compare(
                        .ownership, desired: desired.ownership, current: current?.ownership ?? [], key: \.project,
                        omitting: ["project"], prunable: { !keptProjects.contains($0.project) }, emit: emit)
                }
                try flush()
                if stages.contains(.rules) {
                    let planned = try RulePlanning.desired(desired, current: current, facts: facts)
                    // Rules stay on a project that stays unless the rule itself is in the snapshot: prune
                    // never removes them in this version (docs/apply.md), they are listed as kept.
                    try pass.compare(
                        .rules, desired: planned.rules, current: current?.rules ?? [], key: \.key,
                        omitting: ["project", "name", "ordinal", "hostedId", "createdBy", "missingIntegration"],
                        annotate: { change, rule, _ in change.notes += planned.notes[rule.key] ?? [] },
                        prunable: { _ in false }, emit: emit)
                }
                try flush()
                if stages.contains(.metricAlerts) {
                    let planned = try MetricAlertPlanning.desired(desired, current: current, facts: facts)
                    let withIncidents = Set(
                        (current?.metricAlerts ?? []).filter {
                            $0.hostedId.map(facts.metricAlertsWithIncidents.contains) ?? false
                        }
                        .map(\.key))
                    // Prune deletes metric alerts only the target has, as Sentry's delete_alert_rule does.
                    try pass.compare(
                        .metricAlerts, desired: planned.alerts, current: current?.metricAlerts ?? [], key: \.key,
                        omitting: ["name", "ordinal", "hostedId", "createdBy", "missingIntegration"],
                        annotate: { change, alert, _ in
                            MetricAlertUpdates.expandTriggers(&change)
                            change.notes += planned.notes[alert.key] ?? []
                            if change.action == .create { change.notes += planned.createNotes[alert.key] ?? [] }
                            change.notes += MetricAlertUpdates.updateNotes(change, enabled: alert.enabled)
                        })
                    for index in pass.changes.indices
                    where pass.changes[index].stage == .metricAlerts && pass.changes[index].action == .delete {
                        pass.changes[index].notes +=
                            MetricAlertUpdates.deleteNotes(
                                hasIncidents: withIncidents.contains(pass.changes[index].key))
                    }
                    // Editing an alert with incidents makes Sentry keep its old version as a snapshot for them
                    // (`snapshot_alert_rule`: copies of the query, rule, triggers and actions, the incidents moved
                    // to the copy and resolved by a task); sentry-migrate does not write that.
                    let refused = pass.changes.filter {
                        $0.stage == .metricAlerts && $0.action == .update && withIncidents.contains($0.key)
                    }
                    // On a workflow-engine target the alert's detector, data conditions and actions hold the
                    // same thresholds and targets; Sentry changes them in its own update/delete (dual write),
                    // which `finish` does not run for changes: changing only the legacy rows would leave the
                    // detector firing on the old values.
                    let existing = pass.changes.filter {
                        $0.stage == .metricAlerts && ($0.action == .update || $0.action == .delete)
                    }
                    if facts.alertsNeedWorkflowEngine, !existing.isEmpty {
                        throw AlertPlanningError(
                            stage: .metricAlerts,
                            problems: existing.map {
                                "metric-alerts/\($0.key): exists on the target and would be \($0.action == .update ? "updated" : "deleted"); "
                                    + "on a workflow-engine target its detector would have to change too, which "
                                    + "sentry-migrate does not do: change or delete it in the target's UI, then plan again"
                            })
                    }
                    if !refused.isEmpty {
                        throw AlertPlanningError(
                            stage: .metricAlerts,
                            problems: refused.map {
                                "metric-alerts/\($0.key): has incidents on the target and differs ("
                                    + $0.fields.map(\.field).joined(separator: ", ")
                                    + "); Sentry keeps an edited alert's old version for its incidents (a snapshot), which "
                                    + "sentry-migrate does not write: edit it in the target's UI, then plan again"
                            })
                    }
                }
                try flush()
            })
        let afterTeams = pass.changes.firstIndex { $0.stage > .teams } ?? pass.changes.endIndex
        pass.changes.insert(contentsOf: memberPass.changes, at: afterTeams)
        return pass.changes
    }

    /// The members stage: each desired member against the target's, by e-mail.
    private static func compareMembers(
        desired: Snapshot, current: Snapshot?, facts: TargetFacts, deferred: [String: [String]],
        into pass: inout DiffPass, emit: (([EntityChange]) throws -> Void)?
    ) throws {
        try pass.compare(
            .members, desired: desired.members, current: current?.members ?? [], key: \.email,
            omitting: ["email", "hostedId", "identity"],
            matched: { member, existing in member = awaitingAcceptance(member, current: existing, facts: facts) },
            clearing: {
                $0.hostedId = nil
                $0.identity = nil
            },
            annotate: { change, member, existing in
                if let later = deferred["members/\(member.email)"] { change.notes.append(laterTeams(later)) }
                guard change.action == .create || (existing?.pending == true && !member.pending) else { return }
                let (identity, notes) = IdentityOutcomes.outcome(for: member, facts: facts)
                change.identity = identity
                change.notes += notes
            }, emit: emit)
    }

    /// How a desired member compares with one the target already has. A name belongs to the
    /// person's user account (or is absent from an invite): apply sets it only when it creates the
    /// user, so it is never a change. A member apply can only invite stays a pending invite until
    /// the person accepts, so an applied invite is not planned again and again.
    private static func awaitingAcceptance(_ member: Member, current: Member, facts: TargetFacts) -> Member {
        var comparable = member
        comparable.name = current.name
        if !member.pending, current.pending,
            IdentityOutcomes.outcome(for: member, facts: facts).0.policy == .invite
        {
            comparable.pending = true
        }
        return comparable
    }

    private static func laterTeams(_ teams: [String]) -> String {
        "teams outside this wave are left for their own wave: " + teams.joined(separator: ", ")
    }

    /// A secret key compared by value and shown by digest only.
    private static func secretChange(desired: String?, current: String?) throws -> [FieldChange] {
        try sensitiveChange("secretKey", desired: desired, current: current)
    }

    /// A credential compared by value and shown by digest only; none desired leaves the target's own.
    private static func sensitiveChange(_ field: String, desired: String?, current: String?) throws -> [FieldChange] {
        guard let desired, desired != current else { return [] }
        return [
            FieldChange(
                sensitiveField: field, beforeDigest: try current.map { try CanonicalJSON.digest(of: $0) },
                afterDigest: try CanonicalJSON.digest(of: desired))
        ]
    }
}

/// Accumulates changes kind by kind.
struct DiffPass {
    let prune: Bool
    var changes: [EntityChange] = []

    /// `clearing` sets the `omitting` fields that are not the key to a fixed value (nil), so that an
    /// entity equal to its current one after clearing both is known unchanged without encoding either:
    /// most entities of a plan after apply. It only saves time: an entity it misses (a provenance field
    /// it does not clear) is compared field by field as before, so the result never depends on it.
    /// `matched` adjusts a desired entity to the current one of the same key before they are compared
    /// (a member's name, an invite not accepted yet); `annotate` gets that current one too.
    mutating func compare<Entity: Encodable & Equatable>(
        _ stage: Stage, desired: [Entity], current: [Entity], key: (Entity) -> String, omitting: Set<String>,
        matched: (inout Entity, Entity) -> Void = { _, _ in },
        clearing: (inout Entity) -> Void = { _ in },
        extraFields: (Entity) throws -> [FieldChange] = { _ in [] },
        annotate: (inout EntityChange, Entity, _ current: Entity?) -> Void = { _, _, _ in },
        prunable: (Entity) -> Bool = { _ in true }, emit: (([EntityChange]) throws -> Void)? = nil
    ) throws {
        // Streamed (apply's replan): handed on a chunk at a time instead of kept.
        if let emit {
            return try stream(
                stage, desired: desired, current: current, key: key, omitting: omitting, matched: matched,
                clearing: clearing, extraFields: extraFields, annotate: annotate, prunable: prunable, emit: emit)
        }
        // The target entities no desired one names are the target's own.
        let match = Self.match(desired, current, key: key)
        var changes: [EntityChange] = []
        for (index, entity) in desired.enumerated() {
            guard
                let change = try Self.change(
                    stage, entity, name: key(entity), current: match.counterpart[index].map { current[$0] },
                    omitting: omitting, matched: matched, clearing: clearing, extraFields: extraFields,
                    annotate: annotate)
            else { continue }
            changes.append(change)
        }
        for (position, entity) in current.enumerated() where !match.named[position] {
            changes.append(
                EntityChange(stage: stage, key: key(entity), action: prune && prunable(entity) ? .delete : .keep))
        }
        changes.sort { $0.key.utf8Precedes($1.key) }
        self.changes += changes
    }

    /// What the plan says about one desired entity, against the target's one of the same key (nil: none
    /// there); nil when nothing changes.
    static func change<Entity: Encodable & Equatable>(
        _ stage: Stage, _ entity: Entity, name: String, current: Entity?, omitting: Set<String>,
        matched: (inout Entity, Entity) -> Void, clearing: (inout Entity) -> Void,
        extraFields: (Entity) throws -> [FieldChange],
        annotate: (inout EntityChange, Entity, _ current: Entity?) -> Void
    ) throws -> EntityChange? {
        var entity = entity
        var change: EntityChange
        if let current { matched(&entity, current) }
        if let current, Self.same(entity, current, clearing: clearing) {
            let fields = try extraFields(entity)
            if fields.isEmpty { return nil }
            change = EntityChange(stage: stage, key: name, action: .update, fields: fields.sortedByName)
        } else if let current {
            let wanted = try EntityFields(key: name, entity: entity, omitting: omitting)
            let fields =
                wanted.changes(from: try EntityFields(key: name, entity: current, omitting: omitting))
                + (try extraFields(entity))
            if fields.isEmpty { return nil }
            change = EntityChange(stage: stage, key: name, action: .update, fields: fields.sortedByName)
        } else {
            let wanted = try EntityFields(key: name, entity: entity, omitting: omitting)
            change = EntityChange(
                stage: stage, key: name, action: .create,
                fields: (wanted.creations + (try extraFields(entity))).sortedByName)
        }
        annotate(&change, entity, current)
        return change
    }

    private static func same<Entity: Equatable>(
        _ desired: Entity, _ current: Entity, clearing: (inout Entity) -> Void
    ) -> Bool {
        // Most entities of a re-plan are equal as they are: compared before any copy is cleared.
        if desired == current { return true }
        var desired = desired
        var current = current
        clearing(&desired)
        clearing(&current)
        return desired == current
    }
}

extension Array where Element == FieldChange {
    var sortedByName: [FieldChange] {
        sorted { $0.field.utf8Precedes($1.field) }
    }
}
