import Foundation
import SentryModel

/// The section after a plan that lists what exists on sentry.io but is not carried (counted by
/// `export`, kept in the manifest by `transform`), so reviewers see what must be redone by hand.
enum NotCarriedSection {
    static let labels: [(key: String, label: String, todo: String)] = [
        ("integrations", "integrations", "reinstall them on the target"),
        ("uptimeMonitors", "uptime monitors", "recreate them"),
        // Snapshots exported before disabled issue rules were carried counted every alert rule here.
        ("alertRules", "alert rules (issue and metric; counted by an older export)", "compare with the plan"),
        ("dashboards", "dashboards", "recreate them"),
        ("cronMonitors", "cron monitors", "recreate them and point check-ins at the new DSNs"),
        ("codeMappings", "code mappings", "recreate them after the integrations"),
        ("savedSearches", "saved searches", "recreate them"),
    ]

    static func render(snapshotFolder: String, markdown: Bool) -> String? {
        let url = URL(fileURLWithPath: snapshotFolder).appendingPathComponent(SnapshotFile.manifest)
        guard let data = try? Data(contentsOf: url),
            let manifest = try? JSONDecoder().decode(SnapshotManifest.self, from: data)
        else { return nil }
        let counts = manifest.notCarried ?? [:]
        let leftOut = manifest.leftOut ?? []
        let lines =
            labels.compactMap { item -> String? in
                guard let count = counts[item.key], count > 0 else { return nil }
                return "\(count) \(item.label): \(item.todo)"
            } + leftOut.map { "\($0.kind) \($0.hostedId) left out: \($0.reason)" }
        guard !lines.isEmpty else { return nil }
        let title = "Not carried (on sentry.io, redo by hand):"
        if markdown {
            return "\n### \(title)\n\n" + lines.map { "- \($0)\n" }.joined()
        }
        return "\n\(title)\n" + lines.map { "  \($0)\n" }.joined()
    }
}
