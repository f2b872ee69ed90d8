import Foundation
import Mapping
import SentryModel

/// Reads a mapping file and applies it; shared by transform and verify's live mode. A mapping with
/// errors throws them all (`MappingError`, which `Main` prints); warnings are printed as notes.
enum MappingRun {
    static func transform(_ snapshot: Snapshot, mappingPath: String, snapshotPath: String) throws -> TransformOutput {
        let text: String
        do {
            text = try String(contentsOfFile: mappingPath, encoding: .utf8)
        } catch {
            throw MappingFileUnreadable(path: mappingPath, reason: error.localizedDescription)
        }
        let output = try Transformer.transform(
            mappingText: text, mappingPath: mappingPath, snapshot: snapshot, snapshotPath: snapshotPath)
        for warning in output.warnings { Terminal.note(warning.description) }
        return output
    }
}

/// The mapping file could not be read at all.
struct MappingFileUnreadable: ReportableError {
    var path: String
    var reason: String

    var exitStatus: ExitStatus { .dataError }

    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                .error, "cannot read the mapping file: \(reason)", next: "Check the path given to --mapping.",
                at: Location(file: path))
        ]
    }
}
