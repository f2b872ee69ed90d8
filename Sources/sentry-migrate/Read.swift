import ArgumentParser
import Foundation
import SelfHosted
import SentryModel

struct Read: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take a snapshot of an organization as a self-hosted Sentry database holds it now.",
        discussion: """
            Reads all seven kinds (organization, teams, members and pending invites, projects, client \
            keys, inbound filters, ownership rules) of one organization and writes them as a snapshot \
            folder, in the format `export` writes. Client-key secrets go to OUT/secrets/ (mode 0600). \
            Nothing in the database is changed.

            Example:
              sentry-migrate read --database postgresql://sentry_migrate_read@db/postgres --target-org acme \\
                  --out current

            --target-org names the organization in the self-hosted database; --org, in export and \
            verify, always names the one on sentry.io.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Slug of the self-hosted organization to read.", valueName: "slug"))
    var targetOrg: String

    @OptionGroup var misnamed: MisnamedOrgOption

    @Option(help: "Snapshot folder to write; replaced only if it already holds a snapshot.")
    var out: String

    func run() async throws {
        let target = try database.connect()
        guard let snapshot = try target.readOrganization(slug: targetOrg) else {
            throw OrganizationNotFoundError(slug: targetOrg, present: try target.organizationSlugs())
        }
        target.warnings.forEach(Terminal.warning)
        let manifest = try SnapshotWriter.write(
            snapshot, source: SnapshotSource(kind: .selfHosted, location: target.connection.target.description),
            exportedAt: Date(), to: URL(fileURLWithPath: out))
        Terminal.note("wrote \(out): \(manifest.counts.summary)")
    }
}
