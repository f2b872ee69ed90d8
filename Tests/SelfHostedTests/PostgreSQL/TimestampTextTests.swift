import Foundation
import Testing

@testable import SelfHosted

@Suite struct TimestampTextTests {
    @Test(
        arguments: [
            (0.0, "1970-01-01 00:00:00+00"),
            (1_709_251_199.999_999, "2024-02-29 23:59:59.999999+00"),
            (-1.5, "1969-12-31 23:59:58.500000+00"),
            (951_782_400, "2000-02-29 00:00:00+00"),
            (-62_135_596_800 - 86_400, "0001-12-31 00:00:00+00 BC"),
        ] as [(Double, String)])
    func formatsUTCWithMicroseconds(seconds: Double, text: String) {
        #expect(TimestampText.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(
        arguments: [
            ("2024-02-29 23:59:59.999999+00", 1_709_251_199.999_999),
            ("2024-03-01 05:29:59.999999+05:30", 1_709_251_199.999_999),
            ("2024-02-29 20:59:59.999999-03", 1_709_251_199.999_999),
            ("1970-01-01 00:00:00+00:00:01", -1),
            ("1970-01-01", 0),
            ("1970-01-01T00:00:01.5", 1.5),
            ("0001-12-31 00:00:00+00 BC", -62_135_596_800 - 86_400),
        ] as [(String, Double)])
    func parsesISOOutputWithAnyOffset(text: String, seconds: Double) throws {
        let date = try #require(TimestampText.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_000_5)
    }

    @Test(arguments: ["", "infinity", "2024-13-01", "2024-02-29 25", "2024-02-29 10:00:00.1234567+00", "24-01-01"])
    func rejectsWhatItCannotRead(text: String) {
        #expect(TimestampText.parse(text) == nil)
    }

    @Test func roundTripsToTheMicrosecond() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let micros = Int64.random(in: -4_000_000_000_000_000...4_000_000_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
            let parsed = try #require(TimestampText.parse(TimestampText.format(date)))
            #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
        }
    }
}
