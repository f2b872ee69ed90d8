import SentryModel

/// What `transform` produces: the desired snapshot, why it differs, the waves, and warnings.
public struct TransformOutput: Sendable, Hashable {
    public var snapshot: Snapshot
    public var explanations: [Explanation]
    public var waves: WaveFile
    public var warnings: [Diagnostic]
    /// Which rule set which value of `snapshot` (`origins.json`).
    public var origins: ValueOriginFile
}

/// Applies a mapping file to a snapshot. Pure and deterministic: the same inputs give the same
/// snapshot, in canonical order, and the same explanations in the same order.
public enum Transformer {
    /// Parses, validates, then applies; throws every problem at once (shape and names alike)
    /// when there is any error.
    public static func transform(
        mappingText: String, mappingPath: String, snapshot: Snapshot, snapshotPath: String = "snapshot"
    ) throws(MappingError) -> TransformOutput {
        let (parsed, parseDiagnostics) = MappingFile.parseCollecting(yaml: mappingText, path: mappingPath)
        guard let mapping = parsed else { throw MappingError(diagnostics: parseDiagnostics) }
        return try transform(mapping, snapshot: snapshot, snapshotPath: snapshotPath, alsoReporting: parseDiagnostics)
    }

    private static func transform(
        _ mapping: MappingFile, snapshot: Snapshot, snapshotPath: String, alsoReporting earlier: [Diagnostic]
    ) throws(MappingError) -> TransformOutput {
        // One resolution serves validation, the transform and the waves.
        let resolution = MappingResolution(mapping: mapping, snapshot: snapshot)
        let diagnostics = (earlier + MappingValidator.validate(resolution, snapshotPath: snapshotPath))
            .sortedForReport()
        guard !diagnostics.hasErrors else { throw MappingError(diagnostics: diagnostics) }
        var run = TransformRun(resolution: resolution)
        let (result, explanations) = run.run()
        return TransformOutput(
            snapshot: result, explanations: explanations, waves: waves(resolution), warnings: diagnostics,
            origins: ValueOriginFile(origins: run.origins))
    }

    /// The mapping's waves, their teams given by final slug (sorted, duplicates removed).
    static func waves(_ resolution: MappingResolution) -> WaveFile {
        WaveFile(
            waves: resolution.mapping.waves.map { wave in
                Wave(
                    name: wave.name.value, description: wave.description,
                    teams: Array(Set(wave.teams.compactMap { resolution.waveTarget($0.value) })))
            })
    }
}
