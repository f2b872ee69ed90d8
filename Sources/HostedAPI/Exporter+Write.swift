import Foundation
import SentryModel

extension Exporter {
    /// Exports and writes the snapshot to `directory`. Nothing is written unless the whole
    /// export succeeded, and SnapshotWriter swaps the folder in whole, so a failure leaves any
    /// earlier snapshot untouched and no partial one.
    @discardableResult
    public func export(to directory: URL, exportedAt: Date = Date()) async throws -> (
        manifest: SnapshotManifest, report: ExportReport
    ) {
        let (snapshot, report) = try await exportWithReport()
        let location = client.configuration.baseURL.absoluteString
        let manifest = try SnapshotWriter.write(
            snapshot, source: SnapshotSource(kind: .hosted, location: location), exportedAt: exportedAt, to: directory)
        return (manifest, report)
    }
}
