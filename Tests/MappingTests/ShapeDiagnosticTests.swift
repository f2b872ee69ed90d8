import SentryModel
import Testing

@testable import Mapping

/// Problems found from the file alone: unknown keys, wrong types, bad values. Each is checked
/// with its exact text and position.
@Suite struct ShapeDiagnosticTests {
    @Test func unknownTopLevelKeySuggestsTheRightOne() {
        #expect(
            problems("version: 1\nteam:\n  rename: {}\n") == [
                """
                m.yaml:2:1: error: unknown key 'team' at the top level (did you mean 'teams'?)
                  next: a mapping file accepts: version, organization, teams, projects, members, keys, filters, ownership, settings, waves, alerts, environments
                """
            ])
    }

    @Test func unknownNestedKey() {
        #expect(
            messages("version: 1\nteams:\n  renmae:\n    payments: billing\n")
                == ["m.yaml:3:3: error: unknown key 'renmae' in teams (did you mean 'rename'?)"])
    }

    @Test func unknownKeyWithoutCloseMatchHasNoSuggestion() {
        #expect(
            messages("version: 1\nkeys:\n  everything: true\n") == [
                "m.yaml:3:3: error: unknown key 'everything' in keys"
            ])
    }

    @Test func listExpected() {
        #expect(
            problems("version: 1\nteams:\n  exclude: legacy-ops\n") == [
                """
                m.yaml:3:12: error: teams.exclude must be a list, found 'legacy-ops'
                  next: a list of team slugs or patterns, like ['sandbox-*', legacy]
                """
            ])
    }

    @Test func mappingExpected() {
        #expect(
            messages("version: 1\nteams:\n  rename: [payments, billing]\n")
                == ["m.yaml:3:11: error: teams.rename must be a mapping, found a list"])
    }

    @Test func wholeFileMustBeAMapping() {
        #expect(messages("- version\n") == ["m.yaml:1:1: error: a mapping file must be a mapping, found a list"])
    }

    @Test func onlyPlainTrueAndFalseAreBooleans() {
        #expect(
            messages("version: 1\nkeys:\n  preserve: yes\n  preserveProjectIds: \"true\"\n") == [
                "m.yaml:3:13: error: keys.preserve must be true or false, found 'yes'",
                "m.yaml:4:23: error: keys.preserveProjectIds must be true or false, found 'true'",
            ])
    }

    @Test func choiceSuggestsTheClosestWord() {
        #expect(
            messages("version: 1\nmembers:\n  pendingInvites: promot\n")
                == [
                    "m.yaml:3:19: error: members.pendingInvites must be one of keep, exclude, promote, found 'promot' (did you mean 'promote'?)"
                ])
    }

    @Test func missingValueIsNotAString() {
        #expect(
            messages("version: 1\norganization:\n  slug:\n") == [
                "m.yaml:3:8: error: organization.slug must be a string, found nothing"
            ])
    }

    @Test func versionIsRequiredAndMustBeOne() {
        #expect(
            problems("teams: {}\n") == [
                "m.yaml:1:1: error: the mapping file has no 'version'\n  next: add 'version: 1' as its first line"
            ])
        #expect(messages("version: 2\n") == ["m.yaml:1:10: error: unsupported mapping version '2'"])
    }

    @Test func emptyFile() {
        #expect(
            problems("# nothing yet\n") == [
                "m.yaml:1:1: error: the mapping file is empty\n  next: start it with 'version: 1'"
            ])
    }

    @Test func renameMustRenameSomething() {
        #expect(
            messages("version: 1\nteams:\n  rename:\n    payments: {}\n")
                == ["m.yaml:4:15: error: teams.rename.payments renames nothing"])
        #expect(
            messages("version: 1\nteams:\n  rename:\n    payments: {slug: billing, title: Billing}\n")
                == ["m.yaml:4:31: error: unknown key 'title' in teams.rename.payments"])
    }

    @Test func mergeNeedsAFromList() {
        #expect(
            messages("version: 1\nteams:\n  merge:\n    platform: {name: Platform}\n  exclude: []\n")
                == ["m.yaml:4:5: error: teams.merge.platform has no 'from' list"])
        #expect(
            messages("version: 1\nteams:\n  merge:\n    platform: {from: []}\n")
                == ["m.yaml:4:22: error: teams.merge.platform.from is empty"])
    }

    @Test func platformMustLookLikeAPlatform() {
        #expect(
            messages("version: 1\nprojects:\n  platform:\n    api: Python 3\n")
                == [
                    "m.yaml:4:10: error: platform 'Python 3' in projects.platform.api is not a platform identifier (like 'python' or 'javascript-react')"
                ])
    }

    @Test func rateLimitsNeedPositiveCountAndWindow() {
        let yaml = """
            version: 1
            keys:
              rateLimits:
                projects:
                  api: {count: 0, window: 60}
                  web: {count: 10}
                  checkout: lots
            """
        #expect(
            messages(yaml) == [
                "m.yaml:5:20: error: keys.rateLimits.projects.api.count must be a whole number above 0, found '0'",
                "m.yaml:6:12: error: keys.rateLimits.projects.web has no 'window'",
                "m.yaml:7:17: error: keys.rateLimits.projects.checkout must be a rate limit or 'none', found 'lots'",
            ])
    }

    @Test func filterValuesAreChecked() {
        let yaml = """
            version: 1
            filters:
              all:
                legacyBrowsers: [ie, safary]
                blacklistedIps: ["10.0.0.300", "10.0.0.0/8", "2001:db8::/129"]
                webCrawlers: 1
                webCrawler: true
            """
        #expect(
            messages(yaml) == [
                "m.yaml:4:26: error: unknown legacy-browser filter 'safary' in filters.all.legacyBrowsers (did you mean 'safari'?)",
                "m.yaml:5:22: error: '10.0.0.300' in filters.all.blacklistedIps is not an IP address or network",
                "m.yaml:5:50: error: '2001:db8::/129' in filters.all.blacklistedIps is not an IP address or network",
                "m.yaml:6:18: error: filters.all.webCrawlers must be true or false, found '1'",
                "m.yaml:7:5: error: unknown key 'webCrawler' in filters.all (did you mean 'webCrawlers'?)",
            ])
    }

    @Test func waveNamesMustWorkOnTheCommandLine() {
        #expect(
            messages("version: 1\nwaves:\n  \"wave 1\": {teams: [backend]}\n")
                == ["m.yaml:3:3: error: wave name 'wave 1' is not usable on the command line"])
    }

    @Test func everyProblemIsReportedAtOnceInFileOrder() throws {
        let yaml = """
            version: 1
            teams:
              rename:
                paymnts: billing
              exclude: legacy-ops
            members:
              identity:
                default: linked
            ownership:
              unknownOwner: drop
            """
        let error = try #require(throws: MappingError.self) {
            try Transformer.transform(mappingText: yaml, mappingPath: "m.yaml", snapshot: SampleOrganization.compatible)
        }
        #expect(error.exitStatus == .dataError)
        #expect(error.diagnostics.map(\.location?.position?.line) == [4, 5, 8, 10])
        #expect(
            error.description.hasSuffix(
                """
                m.yaml:10:3: error: unknown key 'unknownOwner' in ownership (did you mean 'unknownOwners'?)
                  next: ownership accepts: rewrite, unknownOwners
                4 errors in m.yaml; nothing was written.
                """))
        #expect(
            error.description.hasPrefix(
                "m.yaml:4:5: error: team 'paymnts' in teams.rename is not in the snapshot (did you mean 'payments'?)"))
    }

    @Test func strictParseThrowsOnShapeErrors() {
        #expect(throws: MappingError.self) { try MappingFile.parse(yaml: "version: 1\nextra: 1\n", path: "m.yaml") }
        #expect(throws: Never.self) { try MappingFile.parse(yaml: "version: 1\n", path: "m.yaml") }
    }
}
