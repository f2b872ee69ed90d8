import SentryModel

/// What a reader of organization `acme-corp` must produce from Tests/Fixtures/seed/realistic-org.sql
/// (plus the profile's extras file), on every schema fixture, with or without small-ints.sql.
///
/// Reading rules the value below follows:
/// - Only active rows: teams with `status = 0`, projects with `status = 0`. Members are the rows of
///   this organization whose `invite_status` is 0 or NULL: linked users and pending invites. Join
///   requests (`invite_status = 2`) and the other organization's rows are not members.
/// - `hostedId` is the id in the database read, as a decimal string: organization, teams, members
///   (the `sentry_organizationmember` id), projects; `hostedProjectId` on keys likewise.
/// - Member `email`: lower-cased `auth_user.email` for linked users, the invite's `email` for
///   pending ones. `name`: `auth_user.first_name`, or the e-mail when that is empty; pending
///   invites are named by their e-mail. `teams`: active memberships (`is_active = true`) on active
///   teams, sorted by slug; a NULL team role is nil.
/// - Organization: `defaultRole` = `default_role`; booleans from the `flags` bits: 1
///   allow_joinleave → openMembership, 2 enhanced_privacy, 4 disable_shared_issues →
///   allowSharedIssues = !bit, 8 early_adopter, 16 require_2fa. Other bits are ignored.
/// - Project `teams`: slugs of its active teams, sorted; `platform` as stored (NULL → nil).
/// - Keys: only `roles & 1 = 1` (store) and, where the column exists, `use_case = 'user'`.
///   `label` = label, or the first 14 characters of the public key when NULL or empty;
///   `active` = `status = 0`; `rateLimit` only when both count and window are non-null;
///   `browserSdkVersion` from `data.browserSdkVersion`; `loaderOptions` from
///   `data.dynamicSdkLoaderOptions` (missing booleans false), nil when absent. Secret keys go to
///   `secrets`.
/// - Filters: one entry per active project, with effective values. `"1"` → true, `"0"` → false;
///   react-hydration-errors and chunk-load-error also accept JSON booleans (on 23.x
///   react-hydration-errors is read by truthiness, as Sentry 23.7 reads it; on 23.10+ a JSON `true`
///   is on but draws a warning, as project settings show it off). Absent keys take
///   Sentry's defaults: browser-extensions, localhost, legacy-browsers off; web-crawlers ON when
///   the project's `sentry:option-epoch` is absent or < 6, else off; filtered-transaction,
///   react-hydration-errors, chunk-load-error on. A legacy-browsers list becomes `.subfilters`,
///   sorted. Absent lists are `[]`; present ones keep their stored order.
/// - Ownership: one entry per active project that has a `sentry_projectownership` row.
///   autoAssignment from (`auto_assignment`, `suspect_committer_auto_assignment`): (true, false)
///   → issueOwner, (true, true) → suspectCommits, (false, _) → off. `codeownersAutoSync` NULL →
///   true. `raw` byte for byte.
/// - Canonical order: teams by slug, members by e-mail, projects by slug, keys by (project,
///   publicKey), filters and ownership by project, secrets by publicKey.
let seededAcmeSnapshot = Snapshot(
    organization: Organization(
        slug: "acme-corp", name: "Ācme “Quoted” Corp's Org", defaultRole: "member", openMembership: true,
        enhancedPrivacy: true, allowSharedIssues: false, isEarlyAdopter: false, require2FA: true, hostedId: "4242",
        // The seed's organization options, read back as the settings they are.
        settings: SettingValues([
            "allowJoinRequests": .bool(false), "scrubIPAddresses": .bool(true),
            "sensitiveFields": .array([.string("card_number"), .string("iban")]),
        ])
    ),
    teams: [
        Team(slug: "backend", name: "Backend", hostedId: "301"),
        Team(slug: "frontend", name: "Frontend", hostedId: "302"),
        Team(slug: "mobile", name: "Mobile", hostedId: "305"),
        Team(
            slug: "platform-infrastructure-and-site-reliability-team1", name: "Platform Infrastructure & SRE",
            hostedId: "303"
        ),
        Team(slug: "quoting", name: #"Qu'o"te\;🚀 Team"#, hostedId: "304"),
    ],
    members: [
        Member(
            email: "ada@acme.example", name: "Ada Admin", role: "admin",
            teams: [TeamMembership(slug: "quoting", role: "contributor")], hostedId: "5003"
        ),
        Member(
            email: "bob@acme.example", name: "Bob Builder", role: "member",
            teams: [TeamMembership(slug: "backend", role: "contributor")], hostedId: "5006"
        ),
        Member(
            email: "carol@acme.example", name: "Carol", role: "member",
            teams: [TeamMembership(slug: "backend")], hostedId: "5007"
        ),
        Member(
            email: "contractor@partner.example", name: "contractor@partner.example", role: "member", pending: true,
            hostedId: "5010"
        ),
        Member(
            email: "marek.manager@acme.example", name: "Marek Manager", role: "manager",
            teams: [TeamMembership(slug: "backend", role: "admin"), TeamMembership(slug: "mobile")], hostedId: "5002"
        ),
        Member(
            email: "noname@acme.example", name: "noname@acme.example", role: "member",
            teams: [TeamMembership(slug: "frontend")], hostedId: "5004"
        ),
        Member(
            email: "olivia@acme.example", name: "Olivia Owner", role: "owner",
            teams: [TeamMembership(slug: "backend"), TeamMembership(slug: "frontend", role: "admin")], hostedId: "5001"
        ),
        Member(
            email: "pending.one@acme.example", name: "pending.one@acme.example", role: "member", pending: true,
            teams: [TeamMembership(slug: "backend"), TeamMembership(slug: "frontend")], hostedId: "5008"
        ),
        Member(
            email: "pending.two@acme.example", name: "pending.two@acme.example", role: "admin", pending: true,
            hostedId: "5009"
        ),
        Member(
            email: "zoe@acme.example", name: "Zoë Ünicode-Ström", role: "member",
            teams: [
                TeamMembership(slug: "mobile"),
                TeamMembership(slug: "platform-infrastructure-and-site-reliability-team1", role: "contributor"),
            ],
            hostedId: "5005"
        ),
    ],
    projects: [
        Project(
            slug: "api", name: "API", platform: "python",
            teams: ["backend", "platform-infrastructure-and-site-reliability-team1", "quoting"], hostedId: "9001"
        ),
        Project(
            slug: "customer-facing-checkout-experience-web-frontend-1", name: "Checkout “Web”", platform: nil,
            teams: ["frontend"], hostedId: "9003"
        ),
        Project(slug: "internal-tools", name: "Internal Tools — Ops", platform: "node", teams: [], hostedId: "9004"),
        Project(slug: "web", name: "Web", platform: "javascript-react", teams: ["frontend"], hostedId: "9002"),
    ],
    keys: [
        ClientKey(
            project: "api", label: "Default", publicKey: "0d9450bcac8ddfb87505d82f4d38492b",
            loaderOptions: LoaderOptions(hasPerformance: true, hasReplay: true), hostedProjectId: "9001"
        ),
        ClientKey(
            project: "api", label: "74288d25c87387", publicKey: "74288d25c87387a5d7cf98ee2a678dce", active: false,
            hostedProjectId: "9001"
        ),
        ClientKey(
            project: "api", label: "Backend ingest", publicKey: "98c91239ef3353257ed6c4ec71440719",
            rateLimit: RateLimit(count: 1000, window: 60), hostedProjectId: "9001"
        ),
        ClientKey(
            project: "customer-facing-checkout-experience-web-frontend-1", label: "Default",
            publicKey: "a0fad22a66ac63fc5006c379ce3c72eb", loaderOptions: LoaderOptions(hasReplay: true),
            hostedProjectId: "9003"
        ),
        ClientKey(
            project: "internal-tools", label: "Default", publicKey: "90d60d76fca68f600752c0db8b51ad1b",
            browserSdkVersion: "7.x", hostedProjectId: "9004"
        ),
        ClientKey(
            project: "web", label: "81040e1d1c5431", publicKey: "81040e1d1c5431ba3f753e28cd270ef6",
            hostedProjectId: "9002"
        ),
        ClientKey(
            project: "web", label: "Default", publicKey: "b83d7e41bfc423b5e7f2096c2035b30f", browserSdkVersion: "8.x",
            loaderOptions: LoaderOptions(
                hasDebug: true, hasFeedback: true, hasLogsAndMetrics: false, hasPerformance: true, hasReplay: false
            ),
            hostedProjectId: "9002"
        ),
        ClientKey(
            project: "web", label: "Store + API", publicKey: "e457aa0469cfd1d3aac1bb86d484cb65", hostedProjectId: "9002"
        ),
    ],
    filters: [
        InboundFilters(
            project: "api", browserExtensions: true, localhost: false, webCrawlers: true, filteredTransaction: false,
            legacyBrowsers: .subfilters(["edge_pre_79", "ie", "safari"]),
            blacklistedIps: ["10.0.0.1", "192.168.0.0/16", "2001:db8::/32"], releases: ["1.0.0-beta", "0.9.*"],
            errorMessages: [
                "TypeError: Cannot read property 'x' of undefined", "*ResizeObserver loop*",
                #"Error: "Quoted" MESSAGE"#,
            ],
            reactHydrationErrors: false, chunkLoadError: false
        ),
        InboundFilters(
            project: "customer-facing-checkout-experience-web-frontend-1", browserExtensions: false, localhost: false,
            webCrawlers: false, filteredTransaction: true, legacyBrowsers: .all(false), reactHydrationErrors: true,
            chunkLoadError: true
        ),
        InboundFilters(
            project: "internal-tools", browserExtensions: false, localhost: false, webCrawlers: true,
            filteredTransaction: true, legacyBrowsers: .all(false), reactHydrationErrors: true, chunkLoadError: true
        ),
        InboundFilters(
            project: "web", browserExtensions: false, localhost: true, webCrawlers: true, filteredTransaction: true,
            legacyBrowsers: .all(true), blacklistedIps: [], reactHydrationErrors: true, chunkLoadError: true
        ),
    ],
    ownership: [
        Ownership(
            project: "api",
            raw: """
                # Ownership for the API service.
                # Owners are e-mails or #team slugs.

                path:src/payments/* #backend olivia@acme.example
                path:"src/legacy code/**" #quoting
                url:*/checkout/* marek.manager@acme.example

                # Production alerts go to SRE
                tags.environment:production #platform-infrastructure-and-site-reliability-team1
                module:com.acme.billing ada@acme.example
                codeowners:/src/api/ #backend
                """,
            fallthrough: true, autoAssignment: .issueOwner, codeownersAutoSync: true
        ),
        Ownership(
            project: "customer-facing-checkout-experience-web-frontend-1", raw: "path:checkout/** #frontend",
            fallthrough: true, autoAssignment: .off, codeownersAutoSync: true
        ),
        Ownership(
            project: "web",
            raw: "url:https://acme.example/* #frontend\npath:src/web/** noname@acme.example zoe@acme.example",
            fallthrough: false, autoAssignment: .suspectCommits, codeownersAutoSync: false
        ),
    ],
    secrets: [
        KeySecret(publicKey: "0d9450bcac8ddfb87505d82f4d38492b", secretKey: "16d1f84a87b5e9502f015bf44d11854f"),
        KeySecret(publicKey: "74288d25c87387a5d7cf98ee2a678dce", secretKey: "299007bea97a6166c7986bf7a2b2f48d"),
        KeySecret(publicKey: "81040e1d1c5431ba3f753e28cd270ef6", secretKey: "02958ea641d0a0cc61bbbc6cf41c13a1"),
        KeySecret(publicKey: "90d60d76fca68f600752c0db8b51ad1b", secretKey: "72110342c9becb2ebc6720248cce8df4"),
        KeySecret(publicKey: "98c91239ef3353257ed6c4ec71440719", secretKey: "ef2b028af60269d833601b69d64e70c3"),
        KeySecret(publicKey: "a0fad22a66ac63fc5006c379ce3c72eb", secretKey: "8cc2b70e3e9ab811897e34eefb2d4a3f"),
        KeySecret(publicKey: "b83d7e41bfc423b5e7f2096c2035b30f", secretKey: "7ae47357bdb7134142c049fa632e0a88"),
        KeySecret(publicKey: "e457aa0469cfd1d3aac1bb86d484cb65", secretKey: "ced814f8e7e5c7e6526a7e829c9886b4"),
    ]
)

/// The seeded organization as `read` gives it on `fixture`: its flags (279) hold bit 256,
/// `disable_member_project_creation`, which targets that have the flag (24.7 and later; their
/// organization mapping has the column) read as the setting `allowMemberProjectCreation: false`.
func seededAcmeSnapshot(on fixture: SchemaFixture) -> Snapshot {
    var snapshot = seededAcmeSnapshot
    if fixture != .v23 { snapshot.organization.settings?["allowMemberProjectCreation"] = .bool(false) }
    return snapshot
}
