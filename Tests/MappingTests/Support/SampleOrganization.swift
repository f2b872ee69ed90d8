import SentryModel

/// A small hosted organization that exercises every mapping feature; `mappings/example.yaml` is
/// written against it.
enum SampleOrganization {
    static let ownershipAPI = """
        # API ownership
        path:src/payments/*      #payments erin@acme.io
        path:src/*  #backend
        url:https://api.acme.io/checkout/*   #payments   #backend
        tags.transaction:"/api/checkout flow"  frank@contractor.example #legacy-ops

        module:acme.billing  Erin@ACME.io
        codeowners:/infra/  #infra
        """

    static let ownershipWeb = "*.js #frontend\r\n# reviewers\r\n  \"src/pages/**\"  carol@acme.io #frontend\r\n"

    static var snapshot: Snapshot {
        Snapshot(
            organization: Organization(slug: "acme", name: "Acme Inc.", hostedId: "1001"),
            teams: [
                Team(slug: "backend", name: "Backend", hostedId: "11"),
                Team(slug: "data", name: "Data", hostedId: "12"),
                Team(slug: "frontend", name: "Frontend", hostedId: "13"),
                Team(slug: "infra", name: "Infrastructure", hostedId: "14"),
                Team(slug: "legacy-ops", name: "Legacy Ops", hostedId: "15"),
                Team(slug: "mobile", name: "Mobile", hostedId: "16"),
                Team(slug: "payments", name: "Payments", hostedId: "17"),
                Team(slug: "sre", name: "SRE", hostedId: "18"),
            ],
            members: [
                Member(
                    email: "alice@acme.io", name: "Alice", role: "owner",
                    teams: [TeamMembership(slug: "backend", role: "admin"), TeamMembership(slug: "infra")],
                    hostedId: "101"),
                Member(
                    email: "bob@acme.io", name: "Bob", role: "manager",
                    teams: [
                        TeamMembership(slug: "infra", role: "contributor"), TeamMembership(slug: "sre", role: "admin"),
                    ],
                    hostedId: "102"),
                Member(
                    email: "carol@acme.io", name: "Carol", role: "admin",
                    teams: [TeamMembership(slug: "frontend", role: "admin"), TeamMembership(slug: "mobile")],
                    hostedId: "103"),
                Member(
                    email: "dave@acme.io", name: "dave@acme.io", role: "member",
                    teams: [TeamMembership(slug: "data"), TeamMembership(slug: "legacy-ops")], hostedId: "104"),
                Member(
                    email: "erin@acme.io", name: "Erin", role: "billing",
                    teams: [TeamMembership(slug: "payments", role: "contributor")], hostedId: "105"),
                Member(
                    email: "frank@contractor.example", name: "Frank", role: "member",
                    teams: [TeamMembership(slug: "legacy-ops")], hostedId: "106"),
                Member(
                    email: "grace@acme.io", name: "grace@acme.io", role: "member", pending: true,
                    teams: [TeamMembership(slug: "mobile")], hostedId: "107"),
                Member(email: "heidi@acme.io", name: "heidi@acme.io", role: "member", pending: true, hostedId: "108"),
                Member(
                    email: "ivan@acme.io", name: "Ivan", role: "member",
                    teams: [TeamMembership(slug: "backend"), TeamMembership(slug: "payments")], hostedId: "109"),
            ],
            projects: [
                Project(slug: "android", name: "Android", platform: "android", teams: ["mobile"], hostedId: "201"),
                Project(
                    slug: "api", name: "API", platform: "python", teams: ["backend", "payments"], hostedId: "202",
                    environments: ["production": false]),
                Project(slug: "checkout", name: "Checkout", platform: "node", teams: ["payments"], hostedId: "203"),
                Project(slug: "ios", name: "iOS", platform: "apple-ios", teams: ["mobile"], hostedId: "204"),
                Project(slug: "ops-scripts", name: "Ops scripts", teams: ["legacy-ops", "sre"], hostedId: "205"),
                Project(slug: "pipelines", name: "Pipelines", platform: "python", teams: ["data"], hostedId: "206"),
                Project(slug: "sandbox-alice", name: "Sandbox (Alice)", platform: "python", hostedId: "207"),
                // Two spellings of one environment, as SDKs configured by different people leave them.
                Project(
                    slug: "web", name: "Web", platform: "javascript-react", teams: ["frontend"], hostedId: "208",
                    environments: ["production": false, "staging": false, "Staging": true]),
            ],
            keys: [
                key("android", "a0"), key("api", "a1", rateLimit: RateLimit(count: 100, window: 60)),
                key("api", "a2", active: false), key("checkout", "a3"), key("ios", "a4"), key("ops-scripts", "a5"),
                key("pipelines", "a6"), key("sandbox-alice", "a7"), key("web", "a8"), key("web", "a9", active: false),
            ],
            filters: ["android", "api", "checkout", "ios", "ops-scripts", "pipelines", "sandbox-alice", "web"].map {
                InboundFilters(project: $0, webCrawlers: true, blacklistedIps: $0 == "api" ? ["10.0.0.1"] : [])
            },
            ownership: [
                Ownership(project: "api", raw: ownershipAPI),
                Ownership(project: "checkout", raw: "*.ts #payments ivan@acme.io\n", autoAssignment: .suspectCommits),
                Ownership(project: "pipelines", raw: nil),
                Ownership(project: "web", raw: ownershipWeb, fallthrough: false),
            ],
            secrets: ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"].map {
                KeySecret(publicKey: publicKey($0), secretKey: String(repeating: "5", count: 30) + $0)
            }
        )
    }

    /// The sample without what self-hosted lacks (the `billing` role): the identity mapping accepts it.
    static var compatible: Snapshot {
        var snapshot = self.snapshot
        for index in snapshot.members.indices where snapshot.members[index].role == "billing" {
            snapshot.members[index].role = "member"
        }
        return snapshot
    }

    /// 32 hex characters ending in `suffix`.
    static func publicKey(_ suffix: String) -> String {
        String(repeating: "0", count: 32 - suffix.count) + suffix
    }

    static func key(
        _ project: String, _ suffix: String, active: Bool = true, rateLimit: RateLimit? = nil
    ) -> ClientKey {
        ClientKey(
            project: project, label: "Default", publicKey: publicKey(suffix), active: active, rateLimit: rateLimit,
            hostedProjectId: "2\(suffix)")
    }
}
