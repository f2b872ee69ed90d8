import Foundation
import Hummingbird
import SentryModel
import SentrySimulator

/// Runs a simulator on 127.0.0.1 with an ephemeral port for the duration of `body`.
func withSimulator<T: Sendable>(
    _ snapshot: Snapshot, configuration: SimulatorConfiguration = .testing,
    _ body: @Sendable (Simulator, URL) async throws -> T
) async throws -> T {
    let simulator = Simulator(org: SimulatedOrg(snapshot: snapshot), configuration: configuration)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = simulator.buildApplication(port: 0) { continuation.yield($0) }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            // Ends the port stream if the server stops before it started, so the test fails
            // with the server's error instead of waiting forever.
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await group.next()
            throw SimulatorDidNotStart()
        }
        do {
            let result = try await body(simulator, URL(string: "http://127.0.0.1:\(port)")!)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

struct SimulatorDidNotStart: Error {}

let testToken = "sntryu_" + String(repeating: "ab", count: 32)

extension SimulatorConfiguration {
    /// One token with the export scopes, and limits no fault-free test reaches.
    static var testing: SimulatorConfiguration {
        SimulatorConfiguration(
            tokens: [testToken: .integration()],
            rateLimit: RateLimitSettings(limit: 100_000, overrides: [:], concurrentLimit: 64))
    }
}
