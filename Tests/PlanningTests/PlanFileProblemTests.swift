import Foundation
import SentryModel
import Testing

@testable import Planning

/// An edited plan file is refused with the JSON path of what is wrong, array index included, in the
/// same words a snapshot or an API answer would get (`DecodingProblem`).
@Suite struct PlanFileProblemTests {
    /// Saves the fixture plan, lets `edit` change its JSON, and returns what loading it says.
    private func loadEdited(_ edit: (inout [String: Any]) throws -> Void) throws -> PlanFileError? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.json").path
        try SavedPlan.write(try PlanFixture.plan(), to: path)
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        try edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return #expect(throws: PlanFileError.self) { try SavedPlan.load(path: path) }
    }

    private func editChange(_ index: Int, in plan: inout [String: Any], _ edit: (inout [String: Any]) -> Void) throws {
        var changes = try #require(plan["changes"] as? [[String: Any]])
        try #require(changes.count > index)
        edit(&changes[index])
        plan["changes"] = changes
    }

    @Test(arguments: [1, 2])
    func aWrongTypeInChangeNIsNamedByItsIndex(index: Int) throws {
        let error = try loadEdited { plan in try editChange(index, in: &plan) { $0["stage"] = 42 } }
        let problem = try #require(error?.problem)
        #expect(problem.hasPrefix("is not a sentry-migrate plan ($.changes[\(index)].stage: expected"), "\(problem)")
        #expect(error?.exitStatus == .dataError)
    }

    @Test func aMissingFieldIsNamedWithItsPath() throws {
        let error = try loadEdited { plan in try editChange(2, in: &plan) { $0["action"] = nil } }
        let problem = try #require(error?.problem)
        #expect(
            problem.hasPrefix(
                "is not a sentry-migrate plan ($.changes[2].action: missing required field 'action' (line "),
            "\(problem)")
    }

    @Test func aBrokenFileSaysItIsNotJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.json").path
        try Data("{\"format\": ".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: PlanFileError.self) { try SavedPlan.load(path: path) }
        // Read by the project's own strict parser a change at a time (`StreamedJSONFile`), not JSONDecoder.
        #expect(
            error?.problem.hasPrefix("is not a sentry-migrate plan ($: unexpected end of file") == true,
            "\(error?.problem ?? "")")
    }
}
