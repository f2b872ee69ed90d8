import SelfHosted
import SentryModel

/// A desired organization (names at their 23.x maximum lengths: organization and team 64, slug 50,
/// project 200, key label 64, e-mail 75) that exercises every writer: tricky and maximum-length names, invites,
/// created and linked users, team roles, preserved project ids, keys with every option, filters in
/// every shape, ownership with team and user owners.
enum DesiredOrganization {
    /// 64 characters (`sentry_organization.name`, `sentry_team.name`), quotes, backslash, `;`, non-ASCII.
    static let trickyName: String = {
        let start = "O'Brien \"Ops\" \\ ; DROP TABLE x; -- Équipe ☃ 日本語 "
        return start + String(repeating: "z", count: 64 - start.count)
    }()
    static let longSlug = String(repeating: "s", count: 45) + "-slug"
    /// 75 characters: the oldest profiles' e-mail limit.
    static let longEmail = String(repeating: "l", count: 63) + "@example.com"
    static let linkedEmail = "erin@example.com"

    static var snapshot: Snapshot {
        let org = Organization(
            slug: "acme-io", name: trickyName, defaultRole: "member", openMembership: false, enhancedPrivacy: true,
            allowSharedIssues: false, isEarlyAdopter: true, require2FA: false, hostedId: "1")
        let teams = [
            Team(slug: "backend", name: "Back'end \"core\"", hostedId: "11"),
            Team(slug: "frontend", name: "Frontend; ☃", hostedId: "12"),
            Team(slug: longSlug, name: trickyName, hostedId: "13"),
        ]
        let members = [
            Member(
                email: "alice@example.com", name: "Alïce \"A\" O'Neil", role: "owner",
                teams: [TeamMembership(slug: "backend", role: "admin")], hostedId: "21", identity: .create),
            Member(
                email: "bob@example.com", name: "bob@example.com", role: "member", pending: true,
                teams: [TeamMembership(slug: "frontend")], hostedId: "22", identity: .invite),
            Member(
                email: "carol@example.com", name: "Carol \\ ;", role: "admin",
                teams: [TeamMembership(slug: "backend"), TeamMembership(slug: "frontend", role: "contributor")],
                hostedId: "23", identity: .create),
            Member(
                email: linkedEmail, name: "Erin Existing", role: "manager", teams: [], hostedId: "24", identity: .link),
            Member(
                email: longEmail, name: longEmail, role: "member", teams: [TeamMembership(slug: longSlug)],
                hostedId: "25", identity: .create),
        ]
        let projects = [
            Project(slug: "api", name: "API \"v2\"", platform: "python", teams: ["backend"], hostedId: "4501234"),
            Project(
                slug: "web", name: "Web ☃", platform: "javascript-react", teams: ["backend", "frontend"],
                hostedId: "4501235"),
            Project(
                slug: longSlug, name: String(repeating: "ü", count: 192) + "'\";\\ end", platform: nil,
                teams: [longSlug]),
        ]
        let keys = [
            ClientKey(
                project: "api", label: "Default", publicKey: "0123456789abcdef0123456789abcdef", active: true,
                loaderOptions: LoaderOptions(hasPerformance: true, hasReplay: true), hostedProjectId: "4501234"),
            ClientKey(
                project: "api", label: String(repeating: "k", count: 60) + "'\";☃",
                publicKey: "1123456789abcdef0123456789abcdef",
                active: true, rateLimit: RateLimit(count: 1000, window: 60), browserSdkVersion: "7.x",
                loaderOptions: LoaderOptions(hasDebug: true, hasFeedback: true, hasLogsAndMetrics: true),
                hostedProjectId: "4501234"),
            ClientKey(
                project: "web", label: "Old", publicKey: "2123456789abcdef0123456789abcdef", active: false,
                hostedProjectId: "4501235"),
            ClientKey(project: longSlug, label: "Default", publicKey: "3123456789abcdef0123456789abcdef"),
        ]
        let filters = [
            InboundFilters(project: "api"),
            InboundFilters(
                project: "web", browserExtensions: true, localhost: true, webCrawlers: true, filteredTransaction: false,
                legacyBrowsers: .subfilters(["ie9", "ie_pre_9", "safari_pre_6"]),
                blacklistedIps: ["10.0.0.1", "1.2.3.0/24"],
                releases: ["1.0.*", "beta-\"q\""], errorMessages: ["TypeError: x; y", "Ünïcode \\ fail"],
                reactHydrationErrors: false, chunkLoadError: false),
            InboundFilters(project: longSlug, legacyBrowsers: .all(true)),
        ]
        let ownership = [
            Ownership(
                project: "api",
                raw:
                    "# owners\npath:src/* #backend alice@example.com\nurl:\"https://x.io/a b\" #frontend erin@example.com\n",
                fallthrough: true, autoAssignment: .issueOwner, codeownersAutoSync: true),
            Ownership(
                project: "web", raw: "tags.browser:Chrome* carol@example.com #ghost-team", fallthrough: false,
                autoAssignment: .suspectCommits, codeownersAutoSync: false),
        ]
        let secrets = [
            KeySecret(publicKey: "0123456789abcdef0123456789abcdef", secretKey: "a0000000000000000000000000000001"),
            KeySecret(publicKey: "1123456789abcdef0123456789abcdef", secretKey: "a0000000000000000000000000000002"),
            KeySecret(publicKey: "2123456789abcdef0123456789abcdef", secretKey: "a0000000000000000000000000000003"),
            KeySecret(publicKey: "3123456789abcdef0123456789abcdef", secretKey: "a0000000000000000000000000000004"),
        ]
        return Snapshot(
            organization: org, teams: teams, members: members, projects: projects, keys: keys, filters: filters,
            ownership: ownership, secrets: secrets
        ).canonicalized()
    }

    /// The user `link` points at, as an admin would have created it before the migration.
    static let linkedUserSQL: SQL = """
        INSERT INTO auth_user (password, username, first_name, email, is_staff, is_active, is_superuser, is_managed,
            is_password_expired, flags, date_joined, avatar_type)
        VALUES ('!', 'erin', 'Erin Existing', 'Erin@Example.com', false, true, false, false, false, 0, now(), 0)
        """
}

extension Snapshot {
    /// Without provenance (hosted and database ids, identity policies), with pending members named by
    /// their e-mail as the reader names them: what must be equal after apply.
    var withoutProvenance: Snapshot {
        var copy = self
        copy.organization.hostedId = nil
        copy.teams = teams.map {
            var team = $0; team.hostedId = nil; return team
        }
        copy.members = members.map { member in
            var member = member
            member.hostedId = nil
            member.identity = nil
            if member.pending { member.name = member.email }
            return member
        }
        copy.projects = projects.map {
            var project = $0; project.hostedId = nil; return project
        }
        copy.keys = keys.map {
            var key = $0; key.hostedProjectId = nil; return key
        }
        return copy.canonicalized()
    }
}
