import Foundation
import SentryModel
import SentrySimulator
import Synchronization
import Testing

@testable import HostedAPI

/// The governor alone, without a server: the windows are opened by answers, on a clock that stands
/// still, so that no window ends during a test however slowly a loaded machine runs it (on the
/// system's clock, a full suite on two cores let a window end mid-test: one test failed and two
/// waited forever for a state that had passed). The time limit turns any such wait into a failure.
@Suite(.timeLimit(.minutes(2))) struct RateGovernorTests {
    @Test func aCounterWithoutRoomHoldsNoSlot() async throws {
        let start = Date()
        let governor = RateGovernor(limit: 1, now: { start })
        let later = start.timeIntervalSince1970 + 30
        await governor.observe(RateLimitHeaders(remaining: 0, reset: later, limit: 40, refused: false), bucket: "keys")
        let keys = Task {
            await governor.acquire(bucket: "keys")
            await governor.release(bucket: "keys", answer: nil)
        }
        while await governor.waiting(bucket: "keys") == 0 { await Task.yield() }
        // The one slot is free for the shared counter, though the keys request asked first.
        await governor.acquire(bucket: "shared")
        #expect(await governor.waiting(bucket: "keys") == 1)
        await governor.release(bucket: "shared", answer: nil)
        #expect(await governor.waiting(bucket: "keys") == 1)
        // An answer from the next window opens it.
        await governor.observe(
            RateLimitHeaders(remaining: 39, reset: later + 1, limit: 40, refused: false), bucket: "keys")
        await keys.value
        #expect(await governor.waiting(bucket: "keys") == 0)
    }

    /// The server counts a request when it arrives, so an answer may report a count that already
    /// includes requests still in flight here: room is the lowest `Remaining` of the window minus
    /// what is in flight, worked out again at each answer, and once every answer is in, the window's
    /// whole remaining room is used (nothing of the transient overlap is kept as lost).
    @Test func onceTheAnswersAreInTheWindowsWholeRoomIsUsed() async throws {
        let start = Date()
        let governor = RateGovernor(limit: 100, now: { start })
        let later = start.timeIntervalSince1970 + 30
        await governor.observe(RateLimitHeaders(remaining: 30, reset: later, limit: 40, refused: false), bucket: "keys")
        for _ in 0..<8 { await governor.acquire(bucket: "keys") }
        // The server counted all eight before answering any; the last one counted answers first.
        for remaining in [22, 29, 28, 27, 26, 25, 24, 23] {
            let answer = RateLimitHeaders(remaining: remaining, reset: later, limit: 40, refused: false)
            await governor.release(bucket: "keys", answer: answer)
        }
        // 22 requests may go in this window, and a 23rd must wait for the next.
        let granted = Log<Int>()
        var asking: [Task<Void, Never>] = []
        for index in 0..<23 {
            asking.append(
                Task {
                    await governor.acquire(bucket: "keys")
                    granted.append(index)
                })
        }
        while await governor.waiting(bucket: "keys") + granted.all.count < 23 { await Task.yield() }
        #expect(granted.all.count == 22)
        #expect(await governor.waiting(bucket: "keys") == 1)
        await governor.observe(
            RateLimitHeaders(remaining: 39, reset: later + 1, limit: 40, refused: false), bucket: "keys")
        for task in asking { await task.value }
        #expect(granted.all.count == 23)
    }

    @Test func requestsOfOneCounterKeepTheirOrderAndOthersPassThem() async throws {
        let start = Date()
        let governor = RateGovernor(limit: 4, now: { start })
        let later = start.timeIntervalSince1970 + 30
        await governor.observe(
            RateLimitHeaders(remaining: 0, reset: later, limit: 40, refused: false), bucket: "members")
        let order = Log<String>()
        var waiting: [Task<Void, Never>] = []
        for name in ["members 1", "members 2", "members 3"] {
            waiting.append(
                Task {
                    await governor.acquire(bucket: "members")
                    order.append(name)
                })
            while await governor.waiting(bucket: "members") < waiting.count { await Task.yield() }
        }
        await governor.acquire(bucket: "shared")
        order.append("shared")
        // Two of the next window's requests: the first two members requests, in the order they asked.
        await governor.observe(
            RateLimitHeaders(remaining: 2, reset: later + 1, limit: 40, refused: false), bucket: "members")
        while await governor.waiting(bucket: "members") > 1 { await Task.yield() }
        #expect(order.all.prefix(1) == ["shared"])
        while order.all.count < 3 { await Task.yield() }
        #expect(order.all == ["shared", "members 1", "members 2"])
        #expect(await governor.waiting(bucket: "members") == 1)
        await governor.observe(
            RateLimitHeaders(remaining: 5, reset: later + 2, limit: 40, refused: false), bucket: "members")
        for task in waiting { await task.value }
        #expect(order.all == ["shared", "members 1", "members 2", "members 3"])
    }
}

/// The governor in the client, against the simulator over HTTP on loopback.
@Suite(.timeLimit(.minutes(3))) struct RateGovernorHTTPTests {
    /// A keys list waiting for its counter's next window holds no slot: with one request in flight
    /// allowed, a filters request (the shared counter) asked after it goes first, over HTTP.
    @Test func aRequestWaitingForItsWindowLeavesTheSlotToAnotherCounter() async throws {
        let org = OrgGenerator.generate(GeneratorSpec(teams: 1, projects: 2, members: 2, seed: 3))
        var configuration = SimulatorConfiguration.testing
        let window = 3
        configuration.rateLimit = RateLimitSettings(
            limit: 100_000, windowSeconds: window, overrides: ["keys": 1], concurrentLimit: 64)
        try await withSimulator(org, configuration: configuration) { simulator, base in
            let client = HostedClient(
                configuration: HostedClientConfiguration(baseURL: base, token: testToken, concurrency: 1))
            let projects = org.projects.map(\.slug).sorted()
            func keys(_ project: String) async throws {
                _ = try await client.getAll(
                    "/api/0/projects/acme/\(project)/keys/", of: APIKey.self, scope: "project:read",
                    what: .project(project))
            }
            // Start at the beginning of one of the simulator's windows (they are aligned to the clock),
            // so that the window the first keys list spends lasts while the rest happens.
            let now = Date().timeIntervalSince1970
            let intoWindow = now.truncatingRemainder(dividingBy: Double(window))
            if intoWindow > 0.5 { try await Task.sleep(for: .seconds(Double(window) - intoWindow + 0.05)) }

            try await keys(projects[0])  // spends the keys counter's window (1 request)
            let waitingKeys = Task { try await keys(projects[1]) }
            while await client.governor.waiting(bucket: "keys") == 0 { await Task.yield() }
            _ = try await client.get(
                "/api/0/projects/acme/\(projects[0])/filters/", as: [APIFilter].self, scope: "project:read",
                what: .project(projects[0]))
            // The filters request was answered while the second keys list still waited for its window.
            #expect(simulator.metrics.current.byEndpoint["keys"] == 1)
            #expect(simulator.metrics.current.byEndpoint["filters"] == 1)
            try await waitingKeys.value
            #expect(simulator.metrics.current.byEndpoint["keys"] == 2)
            #expect(simulator.metrics.current.byStatus[429] == nil)
        }
    }
}

/// Values appended from several tasks.
final class Log<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
