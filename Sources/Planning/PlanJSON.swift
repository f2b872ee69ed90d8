import SentryModel

/// The plan for machines: the saved plan's own bytes (`docs/plan-format.md`).
public enum PlanJSON {
    public static func render(_ plan: Plan) throws -> String {
        String(decoding: try CanonicalJSON.bytes(of: plan), as: UTF8.self)
    }
}
