import SentryModel

/// The plan for machines: the saved plan's own bytes (`docs/plan-format.md`).
public enum PlanJSON {
    public static func render(_ plan: Plan) throws -> String {
        var bytes: [UInt8] = []
        try write(plan) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same bytes as `render`, handed to `emit` a chunk at a time (change by change), so that
    /// saving or printing the plan of a large organization does not hold its whole text (57 MB on
    /// `make bench`'s large org) nor its JSON tree.
    public static func write(_ plan: Plan, chunkSize: Int = 1 << 20, emit: ([UInt8]) throws -> Void) throws {
        precondition(plan.target.isRecorded, "a plan made to be shown only (no target digests) cannot be saved")
        var head = plan
        head.changes = []
        try CanonicalJSON.write(head, streaming: "changes", elements: plan.changes, chunkSize: chunkSize, emit: emit)
    }
}
