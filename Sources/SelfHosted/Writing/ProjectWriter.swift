import Foundation
import Planning
import SentryModel

/// Projects with explicit ids (the hosted id when the target does not use it, so DSNs stay valid),
/// their teams, and the options Sentry's post_save hook writes (`sentry:option-epoch`, relay
/// revision). Sentry's automatic "Default" key and default alert rule are *not* created: see
/// docs/apply.md.
struct ProjectWriter {
    let session: WriteSession

    /// The `sentry:option-epoch` Sentry writes for a new project (`LATEST_EPOCH`): 11 as observed on
    /// 23.7.1, 13 from 24.x on (the value in Sentry's `projectoptions/defaults.py` since early 2024).
    static func optionEpoch(for family: TargetProfile.Family) -> Int { family == .v23 ? 11 : 13 }

    func write(
        _ changes: ArraySlice<EntityChange>, desired: [Project], tokens: [ProjectSecret] = [], index: OrganizationIndex
    ) throws {
        let orgId = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.slug)
        var projects = index.projects
        try create(split.creates, orgId: orgId, ids: &projects)

        var updates: [Record] = []
        for (_, project) in split.updates {
            guard let id = projects[project.slug] else {
                throw ApplyOrderError(
                    message: "project '\(project.slug)' is not on the target any more, but the plan updates it; "
                        + "the plan is stale. Run plan again.")
            }
            updates.append([
                "id": id, "name": project.name, "platform": project.platform ?? SQLNull() as any PostgresEncodable,
            ])
        }
        try session.update("sentry_project", key: "id", updates)

        var desiredTeams: [Int64: [String]] = [:]
        for (_, project) in split.createsAndUpdates {
            if let id = projects[project.slug] { desiredTeams[id] = project.teams }
        }
        try syncTeams(desiredTeams, teams: index.teams)

        var settings: [Int64: SettingValues?] = [:]
        var environments: [Int64: [String: Bool]] = [:]
        for (_, project) in split.createsAndUpdates {
            guard let id = projects[project.slug] else { continue }
            settings[id] = project.settings
            environments[id] = project.environments
        }
        let settingsWriter = SettingsWriter(session: session)
        try settingsWriter.writeProjectOptions(settings)
        var tokensById: [Int64: String] = [:]
        for token in tokens {
            if let id = projects[token.project], settings.keys.contains(id) { tokensById[id] = token.securityToken }
        }
        try settingsWriter.writeSecurityTokens(tokensById)
        try EnvironmentRows(session: session).write(environments, orgId: orgId)

        // As Sentry's own delete does: pending deletion, the slug freed, a deletion scheduled.
        try PendingDeletion(session: session).deleteProjects(
            split.deletes.compactMap { slug in projects[slug].map { (id: $0, slug: slug) } }, orgId: orgId)
    }

    private func create(_ creates: StageChanges<Project>.Pairs, orgId: Int64, ids: inout [String: Int64]) throws {
        guard !creates.isEmpty else { return }
        let maximum: Int64 = session.profile.idWidth == .integer ? Int64(Int32.max) : Int64.max
        let wanted: [Int64?] = creates.map { change, project in
            guard let id = change.dsn?.projectId ?? project.hostedId.flatMap({ Int64($0) }), id > 0, id <= maximum
            else {
                return nil
            }
            return id
        }
        var holders: [Int64: String] = [:]
        for row in try session.query(
            """
            SELECT p.id, p.slug, o.slug AS organization FROM sentry_project p
            LEFT JOIN sentry_organization o ON o.id = p.organization_id WHERE p.id = ANY(\(wanted.compactMap { $0 }))
            """, activity: "projects: checking which hosted ids are free")
        {
            holders[try row.int64("id")] = "\(try row.optionalString("organization") ?? "?")/\(try row.string("slug"))"
        }
        var chosen: [Int64?] = []
        var claimed = Set<Int64>()
        for ((change, project), id) in zip(creates, wanted) {
            if let id, holders[id] == nil, claimed.insert(id).inserted {
                chosen.append(id)
                continue
            }
            // The plan told reviewers this project keeps its id (and its DSNs): never give it another.
            if let promise = change.dsn, promise.preserved, let kept = promise.projectId {
                throw PlanPromiseError(
                    stage: .projects,
                    broken: "project \(project.slug): the plan keeps hosted id \(kept) so its DSNs stay valid, but "
                        + "id \(kept) is now taken by project \(holders[kept] ?? "another project of this plan") on "
                        + "the target")
            }
            chosen.append(nil)
        }
        // Ids from the sequence for the rest, skipping any that this batch keeps from hosted.
        var fresh: [Int64] = []
        let needed = chosen.filter { $0 == nil }.count
        while fresh.count < needed {
            fresh += try session.nextIds("sentry_project", count: needed - fresh.count).filter { !claimed.contains($0) }
        }
        // Rows made a batch at a time as the COPY asks for them (10,000 projects' records at once were
        // tens of megabytes at xlarge, docs/performance.md).
        var projectIds: [Int64] = []
        projectIds.reserveCapacity(creates.count)
        var unused = fresh[...]
        for ((_, project), id) in zip(creates, chosen) {
            let projectId = id ?? unused.removeFirst()
            ids[project.slug] = projectId
            projectIds.append(projectId)
        }
        try session.copy("sentry_project", count: creates.count) { index in
            let project = creates[index].entity
            return [
                "id": projectIds[index], "slug": project.slug, "name": project.name, "forced_color": SQLNull(),
                "organization_id": orgId, "public": false, "date_added": session.timestamp, "status": 0,
                "first_event": SQLNull(), "flags": 10,
                "platform": project.platform ?? SQLNull() as any PostgresEncodable,
            ]
        }

        let lastChange = Self.relayTimestamp(session.now)
        let epoch = String(Self.optionEpoch(for: session.profile.family))
        // Three options per project, in this order.
        try session.copy("sentry_projectoptions", count: projectIds.count * 3) { index in
            let id = projectIds[index / 3]
            switch index % 3 {
            case 0: return ["project_id": id, "key": "sentry:option-epoch", "value": epoch]
            case 1: return ["project_id": id, "key": "sentry:relay-rev", "value": "\"\(Randomness.hex(bytes: 16))\""]
            default: return ["project_id": id, "key": "sentry:relay-rev-lastchange", "value": "\"\(lastChange)\""]
            }
        }
    }

    /// Project ↔ team links to exactly the desired sets, for the projects listed.
    private func syncTeams(_ desired: [Int64: [String]], teams: [String: Int64]) throws {
        guard !desired.isEmpty else { return }
        var current: [Int64: [Int64: Int64]] = [:]
        for row in try session.query(
            "SELECT id, project_id, team_id FROM sentry_projectteam WHERE project_id = ANY(\(Array(desired.keys)))",
            activity: "projects: reading project teams")
        {
            current[try row.int64("project_id"), default: [:]][try row.int64("team_id")] = try row.int64("id")
        }
        var inserts: [Record] = []
        var removed: [Int64] = []
        for (projectId, slugs) in desired {
            let wanted = Set(try slugs.compactMap { try session.linkableTeam($0, in: teams) })
            let existing = current[projectId] ?? [:]
            removed += existing.filter { !wanted.contains($0.key) }.map(\.value)
            inserts += wanted.subtracting(existing.keys).sorted().map { ["project_id": projectId, "team_id": $0] }
        }
        try session.delete("sentry_projectteam", where: "id", in: removed)
        _ = try session.copyReturningIds("sentry_projectteam", inserts)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as Sentry stores `sentry:relay-rev-lastchange`.
    static func relayTimestamp(_ date: Date) -> String {
        let text = TimestampText.format(date)  // `YYYY-MM-DD HH:MM:SS.ffffff+00`
        return text.replacing(" ", with: "T").replacing("+00", with: "Z")
    }

    /// Leaves the project id sequence ahead of every explicit id (Sentry's own PROJECT_SEQUENCE_FIX does
    /// the same after loading fixtures), so projects created later in Sentry do not collide with the
    /// hosted ids the plan kept. setval is not rolled back with a transaction, so apply runs it last,
    /// just before it commits, and a rehearsal never.
    static func moveIdSequencePastExplicitIds(_ connection: PostgresConnection) throws {
        _ = try connection.query(
            """
            SELECT setval(pg_get_serial_sequence('sentry_project', 'id'),
                          (SELECT GREATEST(max(id) + 1, nextval(pg_get_serial_sequence('sentry_project', 'id'))) - 1
                           FROM sentry_project))
            """, activity: "projects: moving the id sequence past explicit ids")
    }
}
