import Foundation
import SentryModel
import Testing

/// `--org` names the organization on sentry.io in every subcommand that has it; the self-hosted one
/// (which a mapping may have renamed) is `--target-org`. Checked in every subcommand's --help.
@Suite struct OrgOptionTests {
    static let subcommands = ["export", "read", "transform", "plan", "show", "apply", "finish", "status", "verify"]

    @Test func everyHelpNamesTheTwoOrganizationsApart() throws {
        for subcommand in Self.subcommands {
            let help = try SentryMigrateBinary.run([subcommand, "--help"])
            #expect(help.status == 0, "\(subcommand): \(help.stderr)")
            let text = help.stdout.replacingOccurrences(of: "\n ", with: " ")
            let hasOrg = text.range(of: #"--org <"#) != nil
            let hasTargetOrg = text.contains("--target-org <slug>")
            #expect(hasOrg == ["export", "verify"].contains(subcommand), "\(subcommand)")
            #expect(hasTargetOrg == ["read", "status"].contains(subcommand), "\(subcommand)")
            if hasOrg { #expect(text.contains("sentry.io"), "\(subcommand): --org must say it is sentry.io's") }
            if hasTargetOrg { #expect(text.contains("self-hosted organization"), "\(subcommand)") }
        }
    }

    @Test func orgWhereTheSelfHostedOneIsMeantIsAUsageErrorThatSaysSo() throws {
        for arguments in [
            ["status", "--database", "postgresql:///nowhere", "--org", "acme"],
            ["read", "--database", "postgresql:///nowhere", "--target-org", "acme", "--org", "acme", "--out", "x"],
        ] {
            let result = try SentryMigrateBinary.run(arguments)
            #expect(result.status == ExitStatus.usage.rawValue, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--org names an organization on sentry.io"), "\(result.stderr)")
            #expect(result.stderr.contains("--target-org acme"), "\(result.stderr)")
        }
    }
}
