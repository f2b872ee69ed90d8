import SentryModel

/// The plan as a terminal shows it, in Terraform's manner: per kind, `+ create`, `~ update`,
/// `- delete`, `= keep`, field lines `name: "Old" → "New"`, and a closing summary line.
public enum PlanText {
    public static func render(_ plan: Plan, colour: Bool = false) -> String {
        var text = ""
        write(plan, colour: colour) { text += $0 }
        return text
    }

    /// The same text as `render`, handed to `emit` one entity's lines at a time, so that printing the
    /// plan of a large organization never holds its whole text.
    public static func write(_ plan: Plan, colour: Bool = false, emit: (String) -> Void) {
        let paint = Paint(enabled: colour)
        emit(header(plan).map { $0 + "\n" }.joined() + "\n")
        for stage in Stage.allCases {
            let changes = plan.changes.lazy.filter { $0.stage == stage }
            guard !changes.isEmpty else { continue }
            emit(paint.bold(stage.title + ":") + "\n")
            for change in changes {
                var out = ""
                for line in ChangeLines.lines(for: change) {
                    let text = line.text.trimmingTrailingSpaces
                    switch line.style {
                    case .heading(let action):
                        out += "  " + paint.action(action, ChangeLines.marker(action) + " " + text) + "\n"
                    case .detail: out += ("      " + text).trimmingTrailingSpaces + "\n"
                    case .added: out += "        " + paint.action(.create, text) + "\n"
                    case .removed: out += "        " + paint.action(.delete, text) + "\n"
                    }
                }
                emit(out)
            }
            emit("\n")
        }
        emit(paint.bold(PlanSummary(plan.changes).line) + "\n")
        if let finish = WorkflowEngineNotes.summaryLine(for: plan.changes) { emit(finish + "\n") }
    }

    /// What was compared with what, and under which selection.
    static func header(_ plan: Plan) -> [String] {
        var lines = [
            "sentry-migrate plan for organization \(ValueText.quoted(plan.organization))",
            "  desired: snapshot \(ValueText.plain(plan.snapshot.path)) (manifest sha256:\(plan.snapshot.manifestSHA256.prefix(12)))",
            "  target:  \(ValueText.plain(plan.target.location)), self-hosted \(plan.target.profile)",
        ]
        lines.append("  scope:   " + scope(plan.selection))
        return lines
    }

    static func scope(_ selection: Plan.Selection) -> String {
        let stages =
            selection.stages == Stage.allCases
            ? "all stages" : "stages " + selection.stages.map(\.rawValue).joined(separator: ", ")
        let wave = selection.wave.map { "wave \(ValueText.quoted($0))" } ?? "whole organization"
        return "\(wave); \(stages); prune \(selection.prune ? "on" : "off")"
    }
}

/// ANSI colours, or nothing.
struct Paint {
    var enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }

    func action(_ action: ChangeAction, _ text: String) -> String {
        switch action {
        case .create: wrap(text, "32")
        case .update: wrap(text, "33")
        case .delete: wrap(text, "31")
        case .keep: wrap(text, "2")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
