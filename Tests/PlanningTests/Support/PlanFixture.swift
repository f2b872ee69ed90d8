import Foundation
import SentryModel

@testable import Planning

/// A fixed desired/current pair that exercises every action, identity outcome and DSN outcome, with
/// names that try to break the renderers (quotes, pipes, backticks, HTML, emoji, a newline).
enum PlanFixture {
    static let secrets = [
        "api": "3f9c1e7a52b84d06a9e1c4f7d2b85a31", "web": "c81d4e2f97a05b36e8f14a7c29d6b053",
        "docsOld": "7e25a9c4f1d80b63c5a7e91f4d2b8c06", "docsNew": "b4e6091fd3a752c8e1f6b9a4d07c3e52",
        "taken": "e9a3c7f15b2d84609c1e5a7f3b8d2c47",
    ]
    static let apiKey = "a0000000000000000000000000000001"
    static let webKey = "b0000000000000000000000000000002"
    static let docsKey = "c0000000000000000000000000000003"
    static let takenKey = "d0000000000000000000000000000004"

    static var desired: Snapshot {
        Snapshot(
            organization: Organization(slug: "acme", name: "Ācme “New” Corp", require2FA: true, hostedId: "11"),
            teams: [
                Team(slug: "backend", name: "Backend", hostedId: "101"),
                Team(slug: "frontend", name: "Front\"end <b>| `x`", hostedId: "102"),
                Team(slug: "payments", name: "Payments & Billing | 💳\nsecond line", hostedId: "103"),
            ],
            members: [
                Member(
                    email: "ada@acme.example", name: "Ada", role: "admin",
                    teams: [TeamMembership(slug: "backend")], hostedId: "201"),
                Member(
                    email: "created@acme.example", name: "Cree Ated", role: "member",
                    teams: [TeamMembership(slug: "payments")], hostedId: "202", identity: .create),
                Member(email: "invitee@acme.example", name: "In Vitee", role: "member", hostedId: "203"),
                Member(
                    email: "linked@acme.example", name: "Lin Ked", role: "member",
                    teams: [TeamMembership(slug: "frontend", role: "admin")], hostedId: "204"),
                Member(
                    email: "pending@partner.example", name: "pending@partner.example", role: "member", pending: true,
                    teams: [TeamMembership(slug: "payments")], hostedId: "205"),
            ],
            projects: [
                Project(slug: "api", name: "API", platform: "python", teams: ["backend"], hostedId: "4321"),
                Project(slug: "docs", name: "Docs “v2”", platform: "javascript", teams: ["frontend"], hostedId: "77"),
                Project(slug: "web", name: "Web", platform: "javascript-react", teams: ["payments"], hostedId: "9002"),
            ],
            keys: [
                ClientKey(project: "api", label: "Default", publicKey: apiKey, hostedProjectId: "4321"),
                ClientKey(
                    project: "api", label: "Taken | key", publicKey: takenKey,
                    rateLimit: RateLimit(count: 1000, window: 60), hostedProjectId: "4321"),
                ClientKey(project: "docs", label: "Default", publicKey: docsKey, hostedProjectId: "77"),
                ClientKey(
                    project: "web", label: "Browser", publicKey: webKey, browserSdkVersion: "8.x",
                    loaderOptions: LoaderOptions(hasReplay: true), hostedProjectId: "9002"),
            ],
            filters: [
                InboundFilters(
                    project: "docs", legacyBrowsers: .subfilters(["ie", "safari"]),
                    errorMessages: ["ResizeObserver loop*", "</details> ``` injected"])
            ],
            ownership: [
                Ownership(
                    project: "docs", raw: "# docs\npath:docs/** #frontend\nurl:*/guide/* ada@acme.example\n",
                    autoAssignment: .suspectCommits)
            ],
            secrets: [
                KeySecret(publicKey: apiKey, secretKey: secrets["api"]!),
                KeySecret(publicKey: docsKey, secretKey: secrets["docsNew"]!),
                KeySecret(publicKey: takenKey, secretKey: secrets["taken"]!),
                KeySecret(publicKey: webKey, secretKey: secrets["web"]!),
            ])
    }

    static var current: Snapshot {
        Snapshot(
            organization: Organization(slug: "acme", name: "Acme Old", hostedId: "1"),
            teams: [
                Team(slug: "backend", name: "Backend", hostedId: "5"),
                Team(slug: "frontend", name: "Frontend", hostedId: "6"),
                Team(slug: "legacy", name: "Legacy", hostedId: "7"),
            ],
            members: [
                Member(
                    email: "ada@acme.example", name: "Ada", role: "member", teams: [TeamMembership(slug: "backend")],
                    hostedId: "31"),
                Member(email: "gone@acme.example", name: "Gone", role: "member", hostedId: "32"),
            ],
            projects: [
                Project(slug: "docs", name: "Docs", platform: "javascript", teams: ["frontend"], hostedId: "77")
            ],
            keys: [ClientKey(project: "docs", label: "Default", publicKey: docsKey, hostedProjectId: "77")],
            filters: [InboundFilters(project: "docs")],
            ownership: [Ownership(project: "docs", raw: "# docs\npath:docs/** #frontend\n")],
            secrets: [KeySecret(publicKey: docsKey, secretKey: secrets["docsOld"]!)])
    }

    static var facts: TargetFacts {
        TargetFacts(
            usersByEmail: ["ada@acme.example": 9, "linked@acme.example": 12],
            projectIdHolders: [
                "77": TargetFacts.Holder(organization: "acme", project: "docs"),
                "9002": TargetFacts.Holder(organization: "other-org", project: "site"),
            ],
            publicKeyHolders: [
                docsKey: TargetFacts.Holder(organization: "acme", project: "docs", publicKey: docsKey),
                takenKey: TargetFacts.Holder(organization: "other-org", project: "site", publicKey: takenKey),
            ])
    }

    static let createdAt = Date(timeIntervalSince1970: 1_790_000_000)

    static func plan(
        desired: Snapshot = desired, current: Snapshot? = current, facts: TargetFacts = facts,
        selection: Plan.Selection = Plan.Selection(), wave: Wave? = nil
    ) throws -> Plan {
        var selection = selection
        selection.wave = wave?.name ?? selection.wave
        return try Planner.plan(
            desired: DesiredState(
                snapshot: desired, path: "desired", manifestSHA256: String(repeating: "ab", count: 32),
                waves: wave.map { WaveFile(waves: [$0]) }),
            target: TargetState(
                location: "postgresql://sentry@db.example/sentry",
                profile: "26.x (migration 1118_add_group_derived_data, 64-bit ids)", current: current, facts: facts),
            selection: selection, createdAt: createdAt)
    }

    /// The fixture's plan, plus an update from a field the target lacks (`before` is JSON null): every
    /// part of a change a plan file must keep apart (notes, outcomes, sensitive fields, null and absent).
    static func planWithANullBefore() throws -> Plan {
        var current = current
        current.organization.settings = nil
        var desired = desired
        desired.organization.settings = SettingValues(["scrapeJavaScript": .bool(false)])
        return try plan(desired: desired, current: current)
    }
}
