import SentryModel

extension TransformRun {
    /// Metric alerts follow their projects: an excluded project leaves the alert's project list (a
    /// project that does not move cannot be watched on the target), and an alert left with no project
    /// is dropped, each with an explanation; renamed projects are renamed in the list, which may move
    /// the alert's key to another first project. Team and member targets and owners follow the team
    /// and e-mail rules as issue alert rules' do; `alerts.missingIntegration` is recorded for the plan.
    mutating func metricAlerts() -> [MetricAlert] {
        var result: [MetricAlert] = []
        let policy = mapping.alerts.missingIntegration
        for alert in snapshot.metricAlerts {
            let entity = "metric alert '\(alert.name)' of project '\(alert.project)'"
            var changed = alert
            changed.projects = []
            for project in alert.projects {
                guard let target = projectTarget(project) else {
                    if let exclusion = resolution.projectExcluded[project] {
                        explain(
                            exclusion, entity,
                            alert.projects.count == 1
                                ? "excluded with its project" : "stops watching project '\(project)' (excluded)")
                    }
                    continue
                }
                if target != project {
                    explain(resolution.projectSlug[project]?.rule, entity, "project '\(project)' → '\(target)'")
                }
                changed.projects.append(target)
            }
            guard !changed.projects.isEmpty else { continue }
            changed.projects = Array(Set(changed.projects)).sorted { $0.utf8Precedes($1) }
            changed.createdBy = mappedCreator(alert.createdBy)
            changed.environment = mappedEnvironment(alert.environment, entity: entity)
            if let team = alert.ownerTeam { changed.ownerTeam = mappedTeam(team, entity: entity, role: "owner") }
            if let member = alert.ownerMember {
                changed.ownerMember = mappedMember(member, entity: entity, role: "owner")
            }
            for (index, trigger) in alert.triggers.enumerated() {
                changed.triggers[index].actions = trigger.actions.compactMap { action in
                    var action = action
                    let role = "\(trigger.label) action '\(action.type)'"
                    if let team = action.targetTeam {
                        guard let mapped = mappedTeam(team, entity: entity, role: role) else { return nil }
                        action.targetTeam = mapped
                    }
                    if let member = action.targetMember {
                        guard let mapped = mappedMember(member, entity: entity, role: role) else { return nil }
                        action.targetMember = mapped
                    }
                    return action
                }
            }
            if let policy {
                changed.missingIntegration = policy.value
                if alert.actions.contains(where: { $0.integration != nil || $0.type == "sentry_app" }) {
                    explain(
                        reference("alerts.missingIntegration", policy.position), entity,
                        "an action's integration missing on the target: \(policy.value.rawValue)")
                }
            }
            result.append(changed)
        }
        // Renames may give two alerts the same first project and name: number them again, in the
        // order of their hosted ids (then their old keys), as export numbers them.
        let numbered = MetricAlert.numbered(
            result.enumerated().map { index, alert in
                (alert, alert.hostedId.flatMap(Int64.init) ?? Int64(Int32.max) + Int64(index))
            })
        return Snapshot(organization: snapshot.organization, metricAlerts: numbered).canonicalized().metricAlerts
    }
}
