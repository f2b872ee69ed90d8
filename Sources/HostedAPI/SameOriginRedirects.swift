import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// URLSession copies every header, the bearer token included, into a redirected request. A
/// redirect to another scheme, host or port is therefore not followed: its 3xx answer comes back
/// as an error instead, so the token never reaches a host the admin did not name.
final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(Self.allows(from: task.originalRequest?.url, to: request.url) ? request : nil)
    }

    static func allows(from origin: URL?, to target: URL?) -> Bool {
        guard let origin, let target else { return false }
        return origin.scheme?.lowercased() == target.scheme?.lowercased()
            && origin.host?.lowercased() == target.host?.lowercased() && origin.port == target.port
    }
}
