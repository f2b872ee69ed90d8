import Foundation
import SentryModel

@testable import Mapping

/// Every diagnostic (parse and validation) of `yaml` against `snapshot`, rendered as the CLI prints them.
func problems(_ yaml: String, against snapshot: Snapshot = SampleOrganization.compatible) -> [String] {
    do {
        _ = try Transformer.transform(
            mappingText: yaml, mappingPath: "m.yaml", snapshot: snapshot, snapshotPath: "snap")
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// Only the `path:line:column: severity: message` lines, without hints.
func messages(_ yaml: String, against snapshot: Snapshot = SampleOrganization.compatible) -> [String] {
    problems(yaml, against: snapshot).map { String($0.split(separator: "\n")[0]) }
}

/// Warnings of a valid mapping.
func warnings(_ yaml: String, against snapshot: Snapshot = SampleOrganization.compatible) throws -> [String] {
    try Transformer.transform(mappingText: yaml, mappingPath: "m.yaml", snapshot: snapshot, snapshotPath: "snap")
        .warnings.map { String($0.description.split(separator: "\n")[0]) }
}

/// Transforms with a mapping that must be valid.
func transformed(_ yaml: String, _ snapshot: Snapshot = SampleOrganization.compatible) throws -> TransformOutput {
    try Transformer.transform(mappingText: yaml, mappingPath: "m.yaml", snapshot: snapshot, snapshotPath: "snap")
}

/// The repository's root, found from this file's path (tests read `mappings/` and fixtures).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func repositoryFile(_ path: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
}
