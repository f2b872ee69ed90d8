import ArgumentParser
import Foundation
import HostedAPI
import SentryModel

/// How to reach sentry.io and authenticate; shared by export and verify's live mode.
struct HostedOptions: ParsableArguments {
    @Option(help: "sentry.io, or the organization's region (https://us.sentry.io, https://de.sentry.io).")
    var url: String = "https://sentry.io"

    @Option(help: ArgumentHelp("File holding the API token (instead of SENTRY_AUTH_TOKEN).", valueName: "path"))
    var authTokenFile: String?

    @Option(help: "The API token itself (discouraged: other users can see command lines; prints a warning).")
    var authToken: String?

    @Option(help: "Requests in flight at once (default: from sentry.io's concurrency limit, at most 16).")
    var concurrency: Int?

    func validate() throws {
        let parsed = URL(string: url)
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(parsed?.host?.lowercased() ?? "")
        // The token travels in every request: never in clear text beyond this machine.
        guard parsed?.scheme == "https" || (parsed?.scheme == "http" && loopback) else {
            throw ValidationError(
                "--url must start with https:// (http:// only for a simulator on this machine), got '\(url)'")
        }
        if let concurrency, !(1...64).contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 64")
        }
    }

    func client() throws -> HostedClient {
        let token = try resolvedToken()
        guard let baseURL = URL(string: url) else { throw ValidationError("bad --url '\(url)'") }
        return HostedClient(
            configuration: HostedClientConfiguration(baseURL: baseURL, token: token, concurrency: concurrency))
    }

    /// An explicit flag wins over the environment, and a flag ignoring a set variable says so.
    func resolvedToken() throws -> String {
        let environment = ProcessInfo.processInfo.environment["SENTRY_AUTH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if authTokenFile != nil, authToken != nil {
            throw TokenError("give either --auth-token-file or --auth-token, not both")
        }
        if let authTokenFile {
            guard let text = try? String(contentsOfFile: authTokenFile, encoding: .utf8) else {
                throw TokenError("cannot read --auth-token-file \(authTokenFile): check the path and its permissions")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw TokenError("--auth-token-file \(authTokenFile) is empty") }
            if environment != nil { Terminal.note("using the token in \(authTokenFile), not SENTRY_AUTH_TOKEN") }
            return token
        }
        if let authToken, !authToken.isEmpty {
            Terminal.warning(
                "--auth-token puts the token where other users of this machine can see it (ps, shell history); "
                    + "prefer SENTRY_AUTH_TOKEN or --auth-token-file")
            if environment != nil { Terminal.note("using --auth-token, not SENTRY_AUTH_TOKEN") }
            return authToken
        }
        if let environment { return environment }
        throw TokenError(
            "no API token: set SENTRY_AUTH_TOKEN or pass --auth-token-file (an internal integration's token, or "
                + "an Owner's or Manager's personal token with org:read, team:read, member:read, project:read)")
    }
}

struct TokenError: ReportableError {
    var message: String
    init(_ message: String) { self.message = message }
    var diagnostics: [Diagnostic] { [Diagnostic(message)] }
    var exitStatus: ExitStatus { .usage }
}
