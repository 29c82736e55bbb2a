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
        .library(name: "Reconciler", targets: ["Reconciler"]),
    ],
    dependencies: [
        // Command-line parsing, help and completion for the thin executable.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // HMAC-SHA256 for secret derivation (and constant-time comparisons).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // SQLite access for the traffic store: migrations, WAL, transactions.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
        .target(
            name: "Reconciler",
            dependencies: ["Spec", "TelemtRender", "StatsSink", "CGit2", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "telemt-gitops",
            dependencies: [
                "Spec", "TelemtRender", "StatsSink", "Reconciler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["Spec", "TelemtRender", "StatsSink", "Reconciler"],
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
        .testTarget(name: "StatsSinkTests", dependencies: ["StatsSink", "Spec", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TelemtGitopsTests", dependencies: ["telemt-gitops", "TestSupport", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictSettings),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Reconciler", "Spec", "TelemtRender", "StatsSink", "TestSupport"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        // Drives Tests/TelemtStandIn/telemt-standin.py, the python stand-in for telemt.
        .testTarget(name: "TelemtStandInTests", dependencies: ["TestSupport"], path: "Tests/TelemtStandInTests", swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
