import ArgumentParser
import Foundation
import Mapping
import SentryModel

struct Transform: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a mapping file to a snapshot: the organization as the self-hosted Sentry should have it.",
        discussion: """
            Reads the snapshot that `export` wrote, applies the renames, merges, exclusions, e-mail and \
            role maps, key, filter and ownership rules of the mapping file (docs/mapping.md), and writes \
            the result, the "desired" snapshot, that `plan` compares with the self-hosted database. \
            Nothing outside --out is changed, and the same inputs always give the same bytes.

            The mapping is checked against the snapshot first. Every problem is reported at once as \
            FILE:LINE:COLUMN: error: ..., with a hint, and then nothing is written (exit 65). Waves, when \
            the mapping has some, are written to OUT/waves.json, and which rule set which value to \
            OUT/origins.json (plan and apply name that rule when the target cannot hold a value); both are \
            listed in OUT/manifest.json. When the input has no secrets/ folder (as in git), neither has \
            the output. The output is written whole or not at all: a failed transform leaves nothing, and \
            an existing OUT untouched.

            Examples (a copy of mappings/identity.yaml is a good start):
              sentry-migrate transform --snapshot hosted --mapping acme.yaml \\
                  --out desired
              sentry-migrate transform --snapshot hosted --mapping acme.yaml \\
                  --out desired --explain > changes.txt
            """
    )

    @Option(help: ArgumentHelp("Snapshot folder to read (written by export or read).", valueName: "dir"))
    var snapshot: String

    @Option(help: ArgumentHelp("Mapping file (YAML, version: 1).", valueName: "file"))
    var mapping: String

    @Option(
        help: ArgumentHelp("Snapshot folder to write; replaced only if it already holds a snapshot.", valueName: "dir"))
    var out: String

    @Flag(help: "List every change on standard output, with the mapping rule (file:line:column) that made it.")
    var explain = false

    func validate() throws {
        let input = URL(fileURLWithPath: snapshot).standardizedFileURL.path
        let output = URL(fileURLWithPath: out).standardizedFileURL.path
        if input == output {
            throw ValidationError(
                "--out must differ from --snapshot: the hosted snapshot is the input and stays as it is.")
        }
    }

    func run() throws {
        let loaded = try SnapshotReader.read(from: URL(fileURLWithPath: snapshot), requireSecrets: false)
        let output = try MappingRun.transform(loaded.snapshot, mappingPath: mapping, snapshotPath: snapshot)

        // One write, all or nothing: the snapshot, its waves and origins are built in a hidden sibling
        // folder and renamed into place only when complete; secrets are written only when the input had
        // them. A failure leaves nothing, and an existing output untouched.
        var extraFiles: [String: [UInt8]] = [:]
        do {
            if !output.waves.waves.isEmpty { extraFiles[WaveFile.fileName] = [UInt8](try output.waves.encoded()) }
            if !output.origins.origins.isEmpty {
                extraFiles[ValueOriginFile.fileName] = [UInt8](try output.origins.encoded())
            }
        } catch {
            throw OutputFileError(path: out, what: "the snapshot's waves and origins", reason: "\(error)")
        }
        // The input's export time, not now: transforming the same inputs twice gives the same bytes.
        let manifest = try SnapshotWriter.write(
            output.snapshot, source: SnapshotSource(kind: .transform, location: "\(snapshot) + \(mapping)"),
            exportedAt: loaded.manifest.exportedAt,
            // What sentry.io holds that is not carried stays known to plan's reviewers.
            notes: ManifestNotes(notCarried: loaded.manifest.notCarried, leftOut: loaded.manifest.leftOut),
            extraFiles: extraFiles, secrets: loaded.hasSecrets, to: URL(fileURLWithPath: out))

        if explain {
            // One line per change: a hosted name cannot break it or forge another.
            let lines = output.explanations.map { TerminalText.escaped($0.description) }
            print(lines.joined(separator: "\n"), terminator: lines.isEmpty ? "" : "\n")
        }
        let changes = output.explanations.count
        Terminal.note(
            "wrote \(out): \(manifest.counts.summary); \(changes == 0 ? "no changes" : "\(changes) change\(changes == 1 ? "" : "s")")"
                + (output.waves.waves.isEmpty
                    ? "" : ", \(output.waves.waves.count) wave(s) in \(out)/\(WaveFile.fileName)"))
    }
}
