// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sentry-migrate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sentry-migrate", targets: ["sentry-migrate"]),
        .executable(name: "sentry-sim", targets: ["sentry-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // SHA-256 for snapshot checksums and digests (already built for Hummingbird's TLS stack).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The simulator only; the client uses Foundation's URLSession.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    ],
    targets: [
        // Pure core: entity types, snapshot files, the ownership-rule grammar, errors shared by every command.
        .target(name: "SentryModel", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Mapping files (YAML with positioned diagnostics), the transform, ownership-rule rewriting.
        .target(name: "Mapping", dependencies: ["SentryModel", .product(name: "Yams", package: "Yams")]),
        // The plan: the planner (desired snapshot + target state → plan), its diff engine, stage/wave
        // selection, the plan file and its renderers. Pure: no database.
        .target(name: "Planning", dependencies: ["SentryModel"]),
        // libpq, seen through a system-library target; only SelfHosted imports it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The only owner of the self-hosted PostgreSQL database: reads the target's state for the planner
        // and applies plans.
        .target(name: "SelfHosted", dependencies: ["SentryModel", "Planning", "CLibPQ"]),
        // What only Sentry's own code can do after apply (refresh caches, send invitations), as a script
        // run inside the target through a configurable command (`sentry exec`).
        .target(name: "Finishing", dependencies: ["SentryModel", "Planning"]),
        // sentry.io's REST API client: pagination, rate limits, retries, and the exporter.
        .target(name: "HostedAPI", dependencies: ["SentryModel"]),
        // A stand-in for sentry.io's API, for tests, the demo and benchmarks.
        .target(
            name: "SentrySimulator",
            dependencies: [
                "SentryModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sentry-sim",
            dependencies: [
                "SentrySimulator", "SentryModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Thin CLI: one file per subcommand.
        .executableTarget(
            name: "sentry-migrate",
            dependencies: [
                "SentryModel",
                "SelfHosted",
                "Mapping",
                "Planning",
                "HostedAPI",
                "Finishing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SentryModelTests", dependencies: ["SentryModel"]),
        // The simulator's generator makes the whole organizations some tests plan.
        .testTarget(
            name: "PlanningTests", dependencies: ["Planning", "SentryModel", "SentrySimulator"], exclude: ["Golden"]),
        .testTarget(
            name: "HostedAPITests",
            dependencies: [
                "HostedAPI", "SentrySimulator", "SentryModel",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "FinishingTests", dependencies: ["Finishing", "Planning", "SentryModel"]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "SentryModel"], exclude: ["Fixtures"]),
        // Also runs the built `sentry-migrate` and `sentry-sim` binaries end to end, hence the dependencies.
        .testTarget(
            name: "SelfHostedTests",
            dependencies: ["SelfHosted", "Planning", "SentryModel", "sentry-migrate", "sentry-sim"]),
    ]
)
