import SentryModel
import Testing

@testable import Mapping

/// Project, key, filter and ownership features.
@Suite struct TransformProjectTests {
    @Test func projectRenameMovesKeysFiltersAndOwnership() throws {
        let result = try transformed(
            "version: 1\nprojects:\n  rename:\n    api: {slug: backend-api, name: Backend API}\n"
        ).snapshot
        let project = try #require(result.projects.first { $0.slug == "backend-api" })
        #expect(project.name == "Backend API")
        #expect(project.hostedId == "202")
        #expect(!result.projects.contains { $0.slug == "api" })
        #expect(
            result.keys.filter { $0.project == "backend-api" }.map(\.publicKey) == [
                "000000000000000000000000000000a1", "000000000000000000000000000000a2",
            ])
        #expect(result.filters.first { $0.project == "backend-api" }?.blacklistedIps == ["10.0.0.1"])
        #expect(result.ownership.first { $0.project == "backend-api" }?.raw == SampleOrganization.ownershipAPI)
        // Canonical order: `backend-api` now sorts before `checkout`.
        #expect(result.projects.map(\.slug) == result.projects.map(\.slug).sorted())
        #expect(result.ownership.map(\.project) == ["backend-api", "checkout", "pipelines", "web"])
    }

    @Test func excludedProjectsTakeKeysSecretsFiltersAndOwnership() throws {
        let result = try transformed("version: 1\nprojects:\n  exclude: [\"sandbox-*\", web]\n").snapshot
        #expect(!result.projects.contains { $0.slug == "web" || $0.slug == "sandbox-alice" })
        #expect(!result.keys.contains { $0.project == "web" || $0.project == "sandbox-alice" })
        #expect(result.secrets.map(\.publicKey) == result.keys.map(\.publicKey).sorted())
        #expect(result.secrets.count == 7)
        #expect(!result.filters.contains { $0.project == "web" })
        #expect(!result.ownership.contains { $0.project == "web" })
    }

    @Test func platformOverridesSetAndClear() throws {
        let result = try transformed("version: 1\nprojects:\n  platform: {ops-scripts: python, web: ~}\n").snapshot
        #expect(result.projects.first { $0.slug == "ops-scripts" }?.platform == "python")
        #expect(result.projects.first { $0.slug == "web" }?.platform == nil)
    }

    @Test func keysArePreservedByDefault() throws {
        let result = try transformed("version: 1\n").snapshot
        #expect(result.keys == SampleOrganization.compatible.keys)
        #expect(result.secrets == SampleOrganization.compatible.secrets)
    }

    @Test func keysNotPreservedAreLeftOut() throws {
        let result = try transformed("version: 1\nkeys:\n  preserve: false\n").snapshot
        #expect(result.keys.isEmpty)
        #expect(result.secrets.isEmpty)
        #expect(result.projects.allSatisfy { $0.hostedId != nil })
    }

    @Test func projectIdsCanBeDropped() throws {
        let result = try transformed("version: 1\nkeys:\n  preserveProjectIds: false\n").snapshot
        #expect(result.projects.allSatisfy { $0.hostedId == nil })
        #expect(result.keys.allSatisfy { $0.hostedProjectId == nil })
        #expect(result.keys.count == 10)
    }

    @Test func inactiveKeyPolicies() throws {
        let inactive = ["000000000000000000000000000000a2", "000000000000000000000000000000a9"]
        let kept = try transformed("version: 1\nkeys: {inactive: keep}\n").snapshot
        #expect(kept.keys.filter { !$0.active }.map(\.publicKey) == inactive)
        let excluded = try transformed("version: 1\nkeys: {inactive: exclude}\n").snapshot
        #expect(excluded.keys.count == 8)
        #expect(!excluded.secrets.contains { inactive.contains($0.publicKey) })
        let activated = try transformed("version: 1\nkeys: {inactive: activate}\n").snapshot
        #expect(activated.keys.allSatisfy { $0.active })
    }

    @Test func rateLimitOverridesByProjectThenByKey() throws {
        let yaml = """
            version: 1
            keys:
              rateLimits:
                projects:
                  web: {count: 500, window: 60}
                  api: {count: 1, window: 1}
                keys:
                  000000000000000000000000000000a1: none
            """
        let keys = try transformed(yaml).snapshot.keys
        let limits = Dictionary(uniqueKeysWithValues: keys.map { ($0.publicKey, $0.rateLimit) })
        #expect(limits["000000000000000000000000000000a8"] == RateLimit(count: 500, window: 60))
        #expect(limits["000000000000000000000000000000a9"] == RateLimit(count: 500, window: 60))
        #expect(limits["000000000000000000000000000000a1"] == .some(nil))
        #expect(limits["000000000000000000000000000000a2"] == RateLimit(count: 1, window: 1))
        #expect(limits["000000000000000000000000000000a3"] == .some(nil))
    }

    @Test func filterOverridesForAllThenPerProject() throws {
        let yaml = """
            version: 1
            filters:
              all: {localhost: true, webCrawlers: false}
              projects:
                web:
                  webCrawlers: true
                  legacyBrowsers: [safari, ie]
                  errorMessages: ["ResizeObserver loop", "Script error."]
                api:
                  legacyBrowsers: true
                  blacklistedIps: ["192.168.0.0/16"]
                  releases: ["1.0.*"]
                  reactHydrationErrors: false
                  chunkLoadError: false
                  filteredTransaction: false
                  browserExtensions: true
            """
        let filters = try transformed(yaml).snapshot.filters
        let web = try #require(filters.first { $0.project == "web" })
        #expect(web.localhost && web.webCrawlers)
        #expect(web.legacyBrowsers == .subfilters(["ie", "safari"]))
        #expect(web.errorMessages == ["ResizeObserver loop", "Script error."])
        let api = try #require(filters.first { $0.project == "api" })
        #expect(
            api
                == InboundFilters(
                    project: "api", browserExtensions: true, localhost: true, webCrawlers: false,
                    filteredTransaction: false, legacyBrowsers: .all(true), blacklistedIps: ["192.168.0.0/16"],
                    releases: ["1.0.*"], reactHydrationErrors: false, chunkLoadError: false))
        #expect(filters.filter { $0.project != "web" }.allSatisfy { $0.localhost && !$0.webCrawlers })
    }

    @Test func projectsWithoutFiltersGetOverridesOverDefaults() throws {
        var snapshot = SampleOrganization.compatible
        snapshot.filters.removeAll { $0.project == "ios" }
        let filters = try transformed("version: 1\nfilters:\n  projects:\n    ios: {localhost: true}\n", snapshot)
            .snapshot.filters
        #expect(filters.first { $0.project == "ios" } == InboundFilters(project: "ios", localhost: true))
        #expect(try transformed("version: 1\n", snapshot).snapshot.filters.count == 7)
    }

    @Test func ownershipDropPolicyRemovesUnknownOwnersAndEmptyRules() throws {
        let yaml = """
            version: 1
            teams:
              exclude: [legacy-ops, infra]
            members:
              exclude: ["*@contractor.example"]
            ownership:
              unknownOwners: drop
            """
        let api = try #require(try transformed(yaml).snapshot.ownership.first { $0.project == "api" }?.raw)
        #expect(
            api == """
                # API ownership
                path:src/payments/*      #payments erin@acme.io
                path:src/*  #backend
                url:https://api.acme.io/checkout/*   #payments   #backend
                # tags.transaction:"/api/checkout flow"  frank@contractor.example #legacy-ops

                module:acme.billing  Erin@ACME.io
                # codeowners:/infra/  #infra
                """)
    }

    @Test func ownershipWithoutRewriteKeepsTextButChecksOwners() throws {
        let yaml =
            "version: 1\nteams:\n  rename: {payments: billing}\nownership:\n  rewrite: false\n  unknownOwners: keep\n"
        let result = try transformed(yaml).snapshot
        #expect(result.ownership.map(\.raw) == SampleOrganization.compatible.ownership.map(\.raw))
    }

    @Test func ownershipSettingsOtherThanRawAreKept() throws {
        let result = try transformed("version: 1\nprojects:\n  rename: {web: site}\n").snapshot
        let site = try #require(result.ownership.first { $0.project == "site" })
        #expect(site.fallthrough == false)
        #expect(site.raw == SampleOrganization.ownershipWeb)
        #expect(result.ownership.first { $0.project == "checkout" }?.autoAssignment == .suspectCommits)
    }

    @Test func wavesAreRecordedWithFinalSlugs() throws {
        let yaml = """
            version: 1
            teams:
              rename: {payments: billing}
              merge:
                platform: {from: [infra, sre]}
            waves:
              wave-2: {teams: [sre, backend, infra]}
              wave-1: {teams: [billing, frontend], description: First}
            """
        let waves = try transformed(yaml).waves
        #expect(
            waves
                == WaveFile(waves: [
                    Wave(name: "wave-2", teams: ["backend", "platform"]),
                    Wave(name: "wave-1", description: "First", teams: ["billing", "frontend"]),
                ]))
        let json = String(decoding: try waves.encoded(), as: UTF8.self)
        #expect(json.hasPrefix("{\n  \"format\" : \"sentry-migrate/waves@1\",\n  \"waves\" : [\n"))
        #expect(json.hasSuffix("}\n"))
        #expect(waves.wave(named: "wave-1")?.teams == ["billing", "frontend"])
    }
}
