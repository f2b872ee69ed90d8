import Testing

@testable import SentryModel

/// `JSONObjectConvertible`: the planner's direct form of the numerous kinds is exactly what
/// `JSONValue.of` gives through `Encodable`, for the sample snapshot's entities, for values with every
/// optional set and none, and for strings and numbers the canonical writer escapes or rounds.
@Suite struct JSONObjectTests {
    private func same<Entity: Encodable & JSONObjectConvertible>(_ entity: Entity) throws -> Bool {
        try JSONValue.object(entity.jsonObject) == JSONValue.of(entity)
    }

    @Test func theSampleSnapshotsEntitiesAreWhatTheyEncodeTo() throws {
        let snapshot = SampleSnapshot.make()
        #expect(!snapshot.members.isEmpty && !snapshot.keys.isEmpty && !snapshot.teams.isEmpty)
        for team in snapshot.teams { #expect(try same(team)) }
        for member in snapshot.members { #expect(try same(member)) }
        for key in snapshot.keys { #expect(try same(key)) }
    }

    private static let awkward = "Ünïcode ☃ \"quoted\" \\ back\u{0}slash\n\ttab 𝄞 e\u{301}"

    @Test func everyOptionalSetOrLeftOutIsWhatItEncodesTo() throws {
        let full = Member(
            email: "a@example.com", name: Self.awkward, role: "admin", pending: true,
            teams: [TeamMembership(slug: "t", role: "admin"), TeamMembership(slug: "u")], hostedId: "9",
            identity: .create)
        let bare = Member(email: "", name: "", role: "member")
        for member in [full, bare] { #expect(try same(member)) }
        for policy in IdentityPolicy.allCases {
            var member = full
            member.identity = policy
            #expect(try same(member))
        }
        let key = ClientKey(
            project: "p", label: Self.awkward, publicKey: String(repeating: "a", count: 32), active: false,
            rateLimit: RateLimit(count: Int.max, window: -1), browserSdkVersion: "7.x",
            loaderOptions: LoaderOptions(hasDebug: true, hasReplay: true), hostedProjectId: "12")
        for candidate in [key, ClientKey(project: "", label: "", publicKey: "")] { #expect(try same(candidate)) }
        for team in [Team(slug: "s", name: Self.awkward, hostedId: "1"), Team(slug: "s", name: "n")] {
            #expect(try same(team))
        }
    }

    /// A stored property added to one of these types without its conversion would be missing from
    /// `jsonObject`: with every optional set, each property is one member.
    @Test func everyStoredPropertyIsAMember() {
        let members: [(any JSONObjectConvertible, Int)] = [
            (Team(slug: "s", name: "n", hostedId: "1"), Mirror(reflecting: Team(slug: "", name: "")).children.count),
            (
                TeamMembership(slug: "s", role: "r"),
                Mirror(reflecting: TeamMembership(slug: "")).children.count
            ),
            (
                Member(
                    email: "e", name: "n", role: "r", teams: [], hostedId: "1", identity: .link),
                Mirror(reflecting: Member(email: "", name: "", role: "")).children.count
            ),
            (RateLimit(count: 1, window: 1), Mirror(reflecting: RateLimit(count: 1, window: 1)).children.count),
            (LoaderOptions(), Mirror(reflecting: LoaderOptions()).children.count),
            (
                ClientKey(
                    project: "p", label: "l", publicKey: "k", rateLimit: RateLimit(count: 1, window: 1),
                    browserSdkVersion: "v", loaderOptions: LoaderOptions(), hostedProjectId: "1"),
                Mirror(reflecting: ClientKey(project: "", label: "", publicKey: "")).children.count
            ),
        ]
        for (value, properties) in members {
            #expect(value.jsonObject.count == properties, "\(type(of: value))")
        }
    }
}
