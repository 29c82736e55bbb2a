// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode is the package default;
/// upcoming features that make module boundaries explicit are switched on here.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "telemt-gitops",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "telemt-gitops", targets: ["telemt-gitops"]),
        .library(name: "Spec", targets: ["Spec"]),
        .library(name: "TelemtRender", targets: ["TelemtRender"]),
        .library(name: "StatsSink", targets: ["StatsSink"]),
        .library(name: "StatsSinkPostgres", targets: ["StatsSinkPostgres"]),
        .library(name: "Reconciler", targets: ["Reconciler"]),
        .library(name: "Daemon", targets: ["Daemon"]),
    ],
    dependencies: [
        // Command-line parsing, help and completion for the thin executable.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // HMAC-SHA256 for secret derivation (and constant-time comparisons).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // SQLite access for the traffic store: migrations, WAL, transactions.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The daemon only (`run`): its HTTP listener (webhooks, /healthz, /readyz, /metrics).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The daemon's services in one group, stopped in reverse order on SIGTERM/SIGINT; SIGHUP.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Structured logs passed to every part of the daemon.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The daemon's own metrics, in Prometheus's text format.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Outbound notifications (Telegram Bot API, signed webhooks) over HTTPS.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The shared traffic store of fleets (StatsSinkPostgres only): PostgreSQL over SwiftNIO.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries from Debian packages (scripts/setup.sh installs them).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "Spec", dependencies: ["CYAML"], swiftSettings: strictSettings),
        .target(
            name: "TelemtRender",
            dependencies: ["Spec", "CQRencode", "CZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StatsSink",
            dependencies: [
                "Spec", .product(name: "GRDB", package: "GRDB.swift"),
                // Binds per-row values straight to SQLite on the recording path.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // StatsSink's second backend, the PostgreSQL store that fleets share. A module of its own
        // because it links SwiftNIO (through PostgresNIO), which the engine modules stay free of.
        .target(
            name: "StatsSinkPostgres",
            dependencies: [
                "StatsSink",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Reconciler",
            dependencies: ["Spec", "TelemtRender", "StatsSink", "CGit2", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // `telemt-gitops run`: time, triggers, HTTP and notifications around the engine's tick.
        // The only module that links NIO and Hummingbird; the engine stays free of them.
        .target(
            name: "Daemon",
            dependencies: [
                "Spec", "StatsSink", "Reconciler", "TelemtRender",
                // The fleet's shared store: its PostgresNIO client runs as one of the daemon's services.
                "StatsSinkPostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "telemt-gitops",
            dependencies: [
                "Spec", "TelemtRender", "StatsSink", "Reconciler", "Daemon",
                // Only for the PostgreSQL store's settings errors (printed, and explained by `explain`).
                "StatsSinkPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "Spec", "TelemtRender", "StatsSink", "Reconciler",
                // `Benchmarks fleet-record`: nodes recording into one PostgreSQL store.
                "StatsSinkPostgres", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // Helpers shared by the test targets (seeded generators); never part of a product.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "SpecTests", dependencies: ["Spec", "TestSupport"], resources: [.copy("Corpus")], swiftSettings: strictSettings),
        .testTarget(
            name: "TelemtRenderTests",
            dependencies: ["TelemtRender", "Spec", "TestSupport"],
            resources: [.copy("Golden")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StatsSinkTests",
            dependencies: [
                "StatsSink", "Spec", "TestSupport",
                // The PostgreSQL backend runs the same ledger tests against a real server.
                "StatsSinkPostgres", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TelemtGitopsTests", dependencies: ["telemt-gitops", "TestSupport", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictSettings),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: [
                "Reconciler", "Spec", "TelemtRender", "StatsSink", "TestSupport",
                // Two engines as two nodes of a fleet against a real PostgreSQL server.
                "Daemon", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Reconciler", "StatsSink", "Spec", "TelemtRender", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Drives Tests/TelemtStandIn/telemt-standin.py, the python stand-in for telemt.
        .testTarget(name: "TelemtStandInTests", dependencies: ["TestSupport"], path: "Tests/TelemtStandInTests", swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
