import ArgumentParser
import Foundation
import HostedAPI
import SentryModel

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an organization's configuration from sentry.io into a snapshot folder.",
        discussion: """
            Reads all seven kinds (organization, teams, members and pending invites with their team \
            roles, projects, client keys, inbound filters, ownership rules) through sentry.io's REST API \
            and writes them as a snapshot folder. Client-key secrets go to OUT/secrets/ (mode 0600): \
            commit the folder without secrets/. Nothing on sentry.io is changed.

            The token needs the scopes org:read, team:read, member:read and project:read (a personal \
            token or an internal integration's token; organization tokens, sntrys_…, cannot read \
            members). Give it in SENTRY_AUTH_TOKEN or in a file (--auth-token-file); \
            --auth-token works too but warns, since other users of the machine can see command lines.

            The export uses the fewest requests the API allows (docs/export.md gives the formula), \
            runs several at once, waits out rate limits, and retries server errors and dropped \
            connections. Nothing is written unless the whole export succeeds.

            Example:
              SENTRY_AUTH_TOKEN=sntryu_… sentry-migrate export \\
                  --org acme --out snapshots/hosted

            Exit codes: 0 done; 64 bad flags, no token or unknown organization; 65 malformed \
            answer; 69 token invalid or lacking a scope, host unreachable; 75 retries exhausted or \
            the organization changed during the export (run it again).
            """
    )

    @Option(help: "sentry.io, or the organization's region (https://us.sentry.io, https://de.sentry.io).")
    var url: String = "https://sentry.io"

    @Option(help: "Slug of the organization to export.")
    var org: String

    @Option(help: "Snapshot folder to write; replaced only if it already holds a snapshot.")
    var out: String

    @Option(help: ArgumentHelp("File holding the API token (instead of SENTRY_AUTH_TOKEN).", valueName: "path"))
    var authTokenFile: String?

    @Option(help: "The API token itself (discouraged: other users can see command lines; prints a warning).")
    var authToken: String?

    @Option(help: "Requests in flight at once (default: from sentry.io's concurrency limit, at most 16).")
    var concurrency: Int?

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        guard URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) == true else {
            throw ValidationError("--url must start with https:// (or http:// for a local simulator), got '\(url)'")
        }
        if let concurrency, !(1...64).contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 64")
        }
    }

    func run() async throws {
        let token = try resolvedToken()
        guard let baseURL = URL(string: url) else { throw ValidationError("bad --url '\(url)'") }
        let client = HostedClient(
            configuration: HostedClientConfiguration(baseURL: baseURL, token: token, concurrency: concurrency))
        let display = ExportProgressDisplay(mode: quiet ? .quiet : (Terminal.isInteractive ? .live : .lines))
        let exporter = Exporter(client: client, organization: org) { display.update($0) }
        let manifest = try await exporter.export(to: URL(fileURLWithPath: out))
        display.finish()
        if !quiet {
            Terminal.note("wrote \(out) in \(client.requestsSent) requests: \(manifest.counts.summary)")
        }
    }

    /// The token, from the file, the environment or (with a warning) the command line.
    func resolvedToken() throws -> String {
        if let authTokenFile {
            guard let text = try? String(contentsOfFile: authTokenFile, encoding: .utf8) else {
                throw TokenError("cannot read --auth-token-file \(authTokenFile): check the path and its permissions")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw TokenError("--auth-token-file \(authTokenFile) is empty") }
            return token
        }
        if let token = ProcessInfo.processInfo.environment["SENTRY_AUTH_TOKEN"], !token.isEmpty { return token }
        if let authToken, !authToken.isEmpty {
            Terminal.warning(
                "--auth-token puts the token where other users of this machine can see it (ps, shell history); "
                    + "prefer SENTRY_AUTH_TOKEN or --auth-token-file")
            return authToken
        }
        throw TokenError(
            "no API token: set SENTRY_AUTH_TOKEN or pass --auth-token-file (a token with org:read, team:read, "
                + "member:read, project:read)")
    }
}

struct TokenError: ReportableError {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
    var exitStatus: ExitStatus { .usage }
}
