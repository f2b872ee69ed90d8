import SentryModel

/// Whether DSNs survive the move: a DSN names the public key and the project id, so it keeps working
/// (with the new host) when the project keeps its hosted id and each key its public and secret key.
/// Collisions with rows already on the target are found here, at plan time, not during apply.
struct DSNOutcomes {
    var project: [String: DSNOutcome] = [:]
    var key: [String: DSNOutcome] = [:]

    init(desired: Snapshot, current: Snapshot?, facts: TargetFacts) throws {
        let organization = desired.organization.slug
        let currentProjects = Dictionary(uniqueKeysWithValues: (current?.projects ?? []).map { ($0.slug, $0) })
        let currentKeys = Set((current?.keys ?? []).map(\.publicKey))
        var projectIds: [String: DSNOutcome] = [:]
        for project in desired.projects {
            projectIds[project.slug] = Self.projectId(
                of: project, existing: currentProjects[project.slug], organization: organization, facts: facts)
        }
        for clientKey in desired.keys {
            var reasons: [String] = []
            let idOutcome = projectIds[clientKey.project]
            if !currentKeys.contains(clientKey.publicKey), let holder = facts.publicKeyHolders[clientKey.publicKey] {
                reasons.append("public key \(clientKey.publicKey.prefix(8))… is already a key of \(holder)")
            }
            if let holder = facts.secretKeyHolders[clientKey.publicKey], holder.publicKey != clientKey.publicKey {
                let other = holder.publicKey.map { " \($0.prefix(8))…" } ?? ""
                reasons.append("its secret key is already used by key\(other) of \(holder)")
            }
            if let idOutcome, !idOutcome.preserved {
                reasons.append("project \(clientKey.project) does not keep its id")
            } else if let hosted = clientKey.hostedProjectId, let projectId = idOutcome?.projectId,
                hosted != String(projectId)
            {
                reasons.append("it was a key of hosted project \(hosted); here its project id is \(projectId)")
            }
            key[clientKey.publicKey] = DSNOutcome(
                preserved: reasons.isEmpty, projectId: idOutcome?.projectId,
                reason: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
        }
        let brokenByProject = Dictionary(
            grouping: desired.keys.filter { key[$0.publicKey]?.preserved == false }, by: \.project)
        for (slug, idOutcome) in projectIds {
            var outcome = idOutcome
            let broken = brokenByProject[slug] ?? []
            if outcome.preserved, let first = broken.first {
                outcome.preserved = false
                let more = broken.count > 1 ? " (and \(broken.count - 1) more key(s))" : ""
                outcome.reason = "key \(first.publicKey.prefix(8))…: \(key[first.publicKey]?.reason ?? "")\(more)"
            }
            project[slug] = outcome
        }
    }

    private static func projectId(
        of project: Project, existing: Project?, organization: String, facts: TargetFacts
    ) -> DSNOutcome {
        guard let hosted = project.hostedId, let hostedId = Int64(hosted) else {
            return DSNOutcome(
                preserved: false,
                reason: "the snapshot has no hosted project id, so the target assigns a new one and DSNs change")
        }
        if let existing {
            let existingId = existing.hostedId.flatMap { Int64($0) }
            if existingId == hostedId { return DSNOutcome(preserved: true, projectId: hostedId) }
            return DSNOutcome(
                preserved: false, projectId: existingId,
                reason: "the project is already on the target with id \(existing.hostedId ?? "?"), not \(hosted)")
        }
        if let holder = facts.projectIdHolders[hosted],
            holder.organization != organization || holder.project != project.slug
        {
            return DSNOutcome(
                preserved: false,
                reason: "project id \(hosted) is taken by \(holder) on the target, so this project gets a new id")
        }
        return DSNOutcome(preserved: true, projectId: hostedId)
    }
}
