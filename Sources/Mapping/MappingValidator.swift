import SentryModel

/// Checks a parsed mapping file against the snapshot it will transform.
public enum MappingValidator {
    /// Every problem, errors and warnings, in reading order. Names in the mapping are checked
    /// against `snapshot`; owners in ownership rules are reported against
    /// `<snapshotPath>/ownership.json`.
    public static func validate(
        _ mapping: MappingFile, against snapshot: Snapshot, snapshotPath: String = "snapshot"
    ) -> [Diagnostic] {
        validate(MappingResolution(mapping: mapping, snapshot: snapshot), snapshotPath: snapshotPath)
    }

    static func validate(_ resolution: MappingResolution, snapshotPath: String) -> [Diagnostic] {
        (resolution.diagnostics + ownershipDiagnostics(resolution, snapshotPath: snapshotPath)).sortedForReport()
    }

    static func ownershipDiagnostics(_ resolution: MappingResolution, snapshotPath: String) -> [Diagnostic] {
        let file = Location(
            file: snapshotPath.hasSuffix("/") ? "\(snapshotPath)ownership.json" : "\(snapshotPath)/ownership.json")
        let policy = resolution.unknownOwnerPolicy
        var diagnostics: [Diagnostic] = []
        // Owners sentry.io itself does not resolve: one warning per owner, not per rule.
        let stale = Set(
            resolution.ownershipRewrites.values.flatMap(\.staleOwners).map {
                $0.token.hasPrefix("#") ? $0.token : $0.token.lowercased()
            })
        for owner in resolution.snapshot.unresolvedOwners() where stale.contains(owner.owner) {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "\(owner.description) is already unresolved on sentry.io: no team or member of the export has "
                        + "it, so Sentry ignores it there too; kept as written",
                    next: "to remove it, set 'ownership.unknownOwners: drop', or fix the rules on sentry.io and "
                        + "export again",
                    at: file))
        }
        for ownership in resolution.snapshot.ownership {
            guard let rewrite = resolution.ownershipRewrites[ownership.project] else { continue }
            for line in rewrite.unparsed {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "project '\(ownership.project)', rules line \(line.line): Sentry's ownership grammar rejects this line; it is left as it is",
                        at: file))
            }
            guard policy == .error else { continue }
            for owner in rewrite.unknownOwners {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "project '\(ownership.project)', rules \(owner.position): owner '\(owner.token)' is unknown: \(owner.reason)",
                        next:
                            "map it (teams.rename, teams.merge, members.email), or set 'ownership.unknownOwners: drop' or 'keep'",
                        at: file))
            }
        }
        return diagnostics
    }
}
