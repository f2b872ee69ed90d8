import ArgumentParser
import Foundation
import HostedAPI
import SentryModel

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an organization's configuration from sentry.io into a snapshot folder.",
        discussion: """
            Reads all seven kinds (organization, teams, members and pending invites with their team \
            roles, projects, client keys, inbound filters, ownership rules), with settings, environments, \
            issue alert rules (active and disabled) and metric alerts, through sentry.io's REST API \
            and writes them as a snapshot folder. Client-key secrets go to OUT/secrets/ (mode 0600): \
            commit the folder without secrets/. Nothing on sentry.io is changed.

            Use an internal integration's token (Read on Organization, Team, Member and Project: it \
            reaches every project), or the personal token (org:read, team:read, member:read, \
            project:read) of an Owner or Manager. A Member's or Admin's token reaches only its own \
            teams' projects unless Open Membership is on; organization auth tokens (sntrys_…) carry \
            only org:ci and cannot export. The export checks this first (GET /api/0/ and the caller's \
            membership) and stops, saying which role or setting is missing, before the long part. Give \
            the token in SENTRY_AUTH_TOKEN or in a file (--auth-token-file); --auth-token works too \
            but warns, since other users of the machine can see command lines.

            A member whose user has no e-mail cannot be keyed: it is left out and named (a warning, \
            even with --quiet). A client key whose secret is null is carried without one.

            The export uses the fewest requests the API allows (docs/export.md gives the formula), \
            runs several at once, waits out rate limits, and retries server errors and dropped \
            connections. Nothing is written unless the whole export succeeds.

            Example:
              SENTRY_AUTH_TOKEN=sntryu_… sentry-migrate export \\
                  --org acme --out snapshots/hosted

            Exit codes: 0 done; 64 bad flags, no token or unknown organization; 65 malformed \
            answer, a list that never ends, or two members whose e-mails differ only by case; 69 \
            token invalid, of the wrong kind or lacking a scope, role or setting, host unreachable; \
            75 retries exhausted or the organization changed during the export (run it again).
            """
    )

    @OptionGroup(title: "sentry.io") var hosted: HostedOptions

    @Option(
        help: ArgumentHelp(
            "Slug of the organization on sentry.io to export (--org always names the sentry.io one).",
            valueName: "slug"))
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
        for node in report.leftOutRuleNodes {
            Terminal.warning("alert rule \(node.rule) (id \(node.hostedId)): a node left out: \(node.reason)")
        }
        if !report.madeUpRuleIds.isEmpty {
            Terminal.note(
                "\(report.madeUpRuleIds.count) alert rule(s) exist only in sentry.io's new alert model (ids it made up, "
                    + "≥ 10^10): \(report.madeUpRuleIds.joined(separator: ", ")); they are carried like the others")
        }
        if !report.keysWithoutSecret.isEmpty {
            Terminal.note(
                "\(report.keysWithoutSecret.count) client key(s) have no secret on sentry.io and are carried without "
                    + "one: \(report.keysWithoutSecret.joined(separator: ", "))")
        }
        if !quiet {
            let counted = report.notCarried.compactMap { item in item.count.map { "\($0) \(item.kind.name)" } }
            Terminal.note("on sentry.io but not carried (redo by hand): " + counted.joined(separator: ", "))
            for item in report.notCarried where item.count == nil {
                Terminal.note("could not count \(item.kind.name): \(item.problem ?? "")")
            }
            Terminal.note("wrote \(out) in \(client.requestsSent) requests: \(manifest.counts.summary)")
        }
    }

    /// The token, from the file, the environment or (with a warning) the command line.
}
