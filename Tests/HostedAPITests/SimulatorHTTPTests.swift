import Foundation
import SentryModel
import SentrySimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The simulator's wire behaviour, seen through a plain URLSession over loopback.
@Suite(.timeLimit(.minutes(3))) struct SimulatorHTTPTests {
    static let org = OrgGenerator.generate(GeneratorSpec(teams: 250, projects: 3, members: 5, seed: 3))

    func fetch(_ base: URL, _ path: String, token: String? = testToken) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: URL(string: base.absoluteString + path)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, try #require(response as? HTTPURLResponse))
    }

    func detail(_ data: Data) -> String? {
        (try? JSONDecoder().decode([String: String].self, from: data))?["detail"]
    }

    @Test func offsetPagesCarryBothLinksExactlyAsSentryBuildsThem() async throws {
        try await withSimulator(Self.org) { _, base in
            let (data, first) = try await fetch(base, "/api/0/organizations/acme/teams/")
            let link =
                "<\(base.absoluteString)/api/0/organizations/acme/teams/?&cursor=100:-1:1>; rel=\"previous\"; "
                + "results=\"false\"; cursor=\"100:-1:1\", <\(base.absoluteString)/api/0/organizations/acme/teams/?&"
                + "cursor=100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\""
            #expect(first.value(forHTTPHeaderField: "Link") == link)
            let teams = try JSONDecoder().decode([[String: JSONValue]].self, from: data)
            #expect(teams.count == 100)
            let (_, last) = try await fetch(base, "/api/0/organizations/acme/teams/?per_page=100&cursor=100:2:0")
            let lastLink = try #require(last.value(forHTTPHeaderField: "Link"))
            #expect(lastLink.contains("?per_page=100&cursor=100:1:1>; rel=\"previous\"; results=\"true\""))
            #expect(lastLink.hasSuffix("rel=\"next\"; results=\"false\"; cursor=\"100:3:0\""))
        }
    }

    @Test func perPageAndCursorAreCheckedAsSentryDoes() async throws {
        try await withSimulator(Self.org) { _, base in
            let (tooMany, response) = try await fetch(base, "/api/0/organizations/acme/teams/?per_page=101")
            #expect(response.statusCode == 400)
            #expect(detail(tooMany) == "Invalid per_page value. Cannot exceed 100.")
            let (notNumber, _) = try await fetch(base, "/api/0/organizations/acme/teams/?per_page=ten")
            #expect(detail(notNumber) == "Invalid per_page parameter.")
            let (badCursor, cursorResponse) = try await fetch(base, "/api/0/organizations/acme/teams/?cursor=1:2")
            #expect(cursorResponse.statusCode == 400)
            #expect(detail(badCursor) == "Invalid cursor parameter.")
        }
    }

    @Test func keyListsUseValueCursorsInDescendingIdOrder() async throws {
        var snapshot = Self.org
        snapshot.keys = (0..<150).map {
            ClientKey(project: "project-1", label: "k\($0)", publicKey: String(format: "%032x", $0 + 1))
        }
        try await withSimulator(snapshot) { _, base in
            let (data, response) = try await fetch(base, "/api/0/projects/acme/project-1/keys/")
            let link = try #require(response.value(forHTTPHeaderField: "Link"))
            let keys = try JSONDecoder().decode([[String: JSONValue]].self, from: data)
            #expect(keys.count == 100)
            // Ids were assigned in order, so the first page starts at the newest key.
            #expect(keys.first?["label"] == .string("k149"))
            let next = try #require(link.split(separator: ", ").last)
            #expect(next.hasSuffix("rel=\"next\"; results=\"true\"; cursor=\"90050:0:0\""))
            let (rest, _) = try await fetch(base, "/api/0/projects/acme/project-1/keys/?cursor=90050:0:0")
            #expect(try JSONDecoder().decode([[String: JSONValue]].self, from: rest).count == 50)
        }
    }

    @Test func authenticationAndPermissionErrorsUseSentrysBodies() async throws {
        var configuration = SimulatorConfiguration.testing
        configuration.tokens["org-only"] = ["org:read"]
        configuration.expiredTokens = ["old"]
        try await withSimulator(Self.org, configuration: configuration) { _, base in
            let (none, noneResponse) = try await fetch(base, "/api/0/organizations/acme/", token: nil)
            #expect(noneResponse.statusCode == 401)
            #expect(detail(none) == "Authentication credentials were not provided.")
            #expect(noneResponse.value(forHTTPHeaderField: "WWW-Authenticate") == "xBasic realm=\"api\"")
            let (invalid, _) = try await fetch(base, "/api/0/organizations/acme/", token: "nope")
            #expect(detail(invalid) == "Invalid token")
            let (expired, _) = try await fetch(base, "/api/0/organizations/acme/", token: "old")
            #expect(detail(expired) == "Token expired")
            let (denied, deniedResponse) = try await fetch(
                base, "/api/0/organizations/acme/members/", token: "org-only")
            #expect(deniedResponse.statusCode == 403)
            #expect(detail(denied) == "You do not have permission to perform this action.")
            let (missing, missingResponse) = try await fetch(base, "/api/0/organizations/other/")
            #expect(missingResponse.statusCode == 404)
            #expect(detail(missing) == "The requested resource does not exist")
        }
    }

    @Test func rateLimitHeadersOnEveryAnswerAnd429WithoutRetryAfter() async throws {
        var configuration = SimulatorConfiguration.testing
        // A day-long window: with a short one, a run that starts just before a window boundary (or a slow,
        // loaded machine) sees the counter reset between requests.
        configuration.rateLimit = RateLimitSettings(
            limit: 3, windowSeconds: 86_400, overrides: ["members": 2, "keys": 2], concurrentLimit: 5)
        try await withSimulator(Self.org, configuration: configuration) { _, base in
            for expected in ["2", "1", "0"] {
                let (_, response) = try await fetch(base, "/api/0/organizations/acme/")
                #expect(response.statusCode == 200)
                #expect(response.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Remaining") == expected)
                #expect(response.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Limit") == "3")
                #expect(response.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-ConcurrentLimit") == "5")
                #expect(response.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-ConcurrentRemaining") != nil)
                let reset = try #require(
                    response.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Reset").flatMap(Int.init))
                #expect(reset % 86_400 == 0 && reset > Int(Date().timeIntervalSince1970))
            }
            let (body, refused) = try await fetch(base, "/api/0/organizations/acme/")
            #expect(refused.statusCode == 429)
            #expect(refused.value(forHTTPHeaderField: "Retry-After") == nil)
            #expect(
                detail(body)
                    == "You are attempting to use this endpoint too frequently. Limit is 3 requests in 86400 seconds")
            // One window for every endpoint without limits of its own (get_rate_limit_key) ...
            let (_, shared) = try await fetch(base, "/api/0/organizations/acme/teams/")
            #expect(shared.statusCode == 429)
            // ... and its own for the members list and for the keys lists.
            let (_, members) = try await fetch(base, "/api/0/organizations/acme/members/")
            #expect(members.statusCode == 200)
            #expect(members.value(forHTTPHeaderField: "X-Sentry-Rate-Limit-Limit") == "2")
        }
    }

    @Test func pendingInvitesAppearInMemberListsWithoutUser() async throws {
        let org = OrgGenerator.generate(GeneratorSpec(teams: 2, projects: 1, members: 10, pendingEvery: 5, seed: 9))
        try await withSimulator(org) { _, base in
            let (data, _) = try await fetch(base, "/api/0/organizations/acme/members/")
            let members = try JSONDecoder().decode([[String: JSONValue]].self, from: data)
            let pending = members.filter { $0["pending"] == .bool(true) }
            #expect(pending.count == 2)
            #expect(pending.allSatisfy { $0["user"] == .null && $0["inviteStatus"] == .string("approved") })
            #expect(members.allSatisfy { $0["teams"] == nil && $0["teamRoles"] == nil })
        }
    }

    @Test func generatorIsDeterministic() {
        let spec = GeneratorSpec(teams: 7, projects: 11, members: 30, seed: 42)
        #expect(OrgGenerator.generate(spec) == OrgGenerator.generate(spec))
        #expect(
            OrgGenerator.generate(spec)
                != OrgGenerator.generate(GeneratorSpec(teams: 7, projects: 11, members: 30, seed: 43)))
    }
}
