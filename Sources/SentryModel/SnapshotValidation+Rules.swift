// Checks of rules.json: unique keys, and every project, team and member a rule names is in the
// snapshot (a rule that pointed elsewhere could not be written to any target).

extension SnapshotValidator {
    static func ruleProblems(
        _ rules: [IssueAlertRule], parts: SnapshotParts, projects: Set<String>?, teams: Set<String>?
    ) -> [SnapshotProblem] {
        var problems = duplicates(rules, .rules, nil, "rule (project/name#ordinal)") { $0.key }
        problems += danglingProjects(rules, .rules, projects) { $0.project }
        let members = parts.members.map { Set($0.map { $0.email.caseFolded }) }
        for (index, rule) in rules.enumerated() {
            let path: JSONPath = [.index(index)]
            if rule.ordinal < 1 {
                problems.append(
                    SnapshotProblem(
                        .invalidValue, file: SnapshotFile.rules.path, path: path + [.key("ordinal")],
                        "ordinal \(rule.ordinal): ordinals count from 1"))
            }
            if let team = rule.ownerTeam {
                problems += dangling(team, in: teams, .rules, path + [.key("ownerTeam")], "team", .teams)
            }
            if let member = rule.ownerMember {
                problems += dangling(
                    member.lowercased(), in: members, .rules, path + [.key("ownerMember")], "member", .members)
            }
            for (list, nodes) in [
                ("conditions", rule.conditions), ("filters", rule.filters), ("actions", rule.actions),
            ] {
                for (position, node) in nodes.enumerated() {
                    let nodePath = path + [.key(list), .index(position)]
                    if let team = AlertNodes.targetTeam(of: node) {
                        problems += dangling(team, in: teams, .rules, nodePath + [.key("targetTeam")], "team", .teams)
                    }
                    if let member = AlertNodes.targetMember(of: node) {
                        problems += dangling(
                            member.lowercased(), in: members, .rules, nodePath + [.key("targetMember")], "member",
                            .members)
                    }
                }
            }
        }
        return problems
    }
}
