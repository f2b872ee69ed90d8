import ArgumentParser
import Foundation
import Hummingbird
import SentryModel
import SentrySimulator

/// Runs the sentry.io simulator from the command line.
@main
struct SentrySim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentry-sim",
        abstract: "Serve a fake sentry.io REST API over one organization, for tests, demos and benchmarks.",
        discussion: """
            Serves the read endpoints `sentry-migrate export` uses (/api/0/, organization, teams, \
            members with pending invites, the caller's own membership, team members, projects, project \
            details, client keys, inbound filters, ownership) as sentry.io does: three token kinds \
            (internal integration, personal token of a member, organization auth token) with Sentry's \
            permission checks (scopes, org roles, Open Membership and team-based project access), bare \
            JSON arrays, Link headers with Sentry's cursors, per_page at most 100, rate limits shared per \
            caller except the members and keys lists, the X-Sentry-Rate-Limit-* headers and 429s, and \
            Sentry's 401/403/404 bodies. It can add latency and inject faults at given rates. \
            docs/export.md lists the Sentry source each behaviour follows.

            The organization comes from a snapshot folder (--snapshot, e.g. one `export` or `read` \
            wrote) or is generated (--generate, the same spec always gives the same organization).

            Examples:
              sentry-sim --generate teams=50,projects=200,members=1000,seed=7 --token demo
              SENTRY_AUTH_TOKEN=demo sentry-migrate export \\
                  --url http://127.0.0.1:8000 --org acme --out /tmp/acme
              sentry-sim --snapshot snapshots/hosted --token demo \\
                  --fault-5xx 0.1 --fault-429 0.05 --latency-ms 40
              sentry-sim --snapshot snapshots/hosted --user-token t1=dana@acme.com \\
                  --org-token sntrys_ci

            It prints the address it listens on to stderr and runs until interrupted (Ctrl-C).
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port = 8000

    @Option(help: ArgumentHelp("Serve the organization in this snapshot folder.", valueName: "folder"))
    var snapshot: String?

    @Option(
        help: ArgumentHelp(
            "Serve a generated organization: teams=N,projects=N,members=N,seed=N (also pending-every=N, keys=N, slug=S).",
            valueName: "spec"))
    var generate: String?

    @Option(
        help: ArgumentHelp(
            "An internal integration's token the simulator accepts, optionally with scopes: TOKEN or "
                + "TOKEN=org:read+member:read. Without scopes it gets org:read, team:read, member:read, "
                + "project:read. Repeatable.",
            valueName: "token"))
    var token: [String] = []

    @Option(
        help: ArgumentHelp(
            "A personal token of a member of the organization: TOKEN=EMAIL, optionally TOKEN=EMAIL=SCOPES "
                + "(scopes joined with +). It reads what the member's role allows. Repeatable.",
            valueName: "token=email"))
    var userToken: [String] = []

    @Option(
        help: ArgumentHelp(
            "An organization auth token (scope org:ci only), e.g. sntrys_…. Repeatable.", valueName: "token"))
    var orgToken: [String] = []

    @Option(
        help: ArgumentHelp(
            "A member whose user account has no e-mail (answered as null). Repeatable.", valueName: "email"))
    var memberWithoutEmail: [String] = []

    @Option(
        help: ArgumentHelp(
            "Serve member OLD with e-mail NEW, unchecked (snapshots refuse it): e.g. one that differs from another "
                + "member's only by case, as sentry.io allows. Repeatable.", valueName: "old=new"))
    var memberEmail: [String] = []

    @Option(help: ArgumentHelp("A client key whose secret is null. Repeatable.", valueName: "public-key"))
    var keyWithoutSecret: [String] = []

    @Option(
        help: ArgumentHelp("An invite request (not approved, so no list shows it). Repeatable.", valueName: "email"))
    var inviteRequest: [String] = []

    @Option(
        help: ArgumentHelp(
            "After N requests, create a team new-team (every member joins it) and a project new-project in it.",
            valueName: "n"))
    var changeAfterRequests: Int?

    @Option(
        help: ArgumentHelp(
            "An endpoint (teams, members, projects, keys, team-members) whose lists never end: empty pages that "
                + "always promise more. Repeatable.", valueName: "endpoint"))
    var endless: [String] = []

    @Option(
        help: ArgumentHelp(
            "How many rows a list sentry-migrate does not carry holds: LIST=N with LIST one of integrations, "
                + "combined-rules (its uptime monitors, beside the organization's alert rules), dashboards, monitors, "
                + "code-mappings, searches. Repeatable.", valueName: "list=n"))
    var notCarried: [String] = []

    @Option(help: "Milliseconds added to every answer.")
    var latencyMs = 0

    @Option(
        help: "Requests per caller and method per window, shared by every endpoint but the members and keys lists.")
    var rateLimit = 470

    @Option(help: "Requests per window for the members and keys endpoints (sentry.io: 40).")
    var rateLimitMembersKeys = 40

    @Option(help: "Window length in seconds.")
    var rateWindow = 1

    @Option(help: "Requests in flight per caller before 429.")
    var concurrencyLimit = 25

    @Option(name: .customLong("fault-5xx"), help: "Share of answers replaced by 500/502/503.")
    var fault5xx = 0.0

    @Option(name: .customLong("fault-429"), help: "Share of answers replaced by a 429.")
    var fault429 = 0.0

    @Option(help: "Share of connections dropped before the body.")
    var faultReset = 0.0

    @Option(help: "Share of bodies cut in half (the connection then drops).")
    var faultTruncate = 0.0

    @Option(help: "Share of answers held back for --stall-seconds.")
    var faultStall = 0.0

    @Option(help: "How long a stalled answer waits.")
    var stallSeconds = 30

    @Option(help: "Seed of the fault dice.")
    var faultSeed: UInt64 = 1

    func validate() throws {
        guard (snapshot == nil) != (generate == nil) else {
            throw ValidationError("give exactly one of --snapshot FOLDER or --generate SPEC")
        }
        for rate in [fault5xx, fault429, faultReset, faultTruncate, faultStall] where !(0...1).contains(rate) {
            throw ValidationError("fault rates are shares between 0 and 1, got \(rate)")
        }
        guard !(token.isEmpty && userToken.isEmpty && orgToken.isEmpty) else {
            throw ValidationError(
                "give at least one --token, --user-token or --org-token (the value clients send as "
                    + "'Authorization: Bearer …')")
        }
        for entry in userToken where entry.split(separator: "=", omittingEmptySubsequences: false).count < 2 {
            throw ValidationError("--user-token takes TOKEN=EMAIL or TOKEN=EMAIL=SCOPES, got '\(entry)'")
        }
    }

    func run() async throws {
        var org: Snapshot
        if let snapshot {
            org = try SnapshotReader.read(from: URL(fileURLWithPath: snapshot), requireSecrets: false).snapshot
        } else {
            switch GeneratorSpec.parse(generate ?? "") {
            case .success(let spec): org = OrgGenerator.generate(spec)
            case .failure(let error): throw ValidationError(error.description)
            }
        }
        for entry in memberEmail {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let index = org.members.firstIndex(where: { $0.email == parts[0] }) else {
                throw ValidationError("--member-email takes OLD=NEW with OLD a member's e-mail, got '\(entry)'")
            }
            org.members[index].email = parts[1]
        }
        var tokens: [String: SimulatedToken] = [:]
        for entry in token {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            tokens[parts[0]] = .integration(
                parts.count == 2
                    ? Set(parts[1].split(separator: "+").map(String.init)) : SimulatorConfiguration.exportScopes)
        }
        for entry in userToken {
            let parts = entry.split(separator: "=", maxSplits: 2).map(String.init)
            tokens[parts[0]] = .user(
                parts[1], scopes: parts.count == 3 ? Set(parts[2].split(separator: "+").map(String.init)) : nil)
        }
        for entry in orgToken { tokens[entry] = .organizationAuth }
        var configuration = SimulatorConfiguration(
            tokens: tokens, latency: .milliseconds(latencyMs),
            rateLimit: RateLimitSettings(
                limit: rateLimit, windowSeconds: rateWindow,
                overrides: ["members": rateLimitMembersKeys, "keys": rateLimitMembersKeys],
                concurrentLimit: concurrencyLimit),
            faults: FaultRates(
                serverError: fault5xx, rateLimited: fault429, reset: faultReset, truncated: faultTruncate,
                stall: faultStall, stallDuration: .seconds(stallSeconds)),
            faultSeed: faultSeed)
        configuration.membersWithoutEmail = Set(memberWithoutEmail.map { $0.lowercased() })
        configuration.keysWithoutSecret = Set(keyWithoutSecret)
        configuration.inviteRequests = inviteRequest
        configuration.changeAfterRequests = changeAfterRequests
        configuration.endlessEndpoints = Set(endless)
        for entry in notCarried {
            let parts = entry.split(separator: "=").map(String.init)
            guard parts.count == 2, let rows = Int(parts[1]), rows >= 0 else {
                throw ValidationError("--not-carried takes LIST=N, e.g. dashboards=12, got '\(entry)'")
            }
            configuration.notCarried[parts[0]] = rows
        }
        let simulator = Simulator(org: SimulatedOrg(snapshot: org), configuration: configuration)
        let slug = org.organization.slug
        let app = simulator.buildApplication(host: host, port: port) { port in
            let line = "sentry-sim: serving organization '\(slug)' on http://\(host):\(port)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        try await app.runService()
    }
}
