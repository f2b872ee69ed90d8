import Foundation

/// The `rel="next"` entry of a Sentry `Link` header: its cursor and whether it has results.
/// Sentry's docs tell clients to use the `cursor` attribute, not the URL.
struct NextCursor: Equatable {
    var cursor: String
    var hasResults: Bool

    /// nil when the header has no `rel="next"` entry.
    init?(linkHeader: String) {
        for entry in linkHeader.split(separator: ",") {
            var attributes: [String: String] = [:]
            for part in entry.split(separator: ";").dropFirst() {
                let pieces = part.split(separator: "=", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                let name = pieces[0].trimmingCharacters(in: .whitespaces)
                let value = pieces[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
                attributes[name] = value
            }
            guard attributes["rel"] == "next", let cursor = attributes["cursor"] else { continue }
            self.cursor = cursor
            self.hasResults = attributes["results"] == "true"
            return
        }
        return nil
    }
}
