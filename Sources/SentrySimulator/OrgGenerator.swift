import SentryModel

/// What `--generate teams=…,projects=…,members=…,seed=…` asks for.
public struct GeneratorSpec: Sendable, Hashable {
    public var teams: Int
    public var projects: Int
    public var members: Int
    /// Every `pendingEvery`-th member is a pending invite (0: none).
    public var pendingEvery: Int
    /// Client keys per project cycle through 1…`maxKeysPerProject`.
    public var maxKeysPerProject: Int
    public var seed: UInt64
    public var slug: String

    public init(
        teams: Int = 5, projects: Int = 10, members: Int = 20, pendingEvery: Int = 10, maxKeysPerProject: Int = 3,
        seed: UInt64 = 1, slug: String = "acme"
    ) {
        self.teams = teams
        self.projects = projects
        self.members = members
        self.pendingEvery = pendingEvery
        self.maxKeysPerProject = maxKeysPerProject
        self.seed = seed
        self.slug = slug
    }

    /// Parses `teams=5,projects=10,members=20,seed=7` (any subset, any order; also `pending-every`,
    /// `keys`, `slug`). Returns nil with the offending part on error.
    public static func parse(_ text: String) -> Result<GeneratorSpec, GeneratorSpecError> {
        var spec = GeneratorSpec()
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2 else { return .failure(GeneratorSpecError(part: String(part))) }
            let (name, value) = (pieces[0], pieces[1])
            if name == "slug" {
                spec.slug = value
                continue
            }
            guard let number = UInt64(value), number <= 10_000_000 else {
                return .failure(GeneratorSpecError(part: String(part)))
            }
            switch name {
            case "teams": spec.teams = Int(number)
            case "projects": spec.projects = Int(number)
            case "members": spec.members = Int(number)
            case "pending-every": spec.pendingEvery = Int(number)
            case "keys": spec.maxKeysPerProject = Int(number)
            case "seed": spec.seed = number
            default: return .failure(GeneratorSpecError(part: String(part)))
            }
        }
        return .success(spec)
    }
}

public struct GeneratorSpecError: Error, CustomStringConvertible, Sendable {
    public var part: String
    public var description: String {
        "bad --generate part '\(part)': expected name=number with name one of teams, projects, members, "
            + "pending-every, keys, seed (or slug=text), e.g. teams=5,projects=10,members=20,seed=7"
    }
}

/// Builds a realistic organization from a spec; the same spec always gives the same snapshot.
public enum OrgGenerator {
    static let platforms = ["javascript-react", "python-django", "node", "go", "java-spring-boot", "ruby-rails", nil]
    static let legacySubfilters = ["ie", "safari", "opera", "android", "edge"]

    public static func generate(_ spec: GeneratorSpec) -> Snapshot {
        var random = SplitMix64(seed: spec.seed)
        let organization = Organization(
            slug: spec.slug, name: spec.slug.capitalized + " Corp", openMembership: random.next() % 2 == 0,
            hostedId: String(4_500_000 + Int(spec.seed % 1000)))
        let teams = (0..<spec.teams).map { index in
            Team(slug: "team-\(index + 1)", name: "Team \(index + 1)", hostedId: String(10_000 + index))
        }
        let roles = ["member", "member", "member", "admin", "manager", "owner", "billing"]
        let members = (0..<spec.members).map { index -> Member in
            let pending = spec.pendingEvery > 0 && index % spec.pendingEvery == spec.pendingEvery - 1
            var memberships: [TeamMembership] = []
            if !teams.isEmpty {
                let count = Int(random.next() % 3)
                for offset in 0..<count {
                    let team = teams[(index + offset * 7) % teams.count].slug
                    guard !memberships.contains(where: { $0.slug == team }) else { continue }
                    let role: String? = random.next() % 5 == 0 ? "admin" : nil
                    memberships.append(TeamMembership(slug: team, role: role))
                }
            }
            let email = "user\(index + 1)@example.com"
            return Member(
                email: email, name: pending ? email : "User \(index + 1)", role: roles[Int(random.next() % 7)],
                pending: pending, teams: memberships.sorted { $0.slug < $1.slug }, hostedId: String(200_000 + index))
        }
        var projects: [Project] = []
        var keys: [ClientKey] = []
        var secrets: [KeySecret] = []
        var filters: [InboundFilters] = []
        var ownership: [Ownership] = []
        for index in 0..<spec.projects {
            let slug = "project-\(index + 1)"
            let projectTeams = teams.isEmpty ? [] : [teams[index % teams.count].slug]
            let hostedId = String(3_000_000 + index)
            projects.append(
                Project(
                    slug: slug, name: "Project \(index + 1)", platform: platforms[index % platforms.count],
                    teams: projectTeams, hostedId: hostedId))
            let keyCount = spec.maxKeysPerProject == 0 ? 0 : 1 + index % spec.maxKeysPerProject
            for keyIndex in 0..<keyCount {
                let publicKey = Hex.derived(from: "public:\(spec.seed):\(slug):\(keyIndex)")
                keys.append(
                    ClientKey(
                        project: slug, label: keyIndex == 0 ? "Default" : "Key \(keyIndex + 1)", publicKey: publicKey,
                        active: keyIndex != 2, rateLimit: keyIndex == 1 ? RateLimit(count: 1000, window: 60) : nil,
                        browserSdkVersion: "7.x", loaderOptions: LoaderOptions(hasPerformance: true, hasReplay: true),
                        hostedProjectId: hostedId))
                secrets.append(
                    KeySecret(publicKey: publicKey, secretKey: Hex.derived(from: "secret:\(spec.seed):\(publicKey)")))
            }
            var filter = InboundFilters(project: slug)
            filter.browserExtensions = random.next() % 2 == 0
            filter.webCrawlers = random.next() % 2 == 0
            filter.localhost = random.next() % 4 == 0
            if index % 3 == 1 {
                filter.legacyBrowsers = .subfilters(Array(legacySubfilters.prefix(1 + index % 4)).sorted())
            } else {
                filter.legacyBrowsers = .all(index % 3 == 2)
            }
            if index % 4 == 0 { filter.blacklistedIps = ["10.0.0.\(index % 250)", "192.168.1.0/24"] }
            if index % 5 == 0 { filter.releases = ["1.0.\(index)-beta"] }
            if index % 6 == 0 { filter.errorMessages = ["TypeError: Failed to fetch", "ResizeObserver loop *"] }
            filter.chunkLoadError = index % 7 != 3
            filters.append(filter)
            if index % 2 == 0, let team = projectTeams.first {
                let owner = members.first { !$0.pending }?.email ?? "owner@example.com"
                let raw =
                    "# owners\npath:src/** #\(team)\nurl:\"https://example.com/a b\" \(owner)\ntags.level:error #\(team)"
                ownership.append(
                    Ownership(
                        project: slug, raw: raw, fallthrough: index % 4 == 0,
                        autoAssignment: AutoAssignment.allCases[index % 3], codeownersAutoSync: index % 3 != 0))
            }
        }
        return Snapshot(
            organization: organization, teams: teams, members: members, projects: projects, keys: keys,
            filters: filters, ownership: ownership, secrets: secrets
        ).canonicalized()
    }
}
