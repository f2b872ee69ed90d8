import Foundation
import Testing

@testable import SelfHosted

@Suite struct ConnectionTargetTests {
    // The shown form is libpq's parse (PQconninfoParse) in libpq's keyword order, whatever form the
    // string was written in; secret-bearing options (dispchar "*") are masked.
    @Test(arguments: [
        (
            "postgresql://user:s3cret-pw@db.example:5432/sentry",
            "user=user password=*** dbname=sentry host=db.example port=5432"
        ),
        ("postgres://user:s3cret%40pw@h/db?sslmode=require", "user=user password=*** dbname=db host=h sslmode=require"),
        (
            "postgresql://u@h/db?password=s3cret-pw&sslmode=verify-full",
            "user=u password=*** dbname=db host=h sslmode=verify-full"
        ),
        ("postgresql://u@h/db?pass%77ord=s3cret-pw", "user=u password=*** dbname=db host=h"),
        ("postgresql:///postgres?host=/tmp/sock", "dbname=postgres host=/tmp/sock"),
        ("host=db password=s3cret-pw dbname=sentry", "password=*** dbname=sentry host=db"),
        ("host = db  password = 's3cret-pw with \\' quote' user=x", "user=x password=*** host=db"),
        ("dbname='postgresql://a:s3cret-pw@h/db' host=x", "dbname='user=a password=*** dbname=db host=h' host=x"),
        ("application_name='a b' host=x", "host=x application_name='a b'"),
        ("host=db password='s3cret-pw", "(a connection string libpq cannot parse)"),
        ("host=db s3cret-pw", "(a connection string libpq cannot parse)"),
        ("postgresql://u:s3cret-pw@h/db?nosuchoption=1", "postgresql://*** (a URL libpq cannot parse)"),
        ("postgresql://u:s3cret-pw@[h/db", "postgresql://*** (a URL libpq cannot parse)"),
        ("sentry", "sentry"),
        ("host=/x sslpassword=s3cret-key dbname=x", "dbname=x host=/x sslpassword=***"),
        ("postgresql://u@h/db?sslpassword=s3cret-key", "user=u dbname=db host=h sslpassword=***"),
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
            #expect(shown.contains("user=user password=*** dbname=sentry host=db port=5432"))
        }
        #expect(target.overriding(database: "scratch").description.hasSuffix("(database scratch)"))
    }

    @Test func secretsIncludeWrittenAndDecodedForms() {
        let target = ConnectionTarget("postgresql://u:a%2Fb@h/db")
        let secrets = target.secrets()
        #expect(secrets.contains("a%2Fb"))
        #expect(secrets.contains("a/b"))
        #expect(secrets.contains("postgresql://u:a%2Fb@h/db"))
        // A name without a secret stays readable in libpq's messages ("database "sentry" does not exist").
        #expect(ConnectionTarget("sentry").secrets().allSatisfy { $0 != "sentry" })
        #expect(ConnectionTarget("host=h dbname=sentry").secrets().isEmpty || getenv("PGPASSWORD") != nil)
    }
}
