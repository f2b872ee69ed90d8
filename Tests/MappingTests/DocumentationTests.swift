import Testing

@testable import Mapping

/// Every YAML example in docs/mapping.md must be a valid mapping for the sample organization, and
/// every key the parser accepts must have its example there.
@Suite struct DocumentationTests {
    static func yamlBlocks() throws -> [String] {
        let text = try repositoryFile("docs/mapping.md")
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```yaml" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Without ownership rules: an example that excludes a team would otherwise also need
    /// `ownership.unknownOwners`, which the ownership section shows on its own.
    @Test func everyExampleIsValidForTheSampleOrganization() throws {
        let blocks = try Self.yamlBlocks()
        #expect(blocks.count >= 9)
        var sample = SampleOrganization.compatible
        sample.ownership = []
        for block in blocks {
            #expect(problems(block, against: sample).isEmpty, "\(block)")
        }
    }

    @Test func everyKeyHasAnExample() throws {
        let examples = try Self.yamlBlocks().joined()
        let keys =
            MappingFile.sectionNames + [
                "rename", "merge", "exclude", "from", "platform", "email", "domains", "roles", "teamRoles", "identity",
                "default", "members", "pendingInvites", "preserve", "preserveProjectIds", "inactive", "rateLimits",
                "all", "projects", "rewrite", "unknownOwners", "description", "teams", "count", "window",
            ]
        for key in keys {
            #expect(examples.contains("\(key):"), "no example uses '\(key)'")
        }
        for field in ["legacyBrowsers", "errorMessages", "blacklistedIps", "localhost"] {
            #expect(examples.contains("\(field):"), "no example uses '\(field)'")
        }
    }
}
