import SentryModel
import Testing

@testable import SelfHosted

/// Stored option values to effective filters, by each option's position in `FilterOptions.keys`
/// (the realistic seed's expectations cover Sentry's encodings against a real database).
@Suite struct FilterOptionsTests {
    private func options(_ stored: [String: String], flagStrings: Bool = true) -> FilterOptions {
        var values = FilterOptions.noValues
        for (key, text) in stored { values[FilterOptions.keys.firstIndex(of: key)!] = text }
        return FilterOptions(values: values, project: "web", flagStrings: flagStrings)
    }

    @Test func aValueThatIsNotJSONIsReadAsTheDefaultAndNamedInAWarning() {
        var warnings: [String] = []
        let filters = options([
            "filters:localhost": "I01\n.", "filters:browser-extensions": #""1""#, "sentry:option-epoch": "7",
        ]).decode(warnings: &warnings)
        #expect(!filters.localhost)
        #expect(filters.browserExtensions)
        #expect(!filters.webCrawlers, "epoch 7 turns web crawlers off by default")
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("project 'web': option filters:localhost is not JSON") == true)
    }

    @Test func theCommonValuesReadAsTheParserReadsThem() {
        var warnings: [String] = []
        let stored = options([
            "filters:localhost": "true", "filters:web-crawlers": "false", "filters:filtered-transaction": #""0""#,
            "sentry:releases": "[]", "sentry:blacklisted_ips": #"["10.0.0.1"]"#, "filters:legacy-browsers": #"["ie"]"#,
        ])
        let filters = stored.decode(warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(filters.localhost && !filters.webCrawlers && !filters.filteredTransaction)
        #expect(filters.releases.isEmpty && filters.blacklistedIps == ["10.0.0.1"])
        #expect(filters.legacyBrowsers == .subfilters(["ie"]))
        #expect(filters.reactHydrationErrors && filters.chunkLoadError, "absent: Sentry's defaults")
    }
}
