import Testing

@testable import SentryModel

@Suite struct RedactionTests {
    @Test(arguments: [
        ("postgres://sentry:s3cr%40t@db.internal:5432/sentry", "postgres://sentry@db.internal:5432/sentry"),
        ("postgresql://:onlypass@db/sentry", "postgresql://db/sentry"),
        ("https://user:pw@sentry.io/api/0/?x=1#frag", "https://user@sentry.io/api/0/?x=1#frag"),
        (
            "postgres://db/sentry?sslmode=require&password=hunter2&sslpassword=x&application_name=m",
            "postgres://db/sentry?sslmode=require&application_name=m"
        ),
        ("https://sentry.io/api/0/?auth_token=abc&api%5Fkey=k", "https://sentry.io/api/0/"),
        ("host=db port=5432 password=*** dbname=sentry", "host=db port=5432 password=*** dbname=sentry"),
        ("./snapshots/acme", "./snapshots/acme"),
        ("https://sentry.io/api/0/organizations/acme/", "https://sentry.io/api/0/organizations/acme/"),
    ])
    func stripsCredentials(location: String, expected: String) {
        #expect(Redaction.stripCredentials(from: location) == expected)
    }

    @Test func sourceNeverStoresAPassword() {
        let source = SnapshotSource(kind: .selfHosted, location: "postgres://sentry:hunter2@db/sentry")
        #expect(source.location == "postgres://sentry@db/sentry")
    }
}
