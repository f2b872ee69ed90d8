import Foundation
import SentryModel
import Testing

@testable import Planning

/// No secret key, nor any long piece of one, appears in any output of a plan.
@Suite struct SecretLeakTests {
    private func outputs() throws -> [String: String] {
        var outputs: [String: String] = [:]
        let plans = [
            "changes": try PlanFixture.plan(),
            "new organization": try PlanFixture.plan(current: nil, facts: TargetFacts()),
            "prune": try PlanFixture.plan(selection: Plan.Selection(prune: true)),
            "wave": try PlanFixture.plan(wave: Wave(name: "payments", teams: ["payments"])),
        ]
        for (name, plan) in plans {
            outputs["\(name) text"] = PlanText.render(plan)
            outputs["\(name) colour text"] = PlanText.render(plan, colour: true)
            outputs["\(name) markdown"] = PlanMarkdown.render(plan, limit: 1_500).joined()
            outputs["\(name) json (saved plan)"] = try PlanJSON.render(plan)
            outputs["\(name) dump"] = String(describing: plan) + String(reflecting: plan.changes)
        }
        outputs["error"] = PlanningInternalError(message: "x").description
        return outputs
    }

    @Test func noSecretAppearsAnywhere() throws {
        let secrets = Array(PlanFixture.secrets.values)
        for (name, output) in try outputs() {
            for secret in secrets {
                // Any 12-character piece would already be too much.
                for start in stride(from: 0, through: secret.count - 12, by: 4) {
                    let piece = String(secret.dropFirst(start).prefix(12))
                    #expect(!output.contains(piece), "\(name) contains part of a secret key")
                }
            }
        }
    }

    @Test func aChangedSecretShowsAsSensitiveWithAHashPrefix() throws {
        let text = PlanText.render(try PlanFixture.plan())
        let before = try CanonicalJSON.digest(of: PlanFixture.secrets["docsOld"]!)
        let after = try CanonicalJSON.digest(of: PlanFixture.secrets["docsNew"]!)
        #expect(text.contains("secretKey: (sensitive: changed) sha256:\(before) → sha256:\(after)"))
    }
}
