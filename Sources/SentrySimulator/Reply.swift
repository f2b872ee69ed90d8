import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A response being built: status, JSON bytes and extra headers.
struct Reply {
    var status: HTTPResponse.Status
    var body: Data
    var headers: [(String, String)] = []
    var contentType = "application/json"

    init(status: HTTPResponse.Status = .ok, body: some Encodable, headers: [(String, String)] = []) {
        self.status = status
        self.body = Reply.encode(body)
        self.headers = headers
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Only our own types are encoded; a failure is a simulator bug, answered as Sentry answers bugs.
        return (try? encoder.encode(value)) ?? Data(#"{"detail":"Internal Error"}"#.utf8)
    }

    static func notFound() -> Reply {
        Reply(status: .notFound, body: DetailBody(detail: "The requested resource does not exist"))
    }

    static func forbidden() -> Reply {
        Reply(status: .forbidden, body: DetailBody(detail: "You do not have permission to perform this action."))
    }

    static func unauthorized(_ detail: String) -> Reply {
        Reply(
            status: .unauthorized, body: DetailBody(detail: detail),
            headers: [("WWW-Authenticate", "xBasic realm=\"api\"")])
    }

    static func badRequest(_ detail: String) -> Reply {
        Reply(status: .badRequest, body: DetailBody(detail: detail))
    }

    /// Sentry's middleware answers 429 with a Django `HttpResponse`, so no JSON content type and no `Retry-After`.
    static func tooMany(_ detail: String, headers: [(String, String)]) -> Reply {
        var reply = Reply(status: .tooManyRequests, body: DetailBody(detail: detail), headers: headers)
        reply.contentType = "text/html; charset=utf-8"
        return reply
    }

    /// A disconnect shuts the connection's sending side under the writer: the client sees the body
    /// end early. A full close (or throwing from the body writer) cancels NIO's channel streams
    /// mid-response, which crashed the test process now and then ("Deinited NIOAsyncWriter").
    func hummingbird(disconnect: Disconnect?, channel: any Channel) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let bytes = body
        switch disconnect {
        case nil:
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .beforeBody?:
            return Response(
                status: status, headers: fields,
                body: ResponseBody(contentLength: bytes.count) { _ in try? await channel.close(mode: .output) })
        case .midBody?:
            return Response(
                status: status, headers: fields,
                body: ResponseBody(contentLength: bytes.count) { writer in
                    try await writer.write(ByteBuffer(bytes: bytes.prefix(bytes.count / 2)))
                    try? await channel.close(mode: .output)
                })
        }
    }
}

enum Disconnect {
    case beforeBody
    case midBody
}
