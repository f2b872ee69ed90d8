// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sentry-migrate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sentry-migrate", targets: ["sentry-migrate"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Pure core: entity types, snapshot files, errors shared by every command.
        .target(name: "SentryModel"),
        // Mapping files (YAML with positioned diagnostics), the transform, ownership-rule rewriting.
        .target(name: "Mapping", dependencies: ["SentryModel", .product(name: "Yams", package: "Yams")]),
        // Diff engine (desired vs current snapshot), stage/wave selection, plan renderers. Pure: no database.
        .target(name: "Planning", dependencies: ["SentryModel"]),
        // libpq, seen through a system-library target; only SelfHosted imports it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The only owner of the self-hosted PostgreSQL database (uses Mapping's ownership-rule parser).
        .target(name: "SelfHosted", dependencies: ["SentryModel", "Mapping", "CLibPQ"]),
        // Thin CLI: one file per subcommand.
        .executableTarget(
            name: "sentry-migrate",
            dependencies: [
                "SentryModel",
                "SelfHosted",
                "Mapping",
                "Planning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SentryModelTests", dependencies: ["SentryModel"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "SentryModel"], exclude: ["Golden"]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "SentryModel"], exclude: ["Fixtures"]),
        // Also runs the built `sentry-migrate` binary end to end, hence the dependency.
        .testTarget(name: "SelfHostedTests", dependencies: ["SelfHosted", "SentryModel", "sentry-migrate"]),
        // End to end without a database: runs the built `sentry-migrate` binary (transform).
        .testTarget(name: "CLITests", dependencies: ["sentry-migrate", "SentryModel"]),
    ]
)
