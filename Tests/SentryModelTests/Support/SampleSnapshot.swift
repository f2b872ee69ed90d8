import SentryModel

/// Small snapshots for tests, with the names that break naive writers: quotes, backslashes,
/// `;`, emoji and other non-ASCII, and multi-line ownership text with comments. Copy freely.
enum SampleSnapshot {
    static let publicKeys = (
        api: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", web: "f0e1d2c3b4a5968778695a4b3c2d1e0f",
        webLegacy: "1234567890abcdef1234567890abcdef"
    )
    /// Secret halves; tests check that none of them ever shows up in a message.
    static let secretKeys = (
        api: "5ec12e75ec12e75ec12e75ec12e75ec1", web: "deadbeefdeadbeefdeadbeefdeadbeef",
        webLegacy: "c0ffeec0ffeec0ffeec0ffeec0ffee00"
    )

    static let ownershipRaw = """
        # Owners of the API; "quoted" text and a \\ backslash stay as typed
        path:src/payments/* #backend alice@example.com
        url:https://api.example.com/v1/* #ops   # trailing comment 😀
        tags.sku_class:enterprise #backend

        """

    /// A consistent snapshot in canonical order (so `make().canonicalized() == make()`).
    static func make() -> Snapshot {
        Snapshot(
            organization: Organization(
                slug: "acme", name: "Acme \"Quotes\" & Co; \\ backslash ☃ / slash", defaultRole: "member",
                openMembership: false, require2FA: true, hostedId: "1001"),
            teams: [
                Team(slug: "backend", name: "Back\\end; \"core\"", hostedId: "11"),
                Team(slug: "frontend", name: "Frontend 🎨", hostedId: "12"),
                Team(slug: "ops", name: "Öps / Betrieb", hostedId: "13"),
            ],
            members: [
                Member(
                    email: "alice@example.com", name: "Alice \"Al\" O'Hara", role: "owner",
                    teams: [TeamMembership(slug: "backend", role: "admin"), TeamMembership(slug: "frontend")],
                    hostedId: "21"),
                Member(
                    email: "bob@example.com", name: "Bøb 😀", role: "member", teams: [TeamMembership(slug: "ops")],
                    hostedId: "22"),
                Member(email: "carol@example.com", name: "", role: "member", pending: true, hostedId: "23"),
            ],
            projects: [
                Project(
                    slug: "api", name: "API; \"v1\"", platform: "python", teams: ["backend", "ops"], hostedId: "31"),
                Project(slug: "web", name: "Wéb 🌐", platform: "javascript-react", teams: ["frontend"], hostedId: "32"),
                Project(slug: "worker", name: "Worker", teams: [], hostedId: "33"),
            ],
            keys: [
                ClientKey(
                    project: "api", label: "Default", publicKey: publicKeys.api,
                    rateLimit: RateLimit(count: 1000, window: 60), loaderOptions: LoaderOptions(hasReplay: true),
                    hostedProjectId: "31"),
                ClientKey(
                    project: "web", label: "Legacy \"old\" key", publicKey: publicKeys.webLegacy, active: false,
                    hostedProjectId: "32"),
                ClientKey(
                    project: "web", label: "Default; main 🔑", publicKey: publicKeys.web, browserSdkVersion: "7.x",
                    hostedProjectId: "32"),
            ],
            filters: [
                InboundFilters(
                    project: "api", localhost: true, blacklistedIps: ["192.168.1.1", "10.0.0.0/8"],
                    releases: ["2.*", "1.0.0-beta"], errorMessages: ["*ConnectionError*", "TypeError: can't \"read\""]),
                InboundFilters(project: "web", legacyBrowsers: .subfilters(["ie", "safari_pre_6"])),
            ],
            ownership: [
                Ownership(project: "api", raw: ownershipRaw),
                Ownership(
                    project: "web", raw: nil, fallthrough: false, autoAssignment: .off, codeownersAutoSync: false),
            ],
            secrets: [
                KeySecret(publicKey: publicKeys.api, secretKey: secretKeys.api),
                KeySecret(publicKey: publicKeys.webLegacy, secretKey: secretKeys.webLegacy),
                KeySecret(publicKey: publicKeys.web, secretKey: secretKeys.web),
            ],
            rules: rules, metricAlerts: metricAlerts)
    }

    /// A percent-change alert with an environment and two triggers, and one with a made-up id.
    static var metricAlerts: [MetricAlert] {
        [
            MetricAlert(
                projects: ["api"], name: "Errors ☃ up", aggregate: "count_unique(user)", comparisonDelta: 10080,
                environment: "prod", eventTypes: ["default", "error"],
                triggers: [
                    MetricAlertTrigger(
                        label: "critical", alertThreshold: 70,
                        actions: [MetricAlertAction(type: "email", targetType: "team", targetTeam: "backend")]),
                    MetricAlertTrigger(label: "warning", alertThreshold: 30),
                ], ownerTeam: "ops", createdBy: "alice@example.com", hostedId: "601"),
            MetricAlert(
                projects: ["api", "web"], name: "Slow", dataset: "transactions", queryType: 1,
                aggregate: "p95(transaction.duration)", eventTypes: ["transaction"],
                triggers: [MetricAlertTrigger(label: "critical", alertThreshold: 900)], hostedId: "10000000008"),
        ]
    }

    /// Two rules of one name (ordinals 1 and 2) and one with an id sentry.io made up.
    static var rules: [IssueAlertRule] {
        let email: JSONValue = .object([
            "id": .string(AlertNodes.emailAction), "targetType": .string("Team"), "targetTeam": .string("backend"),
            "fallthroughType": .string("ActiveMembers"),
        ])
        let seen: JSONValue = .object([
            "id": .string("sentry.rules.conditions.first_seen_event.FirstSeenEventCondition")
        ])
        return [
            IssueAlertRule(
                project: "api", name: "New issue ☃", ordinal: 1, environment: "prod", conditions: [seen],
                actions: [email], ownerTeam: "ops", createdBy: "alice@example.com", hostedId: "501"),
            IssueAlertRule(
                project: "api", name: "New issue ☃", ordinal: 2, frequency: 1440, conditions: [seen], actions: [email],
                ownerMember: "bob@example.com", hostedId: "10000000007"),
            IssueAlertRule(project: "web", name: "Quiet", enabled: false, conditions: [seen], hostedId: "502"),
        ]
    }

    /// The same content in another order, for canonicalization tests.
    static func shuffled() -> Snapshot {
        var snapshot = make()
        snapshot.teams.reverse()
        snapshot.members.reverse()
        snapshot.members[2].teams.reverse()
        snapshot.projects.reverse()
        snapshot.projects[2].teams.reverse()
        snapshot.keys.reverse()
        snapshot.filters.reverse()
        snapshot.filters[0].legacyBrowsers = .subfilters(["safari_pre_6", "ie"])
        snapshot.ownership.reverse()
        snapshot.secrets.reverse()
        snapshot.rules.reverse()
        snapshot.metricAlerts.reverse()
        snapshot.metricAlerts[0].projects.reverse()
        return snapshot
    }

    static let source = SnapshotSource(kind: .hosted, location: "https://sentry.io/api/0/organizations/acme/")

    /// Every secret key of the sample, to assert that messages never contain one.
    static var allSecrets: [String] { [secretKeys.api, secretKeys.web, secretKeys.webLegacy] }
}
