import SentryModel

extension TransformRun {
    /// Issue alert rules follow their project (dropped with an excluded one), and the teams and
    /// members they name follow the team and e-mail rules. A node naming an excluded team or member
    /// is left out, and an owner that is excluded is removed, each with an explanation. The mapping's
    /// `alerts.missingIntegration` is recorded on every rule for the plan to apply.
    mutating func rules() -> [IssueAlertRule] {
        var result: [IssueAlertRule] = []
        let policy = mapping.alerts.missingIntegration
        for rule in snapshot.rules {
            let entity = "alert rule '\(rule.name)' of project '\(rule.project)'"
            guard let project = projectTarget(rule.project) else {
                if let exclusion = resolution.projectExcluded[rule.project] {
                    explain(exclusion, entity, "excluded with its project")
                }
                continue
            }
            var changed = rule
            changed.project = project
            if project != rule.project {
                explain(resolution.projectSlug[rule.project]?.rule, entity, "project → '\(project)'")
            }
            changed.environment = mappedEnvironment(rule.environment, entity: entity)
            changed.createdBy = mappedCreator(rule.createdBy)
            if let team = rule.ownerTeam {
                changed.ownerTeam = mappedTeam(team, entity: entity, role: "owner")
            }
            if let member = rule.ownerMember {
                changed.ownerMember = mappedMember(member, entity: entity, role: "owner")
            }
            changed.conditions = rule.conditions.compactMap { mappedNode($0, entity: entity) }
            changed.filters = rule.filters.compactMap { mappedNode($0, entity: entity) }
            changed.actions = rule.actions.compactMap { mappedNode($0, entity: entity) }
            if let policy {
                changed.missingIntegration = policy.value
                if rule.actions.contains(where: { AlertNodes.integration(of: $0) != nil || AlertNodes.isSentryApp($0) })
                {
                    explain(
                        reference("alerts.missingIntegration", policy.position), entity,
                        "an action's integration missing on the target: \(policy.value.rawValue)")
                }
            }
            result.append(changed)
        }
        return result
    }

    /// The environment an alert filters on, after `environments.rename` (explained when renamed).
    mutating func mappedEnvironment(_ name: String?, entity: String) -> String? {
        guard let name else { return nil }
        let target = environmentTarget(name)
        if target != name {
            explain(resolution.environmentName[name]?.rule, entity, "environment '\(name)' → '\(target)'")
        }
        return target
    }

    /// An alert's creator (provenance, for the CREATED activity's user) follows the e-mail rules
    /// silently; an excluded one is forgotten, so the activity has no user.
    func mappedCreator(_ email: String?) -> String? {
        email.flatMap { email in
            let key = email.lowercased()
            return resolution.memberExcluded[key] == nil ? resolution.memberEmail[key]?.name ?? key : nil
        }
    }

    /// The node with its team or member target mapped; nil (left out) when that target is excluded.
    private mutating func mappedNode(_ node: JSONValue, entity: String) -> JSONValue? {
        guard case .object(var object) = node else { return node }
        let what = "'\(AlertNodes.id(of: node).split(separator: ".").last ?? "")'"
        if let team = AlertNodes.targetTeam(of: node) {
            guard let mapped = mappedTeam(team, entity: entity, role: what) else { return nil }
            object["targetTeam"] = .string(mapped)
        }
        if let member = AlertNodes.targetMember(of: node) {
            guard let mapped = mappedMember(member, entity: entity, role: what) else { return nil }
            object["targetMember"] = .string(mapped)
        }
        return .object(object)
    }

    mutating func mappedTeam(_ slug: String, entity: String, role: String) -> String? {
        if let exclusion = resolution.teamExcluded[slug] {
            explain(exclusion, entity, "\(role) naming team '\(slug)' left out (the team is excluded)")
            return nil
        }
        guard let destination = resolution.teamSlug[slug], destination.name != slug else { return slug }
        explain(destination.rule, entity, "\(role): team '\(slug)' → '\(destination.name)'")
        return destination.name
    }

    mutating func mappedMember(_ email: String, entity: String, role: String) -> String? {
        let key = email.lowercased()
        if let exclusion = resolution.memberExcluded[key] {
            explain(exclusion, entity, "\(role) naming member '\(email)' left out (the member is excluded)")
            return nil
        }
        guard let destination = resolution.memberEmail[key], destination.name != key else { return key }
        explain(destination.rule, entity, "\(role): member '\(email)' → '\(destination.name)'")
        return destination.name
    }
}
