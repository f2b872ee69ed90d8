import ArgumentParser
import Mapping
import SentryModel

/// Reads a mapping file and applies it, printing its diagnostics as they are (they carry their own
/// `file:line:column: error:` labels); shared by transform and verify's live mode.
enum MappingRun {
    static func transform(_ snapshot: Snapshot, mappingPath: String, snapshotPath: String) throws -> TransformOutput {
        let text: String
        do {
            text = try String(contentsOfFile: mappingPath, encoding: .utf8)
        } catch {
            throw MappingFileUnreadable(path: mappingPath, reason: error.localizedDescription)
        }
        let output: TransformOutput
        do {
            output = try Transformer.transform(
                mappingText: text, mappingPath: mappingPath, snapshot: snapshot, snapshotPath: snapshotPath)
        } catch {
            Terminal.note(error.description)
            throw ExitCode(error.exitStatus.rawValue)
        }
        for warning in output.warnings { Terminal.note(warning.description) }
        return output
    }
}

/// The mapping file could not be read at all.
struct MappingFileUnreadable: ReportableError {
    var path: String
    var reason: String

    var exitStatus: ExitStatus { .dataError }

    var description: String {
        "\(path): cannot read the mapping file: \(reason)\n    hint: check the path given to --mapping"
    }
}
