import Planning
import SentryModel

/// Something the plan promised reviewers (an id or key kept so DSNs stay valid, a user to link or
/// create) that the target no longer allows. Apply refuses instead of quietly doing something else.
public struct PlanPromiseError: ReportableError {
    public let stage: Stage
    /// `project api: the plan keeps hosted id 202 (its DSNs stay valid), but …`
    public let broken: String

    public var exitStatus: ExitStatus { .dataError }
    public var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "\(stage.rawValue): \(broken); nothing of this stage was written",
                why: "apply never replaces what a plan promised with something else",
                next: "Run plan again against the target as it is now, review what changed, and apply the new plan.")
        ]
    }
}
