import SentryModel

/// The verification report for a terminal or, with `markdown`, for an issue or pull request.
public enum VerificationText {
    public static func render(_ report: VerificationReport, markdown: Bool = false) -> String {
        var out: [String] = []
        let title = "sentry-migrate verify: organization \(ValueText.quoted(report.organization))"
        out.append(markdown ? "### \(title)" : title)
        out.append("target: \(ValueText.plain(report.target)), self-hosted \(report.profile)")
        out.append("")
        out += table(report, markdown: markdown)
        out.append("")
        for stage in Stage.allCases {
            let found = report.differences.filter { $0.stage == stage }
            guard !found.isEmpty else { continue }
            out.append(markdown ? "#### \(stage.title)" : "\(stage.title):")
            if markdown { out.append("```diff") }
            for change in found {
                out.append(
                    "  \(ChangeLines.marker(change.action)) \(ValueText.plain(change.key))  — \(label(change.action))")
                for field in change.fields {
                    for line in ChangeLines.fieldLines(field, action: change.action) {
                        out.append("      " + line.text)
                    }
                }
            }
            if markdown { out.append("```") }
            out.append("")
        }
        if !report.kept.isEmpty {
            out.append(
                markdown
                    ? "#### Kept (only on the target, which held them before migrating into it; no difference)"
                    : "Kept (only on the target, which held them before migrating into it; no difference):")
            for stage in Stage.allCases {
                let keys = report.kept.filter { $0.stage == stage }.map { ValueText.plain($0.key) }
                if !keys.isEmpty { out.append("  = \(stage.title): \(keys.joined(separator: ", "))") }
            }
            out.append("")
        }
        if !report.violations.isEmpty {
            out.append(markdown ? "#### Invariants that do not hold" : "Invariants that do not hold:")
            for violation in report.violations {
                out.append("  ! [\(violation.check)] \(ValueText.plain(violation.entity)): \(violation.message)")
            }
            out.append("")
        }
        out.append(
            report.holds
                ? "Verified: the target matches the snapshot and every invariant holds."
                : "Not verified: \(report.differences.count) difference(s), \(report.violations.count) invariant"
                    + " violation(s).")
        return out.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    private static func label(_ action: ChangeAction) -> String {
        switch action {
        case .create: "missing on the target"
        case .delete, .keep: "extra: only on the target"
        case .update: "differs"
        }
    }

    private static func table(_ report: VerificationReport, markdown: Bool) -> [String] {
        let header = ["kind", "desired", "target", "missing", "extra", "differing"]
        let rows = report.kinds.map {
            [$0.kind.title, "\($0.desired)", "\($0.target)", "\($0.missing)", "\($0.extra)", "\($0.differing)"]
        }
        if markdown {
            return ["| " + header.joined(separator: " | ") + " |", "|---|---:|---:|---:|---:|---:|"]
                + rows.map { "| " + $0.joined(separator: " | ") + " |" }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == 0
                    ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }
}
