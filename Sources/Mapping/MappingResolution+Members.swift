import SentryModel

extension MappingResolution {
    var pendingPolicy: PendingInvitePolicy { mapping.members.pendingInvites?.value ?? .keep }

    mutating func resolveMembers() {
        let rules = mapping.members
        let emails = snapshot.members.map { $0.email.lowercased() }
        memberExcluded = exclusions(rules.exclude, rule: "members.exclude", kind: "member", names: emails)
        if let policy = rules.pendingInvites, policy.value == .exclude {
            let reference = RuleReference(rule: "members.pendingInvites", position: policy.position)
            for member in snapshot.members where member.pending && memberExcluded[member.email.lowercased()] == nil {
                memberExcluded[member.email.lowercased()] = reference
            }
        }
        resolveEmails(emails)
        resolveRoles()
        resolveIdentity(emails)
    }

    /// Looks an e-mail up in the snapshot, ignoring case; reports it when missing or excluded.
    mutating func hostedMember(_ email: Located<String>, in rule: String, emails: [String]) -> String? {
        let key = email.value.lowercased()
        guard hostedEmails.contains(key) else {
            error(
                "member '\(email.value)' in \(rule) is not in the snapshot" + Self.didYouMean(key, among: emails),
                next: "\(rule) names members by their hosted e-mail", at: email.position)
            return nil
        }
        if let exclusion = memberExcluded[key] {
            error(
                "member '\(email.value)' in \(rule) is excluded by \(Self.describe(exclusion))",
                next: "remove it from one of the two", at: email.position)
            return nil
        }
        return key
    }

    mutating func resolveEmails(_ emails: [String]) {
        var seen: [String: Position] = [:]
        for rule in mapping.members.email {
            guard let key = hostedMember(rule.from, in: "members.email", emails: emails) else { continue }
            if let earlier = seen[key] {
                error(
                    "member '\(rule.from.value)' is mapped twice in members.email (also at \(earlier))",
                    at: rule.from.position)
                continue
            }
            seen[key] = rule.from.position
            let target = rule.to.value.lowercased()
            if let problem = SlugRules.problem(withEmail: target) {
                error("new e-mail '\(rule.to.value)' for member '\(rule.from.value)' \(problem)", at: rule.to.position)
                continue
            }
            memberEmail[key] = Destination(
                name: target, rule: RuleReference(rule: "members.email", position: rule.to.position))
        }

        let domains = Set(emails.compactMap(Self.domain(of:)))
        var domainMap: [String: Destination] = [:]
        for rule in mapping.members.domains {
            let from = rule.from.value.lowercased()
            let to = rule.to.value.lowercased()
            guard domains.contains(from) else {
                error(
                    "no member's e-mail is at domain '\(rule.from.value)' (members.domains)"
                        + Self.didYouMean(from, among: domains.sorted()),
                    at: rule.from.position)
                continue
            }
            if to.isEmpty || to.contains("@") || to.contains(where: \.isWhitespace) {
                error(
                    "'\(rule.to.value)' in members.domains is not a domain", next: "write 'old.example: new.example'",
                    at: rule.to.position)
                continue
            }
            domainMap[from] = Destination(
                name: to, rule: RuleReference(rule: "members.domains", position: rule.to.position))
        }
        for email in emails where memberExcluded[email] == nil && memberEmail[email] == nil {
            guard let domain = Self.domain(of: email), let target = domainMap[domain] else { continue }
            let local = email.dropLast(domain.count + 1)
            memberEmail[email] = Destination(name: "\(local)@\(target.name)", rule: target.rule)
        }

        var groups: [String: [String]] = [:]
        for email in emails where memberExcluded[email] == nil {
            groups[memberEmail[email]?.name ?? email, default: []].append(email)
        }
        targetEmails = Set(groups.keys)
        for (target, sources) in groups.sorted(by: { $0.key < $1.key }) {
            if sources.count > 1 {
                let sorted = sources.sorted()
                error(
                    "members " + sorted.map { "'\($0)'" }.joined(separator: " and ") + " would both become '\(target)'",
                    next: "Sentry has one membership per e-mail: exclude one of them in members.exclude",
                    at: sources.compactMap { memberEmail[$0]?.rule?.position }.max())
            }
            if memberEmail[sources[0]] == nil, target.count > 75 {
                error(
                    "the snapshot's member e-mail '\(target)' is longer than 75 characters (Sentry's e-mail column before 25.6)",
                    next: "map it in members.email", at: mapping.sections["members"])
            }
        }
    }

    static func domain(of email: String) -> String? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }

    mutating func resolveRoles() {
        let active = snapshot.members.filter { memberExcluded[$0.email.lowercased()] == nil }
        let heldRoles = Set(active.map(\.role))
        for rule in mapping.members.roles {
            let reference = RuleReference(rule: "members.roles", position: rule.to.position)
            if !SlugRules.organizationRoles.contains(rule.to.value) {
                error(
                    "role '\(rule.to.value)' in members.roles does not exist in self-hosted Sentry"
                        + Self.didYouMean(rule.to.value, among: SlugRules.organizationRoles),
                    next: "use one of \(SlugRules.organizationRoles.joined(separator: ", "))", at: rule.to.position)
                continue
            }
            if !heldRoles.contains(rule.from.value) {
                warning(
                    "no member has role '\(rule.from.value)'; members.roles.\(rule.from.value) changes nothing"
                        + Self.didYouMean(rule.from.value, among: heldRoles.sorted()),
                    at: rule.from.position)
            }
            roleMap[rule.from.value] = Destination(name: rule.to.value, rule: reference)
        }
        let teamRolesHeld = Set(
            active.flatMap { member in
                member.teams.filter { teamExcluded[$0.slug] == nil }.compactMap(\.role)
            })
        for rule in mapping.members.teamRoles {
            if !SlugRules.teamRoles.contains(rule.to.value) {
                error(
                    "team role '\(rule.to.value)' in members.teamRoles does not exist in self-hosted Sentry"
                        + Self.didYouMean(rule.to.value, among: SlugRules.teamRoles),
                    next: "use one of \(SlugRules.teamRoles.joined(separator: ", "))", at: rule.to.position)
                continue
            }
            if !teamRolesHeld.contains(rule.from.value) {
                warning(
                    "no team membership has role '\(rule.from.value)'; members.teamRoles.\(rule.from.value) changes nothing",
                    at: rule.from.position)
            }
            teamRoleMap[rule.from.value] = Destination(
                name: rule.to.value, rule: RuleReference(rule: "members.teamRoles", position: rule.to.position))
        }

        reportUnmappedRoles(
            active.map { ($0.email, $0.role) }, map: roleMap, allowed: SlugRules.organizationRoles, kind: "role",
            rule: "members.roles")
        let teamRoles = active.flatMap { member in
            member.teams.filter { teamExcluded[$0.slug] == nil }.compactMap { team in
                team.role.map { (member.email, $0) }
            }
        }
        reportUnmappedRoles(
            teamRoles, map: teamRoleMap, allowed: SlugRules.teamRoles, kind: "team role", rule: "members.teamRoles")
    }

    /// One error per role that self-hosted lacks and the mapping leaves as it is.
    private mutating func reportUnmappedRoles(
        _ holders: [(email: String, role: String)], map: [String: Destination], allowed: [String], kind: String,
        rule: String
    ) {
        var unmapped: [String: Set<String>] = [:]
        for (email, role) in holders where map[role] == nil && !allowed.contains(role) {
            unmapped[role, default: []].insert(email)
        }
        for (role, holders) in unmapped.sorted(by: { $0.key < $1.key }) {
            let emails = holders.sorted()
            let who =
                emails.count == 1
                ? "member '\(emails[0])' has" : "\(emails.count) members (first: '\(emails[0])') have"
            error(
                "\(who) \(kind) '\(role)', which self-hosted Sentry lacks",
                next: "map it in \(rule), for example '\(role): \(allowed[0])'",
                at: mapping.sections["members"])
        }
    }

    mutating func resolveIdentity(_ emails: [String]) {
        let rules = mapping.members
        var overrides: [String: (IdentityPolicy, RuleReference)] = [:]
        let pendingEmails = Set(snapshot.members.filter(\.pending).map { $0.email.lowercased() })
        for rule in rules.identityMembers {
            guard let key = hostedMember(rule.email, in: "members.identity.members", emails: emails) else { continue }
            if overrides[key] != nil {
                error("member '\(rule.email.value)' appears twice in members.identity.members", at: rule.email.position)
                continue
            }
            if pendingEmails.contains(key), pendingPolicy == .keep, rule.policy.value != .invite {
                error(
                    "member '\(rule.email.value)' is a pending invite, so it stays an invite; '\(rule.policy.value.rawValue)' cannot apply",
                    next: "set 'members.pendingInvites: promote' to treat pending invites as members",
                    at: rule.policy.position)
                continue
            }
            overrides[key] = (
                rule.policy.value, RuleReference(rule: "members.identity.members", position: rule.policy.position)
            )
        }
        guard let section = rules.identitySection else { return }
        let defaultPolicy = rules.identityDefault
        for member in snapshot.members {
            let key = member.email.lowercased()
            guard memberExcluded[key] == nil else { continue }
            if member.pending, pendingPolicy == .keep {
                let rule =
                    rules.pendingInvites.map { RuleReference(rule: "members.pendingInvites", position: $0.position) }
                    ?? RuleReference(rule: "members.identity", position: section)
                identity[key] = (.invite, rule)
            } else if let (policy, reference) = overrides[key] {
                identity[key] = (policy, reference)
            } else if let defaultPolicy {
                identity[key] = (
                    defaultPolicy.value,
                    RuleReference(rule: "members.identity.default", position: defaultPolicy.position)
                )
            }
        }
    }
}
