// Checks of metric-alerts.json: unique keys, at least one project, projects, teams and members in
// the snapshot, values Sentry's own serializer accepts (time window, threshold type, trigger labels).

extension SnapshotValidator {
    static func metricAlertProblems(
        _ alerts: [MetricAlert], parts: SnapshotParts, projects: Set<String>?, teams: Set<String>?
    ) -> [SnapshotProblem] {
        let file = SnapshotFile.metricAlerts
        var problems = duplicates(alerts, file, nil, "metric alert (project/name#ordinal)") { $0.key }
        let members = parts.members.map { Set($0.map { $0.email.caseFolded }) }
        for (index, alert) in alerts.enumerated() {
            let path: JSONPath = [.index(index)]
            func invalid(_ field: String, _ message: String) {
                problems.append(SnapshotProblem(.invalidValue, file: file.path, path: path + [.key(field)], message))
            }
            if alert.projects.isEmpty { invalid("projects", "a metric alert watches at least one project") }
            for (position, project) in alert.projects.enumerated() {
                problems += dangling(
                    project, in: projects, file, path + [.key("projects"), .index(position)],
                    "project", .projects)
            }
            if alert.ordinal < 1 { invalid("ordinal", "ordinal \(alert.ordinal): ordinals count from 1") }
            if alert.timeWindow < 1 { invalid("timeWindow", "time window \(alert.timeWindow): minutes, at least 1") }
            if ![0, 1].contains(alert.thresholdType) {
                invalid("thresholdType", "threshold type \(alert.thresholdType): 0 (above) or 1 (below)")
            }
            if alert.triggers.isEmpty { invalid("triggers", "a metric alert has at least a critical trigger") }
            var labels = Set<String>()
            for (position, trigger) in alert.triggers.enumerated() where !labels.insert(trigger.label).inserted {
                problems.append(
                    SnapshotProblem(
                        .invalidValue, file: file.path,
                        path: path + [.key("triggers"), .index(position), .key("label")],
                        "a second '\(trigger.label)' trigger: labels are unique per alert"))
            }
            if let team = alert.ownerTeam {
                problems += dangling(team, in: teams, file, path + [.key("ownerTeam")], "team", .teams)
            }
            if let member = alert.ownerMember {
                problems += dangling(
                    member.lowercased(), in: members, file, path + [.key("ownerMember")], "member",
                    .members)
            }
            for (triggerIndex, trigger) in alert.triggers.enumerated() {
                for (position, action) in trigger.actions.enumerated() {
                    let actionPath = path + [.key("triggers"), .index(triggerIndex), .key("actions"), .index(position)]
                    if let team = action.targetTeam {
                        problems += dangling(team, in: teams, file, actionPath + [.key("targetTeam")], "team", .teams)
                    }
                    if let member = action.targetMember {
                        problems += dangling(
                            member.lowercased(), in: members, file, actionPath + [.key("targetMember")], "member",
                            .members)
                    }
                }
            }
        }
        return problems
    }
}
