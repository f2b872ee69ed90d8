import Testing

@testable import SelfHosted

@Suite struct ConnectionTargetTests {
    @Test(arguments: [
        ("postgresql://user:s3cret-pw@db.example:5432/sentry", "postgresql://user:***@db.example:5432/sentry"),
        ("postgres://user:s3cret%40pw@h/db?sslmode=require", "postgres://user:***@h/db?sslmode=require"),
        (
            "postgresql://u@h/db?password=s3cret-pw&sslmode=verify-full",
            "postgresql://u@h/db?password=***&sslmode=verify-full"
        ),
        ("postgresql://u:p?s3cret-pw@h/db", "postgresql://u:***@h/db"),
        ("postgresql:///postgres?host=/tmp/sock", "postgresql:///postgres?host=/tmp/sock"),
        ("host=db password=s3cret-pw dbname=sentry", "host=db password=*** dbname=sentry"),
        ("host = db  password = 's3cret-pw with \\' quote' user=x", "host=db password=*** user=x"),
        ("dbname='postgresql://a:s3cret-pw@h/db' host=x", "dbname='postgresql://a:***@h/db' host=x"),
        ("host=db password='s3cret-pw", "(a connection string that could not be parsed)"),
        ("sentry", "sentry"),
        ("host=/x sslpassword=s3cret-key dbname=x", "host=/x sslpassword=*** dbname=x"),
        ("postgresql://u@h/db?sslpassword=s3cret-key", "postgresql://u@h/db?sslpassword=***"),
    ])
    func redactsPasswords(raw: String, shown: String) {
        #expect(ConnectionTarget.redacted(raw) == shown)
        #expect(!ConnectionTarget.redacted(raw).contains("s3cret"))
    }

    @Test func printingATargetNeverShowsItsPassword() {
        let target = ConnectionTarget("postgresql://user:s3cret-pw@db:5432/sentry")
        var dumped = ""
        dump(target, to: &dumped)
        for shown in [target.description, String(reflecting: target), "\(target)", dumped] {
            #expect(!shown.contains("s3cret-pw"))
            #expect(shown.contains("user:***@db:5432/sentry"))
        }
        #expect(target.overriding(database: "scratch").description.hasSuffix("(database scratch)"))
    }

    @Test func secretsIncludeWrittenAndDecodedForms() {
        let target = ConnectionTarget("postgresql://u:a%2Fb@h/db")
        let secrets = target.secrets(parsedPassword: "a/b")
        #expect(secrets.contains("a%2Fb"))
        #expect(secrets.contains("a/b"))
    }
}
