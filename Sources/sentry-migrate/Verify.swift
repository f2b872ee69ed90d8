import ArgumentParser
import Foundation
import HostedAPI
import Planning
import SelfHosted
import SentryModel

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove after apply or cutover that the self-hosted database holds what the snapshot says.",
        discussion: """
            Reads the organization from the self-hosted database and compares it with the desired \
            snapshot, kind by kind: counts, entities missing on the target, extra on the target, and \
            differing field by field (secret keys are compared but never printed). Then checks what a \
            comparison cannot see: every client key's public key resolves to an active key of the right \
            project (so DSNs work), the mapping, replica and slug-reservation rows Sentry reads agree \
            with their primary rows, and no team membership or member points at a missing row. \
            Nothing is changed.

            With --org instead of --snapshot, the hosted organization is exported live first (token \
            as for export) and run through --mapping (the migration's mapping file; without it, the \
            export is compared as it is), so the check is against what sentry.io holds right now.

            Exit status: 0 when everything holds, 2 when something does not (the report says what), 65 \
            for a bad snapshot or an unsupported database, 69 when the database is unreachable.

            Example:
              sentry-migrate verify --snapshot desired --database postgresql://sentry_migrate_read@db/postgres
              SENTRY_AUTH_TOKEN=sntryu_… sentry-migrate verify --org acme \\
                  --mapping mappings/acme.yaml --database postgresql://sentry_migrate_read@db/postgres
            """
    )

    @Option(help: ArgumentHelp("Desired snapshot folder, with its secrets/ (as given to plan).", valueName: "dir"))
    var snapshot: String?

    @Option(
        help: ArgumentHelp(
            "Instead of --snapshot: export this sentry.io organization live first (the self-hosted one is the "
                + "mapping's).", valueName: "slug"))
    var org: String?

    @Option(help: ArgumentHelp("With --org: the mapping file to apply to the live export.", valueName: "file"))
    var mapping: String?

    @OptionGroup(title: "sentry.io (with --org)") var hosted: HostedOptions

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("What to print on standard output.", valueName: "text|markdown|json"))
    var format: PlanFormat = .text

    func validate() throws {
        guard (snapshot == nil) != (org == nil) else {
            throw ValidationError("give either --snapshot DIR or --org SLUG (live export), not both or neither")
        }
        if mapping != nil, org == nil { throw ValidationError("--mapping goes with --org") }
    }

    func run() async throws {
        let (desired, target, current) = try await desiredAndTarget()
        defer { keepUntilExit((desired, current)) }
        // The facts (the same plan uses, so both agree on who is still only invited) and the comparison
        // on this connection; meanwhile the owner check (the snapshot's rules and the target's, each
        // text parsed once), then the invariant checks on a second and a third connection (or after,
        // on this one).
        let beside = target.sibling()
        let invariants = { (database: TargetDatabase, owners: OwnerCheck?) in
            try database.checkInvariants(
                organization: desired.organization.slug, desired: desired, current: current, owners: owners,
                beside: database.sibling())
        }
        let (compared, (owners, besideViolations)) = try concurrently(
            {
                try VerificationReport(
                    desired: desired, current: current, facts: try target.readFacts(for: desired, current: current),
                    violations: [], target: target.connection.target.description, profile: target.profile.summary)
            },
            {
                let owners = current.map { OwnerCheck(desired: desired, target: $0) }
                return (owners, try beside.map { try invariants($0, owners) })
            })
        let violations = try besideViolations ?? invariants(target, owners)
        for owner in owners?.unresolved ?? desired.unresolvedOwners() {
            Terminal.note(
                "note: \(owner.description) is already unresolved on sentry.io: carried as written, not a violation")
        }
        var report = compared
        report.violations = violations
        target.warnings.forEach(Terminal.warning)
        switch format {
        case .text: print(VerificationText.render(report), terminator: "")
        case .markdown: print(VerificationText.render(report, markdown: true), terminator: "")
        case .json: print(String(decoding: try CanonicalJSON.bytes(of: report), as: UTF8.self))
        }
        if !report.holds { throw ExitCode(ExitStatus.differences.rawValue) }
    }

    /// The desired snapshot, the target, and the organization the target holds under its slug.
    private func desiredAndTarget() async throws -> (Snapshot, TargetDatabase, Snapshot?) {
        if let snapshot {
            return try BothSides.read(
                snapshot: snapshot, database: database,
                desired: {
                    try SnapshotReader.read(from: URL(fileURLWithPath: snapshot), requireSecrets: true).snapshot
                },
                organization: \.organization, target: { try $0.readOrganization(slug: $1.slug) })
        }
        let desired = try await liveSnapshot()
        let target = try database.connect()
        return (desired, target, try target.readOrganization(slug: desired.organization.slug))
    }

    /// The hosted organization as it is now, through the mapping.
    private func liveSnapshot() async throws -> Snapshot {
        let slug = org ?? ""
        let client = try hosted.client()
        let exported = try await Exporter(client: client, organization: slug) { _ in }.export()
        Terminal.note("exported '\(slug)' live from \(hosted.url) in \(client.requestsSent) requests")
        guard let mapping else { return exported }
        return try MappingRun.transform(exported, mappingPath: mapping, snapshotPath: "live export of \(slug)").snapshot
    }
}
