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

    @OptionGroup(title: "sentry.io") var hosted: HostedOptions

    @Option(help: "Slug of the organization to export.")
    var org: String

    @Option(help: "Snapshot folder to write; replaced only if it already holds a snapshot.")
    var out: String

    @Flag(help: "Print no progress.")
    var quiet = false

    func run() async throws {
        let client = try hosted.client()
        let display = ExportProgressDisplay(mode: quiet ? .quiet : (Terminal.isInteractive ? .live : .lines))
        let exporter = Exporter(client: client, organization: org) { display.update($0) }
        let (manifest, report) = try await exporter.export(to: URL(fileURLWithPath: out))
        display.finish()
        // Printed even with --quiet: what the snapshot leaves out must not go unseen.
        for member in report.leftOutMembers {
            Terminal.warning("member \(member.hostedId) (\(member.name)) left out: \(member.reason)")
        }
        if !report.keysWithoutSecret.isEmpty {
            Terminal.note(
                "\(report.keysWithoutSecret.count) client key(s) have no secret on sentry.io and are carried without "
                    + "one: \(report.keysWithoutSecret.joined(separator: ", "))")
        }
        if !quiet {
            Terminal.note("wrote \(out) in \(client.requestsSent) requests: \(manifest.counts.summary)")
        }
    }

    /// The token, from the file, the environment or (with a warning) the command line.
}
