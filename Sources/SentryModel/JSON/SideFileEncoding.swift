import Foundation

/// A file `transform` writes beside the snapshot (`waves.json`, `origins.json`). The manifest lists
/// each with its digest, so its bytes must be the same for the same value: one encoding for all.
public protocol SnapshotSideFile: Encodable {}

extension SnapshotSideFile {
    /// Deterministic bytes: sorted keys, pretty printed, trailing newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
