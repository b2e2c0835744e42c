// swift-tools-version:6.0
import PackageDescription

/// Strict settings applied to every target of ours, as swift-log does it.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Lets the optimizer inline and specialize across our modules (the pipeline's hot path
    // crosses six of them): bench pipeline about 5% less CPU per mail.
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "EscalationGateway",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "escalation-gateway", targets: ["escalation-gateway"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "EscalationValues", swiftSettings: strictSettings),
        .target(name: "EscalationCore", dependencies: ["EscalationValues"], swiftSettings: strictSettings),
        .target(name: "MailMessage", swiftSettings: strictSettings),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "MailReading", dependencies: ["EscalationValues", "MailMessage", "CLibXML2"], swiftSettings: strictSettings),
        .target(
            name: "MailComposing",
            dependencies: ["EscalationCore", "EscalationValues", "MailMessage", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictSettings),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "EscalationStore",
            dependencies: [
                "EscalationCore", "EscalationValues", "CZstd", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .systemLibrary(name: "CFileSync"),
        .target(name: "MailTransport", dependencies: ["EscalationValues", "CFileSync"], swiftSettings: strictSettings),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "MailTransportCurl", dependencies: ["EscalationValues", "MailTransport", "CCurl"], swiftSettings: strictSettings),
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        .target(
            name: "Gateway",
            dependencies: [
                "EscalationCore", "EscalationValues", "MailMessage", "MailReading", "MailComposing", "EscalationStore", "MailTransport",
                "MailTransportCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "GatewayDemo",
            dependencies: ["Gateway", "EscalationCore", "EscalationStore", "EscalationValues", "MailMessage", "MailTransport"],
            swiftSettings: strictSettings),
        .target(
            name: "GatewayBenchmarks",
            dependencies: [
                "Gateway", "GatewayDemo", "EscalationCore", "EscalationStore", "EscalationValues", "MailMessage", "MailReading", "MailComposing",
                "MailTransport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "Operations",
            dependencies: [
                "Gateway", "EscalationCore", "EscalationStore", "EscalationValues", "MailMessage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "escalation-gateway",
            dependencies: [
                "Gateway", "GatewayBenchmarks", "GatewayDemo", "Operations", "EscalationCore", "EscalationValues", "EscalationStore", "MailComposing",
                "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .testTarget(name: "EscalationValuesTests", dependencies: ["EscalationValues"], swiftSettings: strictSettings),
        .testTarget(name: "EscalationCoreTests", dependencies: ["EscalationCore", "EscalationValues"], swiftSettings: strictSettings),
        .testTarget(name: "MailTransportCurlTests", dependencies: ["MailTransportCurl", "EscalationValues"], swiftSettings: strictSettings),
        .target(name: "CorpusSupport", path: "Tests/CorpusSupport", swiftSettings: strictSettings),
        .testTarget(
            name: "MailMessageTests", dependencies: ["MailMessage", "MailReading", "CorpusSupport"], exclude: ["Corpus/mime-known-failures.txt"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "MailReadingTests", dependencies: ["MailReading", "EscalationValues", "MailMessage", "CorpusSupport"],
            exclude: ["Corpus/reply-known-failures.txt", "Phrasing/Replies"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "MailComposingTests", dependencies: ["MailComposing", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictSettings),
        .target(
            name: "GatewayTestSupport", dependencies: ["Gateway", "EscalationStore", "MailMessage", .product(name: "Logging", package: "swift-log")],
            path: "Tests/GatewayTestSupport", swiftSettings: strictSettings),
        .testTarget(
            name: "EscalationStoreTests",
            dependencies: [
                "EscalationStore", "EscalationCore", "EscalationValues", "Gateway", "GatewayTestSupport", "MailTransport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "GatewayBenchmarks", "GatewayDemo", "Operations", "EscalationCore", "EscalationValues", "EscalationStore", "MailMessage",
                "MailReading", "MailTransport", "MailTransportCurl", "MailComposing", "GatewayTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            exclude: ["MailLayout/Golden"],
            swiftSettings: strictSettings),
    ]
)
