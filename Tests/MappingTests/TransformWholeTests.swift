import Foundation
import SentryModel
import Testing

@testable import Mapping

/// Properties of the transform as a whole: explanations, determinism, the identity mapping and
/// the shipped mapping files.
@Suite struct TransformWholeTests {
    @Test func explainNamesTheRuleBehindEveryChange() throws {
        let yaml = """
            version: 1
            teams:
              rename: {mobile: apps}
              exclude: [legacy-ops]
            members:
              roles: {billing: member}
            ownership:
              unknownOwners: drop
            """
        let explanations = try transformed(yaml, SampleOrganization.snapshot).explanations.map(\.description)
        #expect(
            explanations == [
                "m.yaml:4:13: teams.exclude: team 'legacy-ops': excluded",
                "m.yaml:3:20: teams.rename: team 'mobile': slug → 'apps'",
                "m.yaml:3:20: teams.rename: member 'carol@acme.io': team 'mobile' → 'apps'",
                "m.yaml:4:13: teams.exclude: member 'dave@acme.io': leaves team 'legacy-ops' (excluded)",
                "m.yaml:6:20: members.roles: member 'erin@acme.io': role 'billing' → 'member'",
                "m.yaml:4:13: teams.exclude: member 'frank@contractor.example': leaves team 'legacy-ops' (excluded)",
                "m.yaml:3:20: teams.rename: member 'grace@acme.io': team 'mobile' → 'apps'",
                "m.yaml:3:20: teams.rename: project 'android': team 'mobile' → 'apps'",
                "m.yaml:3:20: teams.rename: project 'ios': team 'mobile' → 'apps'",
                "m.yaml:4:13: teams.exclude: project 'ops-scripts': loses team 'legacy-ops' (excluded)",
                "m.yaml:8:18: ownership.unknownOwners: ownership rules of project 'api': owner '#legacy-ops' at 5:65 removed: team 'legacy-ops' is excluded by teams.exclude (4:13)",
            ])
    }

    @Test func explainCoversProjectsKeysAndFilters() throws {
        let yaml = """
            version: 1
            organization: {name: Acme SH}
            projects:
              rename: {web: site}
              platform: {ops-scripts: python}
            keys:
              inactive: activate
              rateLimits: {keys: {000000000000000000000000000000a1: {count: 5, window: 10}}}
            filters:
              projects: {web: {localhost: true}}
            members:
              email: {dave@acme.io: david@acme.io}
              identity: {members: {ivan@acme.io: create}}
            """
        let explanations = try transformed(yaml).explanations.map(\.description)
        #expect(
            explanations == [
                "m.yaml:2:22: organization.name: organization 'acme': name → 'Acme SH'",
                "m.yaml:12:25: members.email: member 'dave@acme.io': e-mail → 'david@acme.io' (and the name, which was the e-mail)",
                "m.yaml:13:3: members.identity: member 'grace@acme.io': identity: invite (a pending invite stays one)",
                "m.yaml:13:3: members.identity: member 'heidi@acme.io': identity: invite (a pending invite stays one)",
                "m.yaml:13:38: members.identity.members: member 'ivan@acme.io': identity: create",
                "m.yaml:5:27: projects.platform: project 'ops-scripts': platform → 'python'",
                "m.yaml:4:17: projects.rename: project 'web': slug → 'site'",
                "m.yaml:8:23: keys.rateLimits.keys: client key '000000000000000000000000000000a1': rate limit → 5 per 10s",
                "m.yaml:7:13: keys.inactive: client key '000000000000000000000000000000a2': activated",
                "m.yaml:4:17: projects.rename: client key '000000000000000000000000000000a8': project → 'site'",
                "m.yaml:7:13: keys.inactive: client key '000000000000000000000000000000a9': activated",
                "m.yaml:4:17: projects.rename: client key '000000000000000000000000000000a9': project → 'site'",
                "m.yaml:10:31: filters.projects.web.localhost: filters of project 'web': localhost → true",
                "m.yaml:4:17: projects.rename: ownership rules of project 'web': project → 'site'",
            ])
    }

    @Test func transformIsDeterministicWhateverTheInputOrder() throws {
        let yaml = try repositoryFile("mappings/example.yaml")
        let first = try transformed(yaml, SampleOrganization.snapshot)
        var shuffled = SampleOrganization.snapshot
        var random = SplitMix64(seed: 3)
        shuffled.teams.shuffle(using: &random)
        shuffled.members.shuffle(using: &random)
        shuffled.projects.shuffle(using: &random)
        shuffled.keys.shuffle(using: &random)
        shuffled.filters.shuffle(using: &random)
        shuffled.ownership.shuffle(using: &random)
        shuffled.secrets.shuffle(using: &random)
        for index in shuffled.members.indices { shuffled.members[index].teams.shuffle(using: &random) }
        let second = try transformed(yaml, shuffled)
        #expect(first.snapshot == second.snapshot)
        #expect(first.waves == second.waves)
        #expect(try Self.json(first.snapshot) == Self.json(second.snapshot))
        // Same input, same explanations, in the same order.
        #expect(first.explanations == (try transformed(yaml, SampleOrganization.snapshot).explanations))
    }

    @Test func identityMappingChangesNothingByteForByte() throws {
        let yaml = try repositoryFile("mappings/identity.yaml")
        let hosted = SampleOrganization.compatible
        let output = try transformed(yaml, hosted)
        #expect(output.snapshot == hosted)
        #expect(try Self.json(output.snapshot) == Self.json(hosted))
        #expect(output.explanations.isEmpty)
        #expect(output.warnings.isEmpty)
        #expect(output.waves == WaveFile(waves: []))
        // Ownership rules are the very same bytes, CRLF and all.
        #expect(
            output.snapshot.ownership.map { $0.raw.map { Array($0.utf8) } }
                == hosted.ownership.map { $0.raw.map { Array($0.utf8) } })
    }

    @Test func exampleMappingIsValidForTheSampleOrganization() throws {
        let yaml = try repositoryFile("mappings/example.yaml")
        let output = try transformed(yaml, SampleOrganization.snapshot)
        #expect(output.warnings.isEmpty)
        let result = output.snapshot
        #expect(result.organization.slug == "acme-selfhosted")
        #expect(result.teams.map(\.slug) == ["apps", "backend", "billing", "data", "frontend", "platform"])
        #expect(
            result.projects.map(\.slug) == [
                "android", "backend-api", "checkout", "ios", "ops-scripts", "pipelines", "web",
            ])
        #expect(
            result.members.map(\.email) == [
                "alice@acme.com", "bob@acme.com", "carol@acme.com", "david@acme.com", "erin@acme.com", "grace@acme.com",
                "heidi@acme.com", "ivan@acme.com",
            ])
        #expect(result.keys.count == 7)
        #expect(
            output.waves.waves.map(\.teams) == [["billing", "frontend"], ["apps", "backend", "data", "platform"]])
        // Every top-level section of the format is used.
        let sections = Set(try MappingFile.parse(yaml: yaml, path: "example.yaml").sections.keys)
        #expect(sections == Set(MappingFile.sectionNames))
    }

    static func json(_ snapshot: Snapshot) throws -> [Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return [
            try encoder.encode(snapshot.organization), try encoder.encode(snapshot.teams),
            try encoder.encode(snapshot.members), try encoder.encode(snapshot.projects),
            try encoder.encode(snapshot.keys),
            try encoder.encode(snapshot.filters), try encoder.encode(snapshot.ownership),
            try encoder.encode(snapshot.secrets),
        ]
    }
}
