import Foundation
import Testing

@testable import HostedAPI

/// The bearer token must not follow a redirect to another origin.
@Suite struct SameOriginRedirectsTests {
    @Test(arguments: [
        ("https://sentry.io/api/0/projects/acme/old/", "https://sentry.io/api/0/projects/acme/new/", true),
        ("https://sentry.io/api/0/x/", "https://evil.example/api/0/x/", false),
        ("https://sentry.io/api/0/x/", "http://sentry.io/api/0/x/", false),
        ("https://sentry.io/api/0/x/", "https://sentry.io:8443/api/0/x/", false),
        ("http://127.0.0.1:8000/a/", "http://127.0.0.1:8000/b/", true),
    ])
    func followsOnlySameOrigin(from: String, to: String, allowed: Bool) {
        #expect(SameOriginRedirects.allows(from: URL(string: from), to: URL(string: to)) == allowed)
    }
}
