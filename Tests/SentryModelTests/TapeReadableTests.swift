import Foundation
import Testing

@testable import SentryModel

/// The readers that build members and keys straight from the tape (`TapeReadable`) against
/// `StrictDecoder`: a value they read is the one it decodes, and they read nothing it refuses.
/// (`SnapshotReaderTests` holds the reader's problems for damaged members and keys, which these
/// readers leave to `StrictDecoder`.)
@Suite struct TapeReadableTests {
    /// What the tape reader and the strict decoder make of `json`; the reader's value is nil when
    /// it left the value to the strict decoder.
    private func both<T: Decodable & TapeReadable & Equatable>(
        _ type: T.Type, _ json: String
    ) throws -> (fast: T?, strict: T?, problems: [FieldProblem]) {
        let document = try JSONParser.parse(Array(json.utf8))
        let fast = document.withTape { T(tape: $0, at: document.root) }
        let (strict, problems) = StrictDecoder.decode(type, from: document, at: [])
        return (fast, strict, problems)
    }

    /// Either the reader declined, or it read exactly the strict decoder's value, which had no problems.
    private func expectAgreement<T: Decodable & TapeReadable & Equatable>(
        _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (fast: T?, strict: T?, problems: [FieldProblem]) {
        let result = try both(type, json)
        if let fast = result.fast {
            #expect(
                result.problems.isEmpty, "read \(json) that the strict decoder refuses", sourceLocation: sourceLocation)
            #expect(fast == result.strict, "\(json)", sourceLocation: sourceLocation)
        }
        return result
    }

    @Test func everyMemberAndKeyOfTheSampleIsReadStraightAsWritten() throws {
        let snapshot = SampleSnapshot.make()
        for member in snapshot.members {
            let json = String(decoding: try CanonicalJSON.bytes(of: member), as: UTF8.self)
            let result = try expectAgreement(Member.self, json)
            #expect(result.fast == member, "\(json)")
        }
        for key in snapshot.keys {
            let json = String(decoding: try CanonicalJSON.bytes(of: key), as: UTF8.self)
            let result = try expectAgreement(ClientKey.self, json)
            #expect(result.fast == key, "\(json)")
        }
    }

    @Test(arguments: [
        // Read straight: absent and null optionals, escapes and non-ASCII in values.
        (#"{"email":"a@x.io","name":"A \"q\" \u00e9 ☃","role":"member","pending":false,"teams":[]}"#, true),
        (
            #"{"email":"a@x.io","name":"A","role":"admin","pending":true,"teams":[{"slug":"t","role":null}],"hostedId":null,"identity":null}"#,
            true
        ),
        (
            #"{"email":"a@x.io","name":"A","role":"admin","pending":true,"teams":[{"slug":"t","role":"admin"}],"identity":"create"}"#,
            true
        ),
        // Left to the strict decoder, which refuses them …
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false,"teams":[],"extra":1}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false}"#, false),
        (#"{"email":null,"name":"A","role":"member","pending":false,"teams":[]}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":"false","teams":[]}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false,"teams":[],"identity":"adopt"}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false,"teams":[{"slug":"t","x":1}]}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false,"teams":[{"slug":1}]}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false,"teams":{}}"#, false),
        (#"{"email":"a@x.io","name":"A","role":"member","pending":false,"teams":[],"hostedId":7}"#, false),
        (#"["email"]"#, false),
        // … or reads the same: an escaped key that names a field once unescaped.
        (#"{"em\u0061il":"a@x.io","name":"A","role":"member","pending":false,"teams":[]}"#, false),
    ])
    func membersAgreeWithTheStrictDecoder(json: String, readStraight: Bool) throws {
        let result = try expectAgreement(Member.self, json)
        #expect((result.fast != nil) == readStraight, "\(json)")
        if !readStraight, json.contains(#"\u0061"#) {
            #expect(result.strict != nil && result.problems.isEmpty, "the strict decoder reads the escaped key")
        }
    }

    @Test(arguments: [
        (#"{"project":"p","label":"L","publicKey":"k","active":true}"#, true),
        (
            #"{"project":"p","label":"L","publicKey":"k","active":false,"rateLimit":{"count":10,"window":60},"browserSdkVersion":"7.x","hostedProjectId":"3","loaderOptions":{"hasDebug":true,"hasFeedback":false,"hasLogsAndMetrics":false,"hasPerformance":true,"hasReplay":false}}"#,
            true
        ),
        (#"{"project":"p","label":"L","publicKey":"k","active":true,"rateLimit":null,"loaderOptions":null}"#, true),
        (#"{"project":"p","label":"L","publicKey":"k","active":true,"rateLimit":{"count":10.5,"window":60}}"#, false),
        (#"{"project":"p","label":"L","publicKey":"k","active":true,"rateLimit":{"count":1e1,"window":60}}"#, false),
        (
            #"{"project":"p","label":"L","publicKey":"k","active":true,"rateLimit":{"count":99999999999999999999,"window":60}}"#,
            false
        ),
        (#"{"project":"p","label":"L","publicKey":"k","active":true,"rateLimit":{"count":1}}"#, false),
        (
            #"{"project":"p","label":"L","publicKey":"k","active":true,"loaderOptions":{"hasDebug":true,"hasFeedback":false,"hasLogsAndMetrics":false,"hasPerformance":true}}"#,
            false
        ),
        (
            #"{"project":"p","label":"L","publicKey":"k","active":true,"loaderOptions":{"hasDebug":true,"hasFeedback":false,"hasLogsAndMetrics":false,"hasPerformance":true,"hasReplay":false,"hasOther":true}}"#,
            false
        ),
        (#"{"project":"p","label":"L","publicKey":"k"}"#, false),
        (#"{"project":"p","label":"L","publicKey":"k","active":1}"#, false),
        (#"{"project":"p","label":"L","publicKey":"k","active":true,"secretKey":"s"}"#, false),
    ])
    func keysAgreeWithTheStrictDecoder(json: String, readStraight: Bool) throws {
        let result = try expectAgreement(ClientKey.self, json)
        #expect((result.fast != nil) == readStraight, "\(json)")
        if !readStraight { #expect(!result.problems.isEmpty, "\(json) should be refused") }
    }
}
