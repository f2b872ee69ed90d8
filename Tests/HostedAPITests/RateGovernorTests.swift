import Foundation
import SentryModel
import SentrySimulator
import Synchronization
import Testing

@testable import HostedAPI

/// The governor alone, without a server: its clock stands still (no window ends while a test runs,
/// however slowly), and windows are opened by answers.
@Suite(.timeLimit(.minutes(1))) struct RateGovernorTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let later = start.timeIntervalSince1970 + 30

    static func governor(limit: Int) -> RateGovernor { RateGovernor(limit: limit, now: { start }) }

    @Test func aCounterWithoutRoomHoldsNoSlot() async throws {
        let governor = Self.governor(limit: 1)
        let later = Self.later
        await governor.observe(RateLimitHeaders(remaining: 0, reset: later, limit: 40, refused: false), bucket: "keys")
        let keys = Task {
            await governor.acquire(bucket: "keys")
            await governor.release(bucket: "keys", answer: nil)
        }
        await eventually { await governor.waiting(bucket: "keys") == 1 }
        // The one slot goes to the shared counter, though the keys request asked first.
        let started = Log<String>()
        let shared = Task {
            await governor.acquire(bucket: "shared")
            started.append("shared")
        }
        await eventually { await governor.waiting(bucket: "shared") == 1 || !started.all.isEmpty }
        #expect(started.all == ["shared"])
        #expect(await governor.waiting(bucket: "keys") == 1)
        // An answer from the next window opens the keys counter's; the keys request goes once the
        // slot is free.
        await governor.observe(
            RateLimitHeaders(remaining: 39, reset: later + 1, limit: 40, refused: false), bucket: "keys")
        await shared.value
        await governor.release(bucket: "shared", answer: nil)
        await keys.value
        #expect(await governor.waiting(bucket: "keys") == 0)
    }

    /// The server counts each request before it answers it, so an answer may report a count that
    /// already includes requests still in flight here: room is the lowest `Remaining` of the window minus
    /// what is in flight, worked out again at each answer, and once every answer is in, the window's
    /// whole remaining room is used (nothing of the transient overlap is kept as lost).
    @Test func onceTheAnswersAreInTheWindowsWholeRoomIsUsed() async throws {
        let governor = Self.governor(limit: 100)
        let later = Self.later
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
        await eventually { await governor.waiting(bucket: "keys") + granted.all.count == 23 }
        #expect(granted.all.count == 22)
        #expect(await governor.waiting(bucket: "keys") == 1)
        await governor.observe(
            RateLimitHeaders(remaining: 39, reset: later + 1, limit: 40, refused: false), bucket: "keys")
        for task in asking { await task.value }
        #expect(granted.all.count == 23)
    }

    @Test func requestsOfOneCounterKeepTheirOrderAndOthersPassThem() async throws {
        let governor = Self.governor(limit: 4)
        let later = Self.later
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
            let asked = waiting.count
            await eventually { await governor.waiting(bucket: "members") == asked }
        }
        // A shared request asked after them goes at once.
        let shared = Task {
            await governor.acquire(bucket: "shared")
            order.append("shared")
        }
        await eventually { await governor.waiting(bucket: "shared") == 1 || order.all.contains("shared") }
        #expect(order.all == ["shared"])
        // The next window has room for two: the two members requests that asked first go (each
        // writes its name once it runs, in either order), the third still waits.
        await governor.observe(
            RateLimitHeaders(remaining: 2, reset: later + 1, limit: 40, refused: false), bucket: "members")
        let members = { order.all.filter { $0.hasPrefix("members") } }
        await eventually { members().count == 2 }
        #expect(Set(members()) == ["members 1", "members 2"])
        #expect(await governor.waiting(bucket: "members") == 1)
        await governor.observe(
            RateLimitHeaders(remaining: 5, reset: later + 2, limit: 40, refused: false), bucket: "members")
        for task in waiting { await task.value }
        await shared.value
        #expect(members().last == "members 3")
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
            // A machine too busy to answer the filters request before the keys window ends shows
            // nothing (the waiting keys list may then go first either way): the try is repeated.
            var shown = false
            for attempt in 0..<3 {
                let keysWhenFiltersAnswered = try await Self.keysListsAnsweredWhenFiltersIs(
                    simulator: simulator, client: client, projects: projects, window: window, fresh: attempt > 0)
                if let keysWhenFiltersAnswered {
                    // The filters request was answered while the second keys list waited for its window.
                    #expect(keysWhenFiltersAnswered == 1)
                    shown = true
                    break
                }
            }
            // With the slot held by the waiting keys list, the filters answer never comes in time.
            #expect(shown, "the filters request was answered after the keys window ended, three times")
            #expect(simulator.metrics.current.byStatus[429] == nil)
        }
    }

    /// One keys list spends the keys counter's window (one request a window), a second one waits for
    /// the next window, and then a filters request is asked: how many of the two keys lists the
    /// simulator had answered when the filters answer came, or nil when that came after the window
    /// ended. Starts at the beginning of one of the simulator's windows (they are aligned to the
    /// clock), of a window the last try's keys lists left alone when `fresh`.
    static func keysListsAnsweredWhenFiltersIs(
        simulator: Simulator, client: HostedClient, projects: [String], window: Int, fresh: Bool
    ) async throws -> Int? {
        let intoWindow = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: Double(window))
        if fresh || intoWindow > 0.5 { try await Task.sleep(for: .seconds(Double(window) - intoWindow + 0.05)) }
        let windowEnds =
            (Date().timeIntervalSince1970 / Double(window)).rounded(.down) * Double(window) + Double(window)
        let keysBefore = simulator.metrics.current.byEndpoint["keys", default: 0]
        _ = try await client.getAll(
            "/api/0/projects/acme/\(projects[0])/keys/", of: APIKey.self, scope: "project:read",
            what: .project(projects[0]))
        let second = projects[1]
        let waitingKeys = Task {
            try await client.getAll(
                "/api/0/projects/acme/\(second)/keys/", of: APIKey.self, scope: "project:read",
                what: .project(second))
        }
        await eventually { await client.governor.waiting(bucket: "keys") == 1 }
        _ = try await client.get(
            "/api/0/projects/acme/\(projects[0])/filters/", as: [APIFilter].self, scope: "project:read",
            what: .project(projects[0]))
        let answered = simulator.metrics.current.byEndpoint["keys", default: 0] - keysBefore
        let inTime = Date().timeIntervalSince1970 < windowEnds
        _ = try await waitingKeys.value
        #expect(simulator.metrics.current.byEndpoint["keys", default: 0] - keysBefore == 2)
        return inTime ? answered : nil
    }
}

/// Waits until `condition` holds, looking every few milliseconds: what it waits for is another task
/// reaching a point, not a time.
func eventually(_ condition: () async -> Bool) async {
    while await !condition() { try? await Task.sleep(for: .milliseconds(2)) }
}

/// Values appended from several tasks.
final class Log<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
