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
        let notes = ManifestNotes(
            notCarried: Dictionary(
                uniqueKeysWithValues: report.notCarried.compactMap { item in item.count.map { (item.kind.name, $0) } }),
            leftOut: report.leftOutMembers.map {
                LeftOutRecord(kind: "member", hostedId: $0.hostedId, reason: $0.reason)
            }
                + report.leftOutRuleNodes.map {
                    LeftOutRecord(kind: "rule-node", hostedId: $0.hostedId, reason: "\($0.rule): \($0.reason)")
                })
        let manifest = try SnapshotWriter.write(
            snapshot, source: SnapshotSource(kind: .hosted, location: location), exportedAt: exportedAt, notes: notes,
            to: directory)
        return (manifest, report)
    }
}
