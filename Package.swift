// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Mend",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mend", targets: ["mend"]),
        .executable(name: "mend-bench", targets: ["mend-bench"]),
        .executable(name: "mend-calendar-bench", targets: ["mend-calendar-bench"]),
        .executable(name: "mend-sla-bench", targets: ["mend-sla-bench"]),
        .executable(name: "mend-scheduler-bench", targets: ["mend-scheduler-bench"]),
        .library(name: "MendServer", targets: ["MendServer"]),
    ],
    dependencies: [
        .package(path: "Packages/MendCore"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "MendServer",
            dependencies: [
                .product(name: "MendCore", package: "MendCore"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mend",
            dependencies: [
                "MendServer",
                .product(name: "MendCore", package: "MendCore"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mend-bench",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mend-calendar-bench",
            dependencies: [.product(name: "MendCore", package: "MendCore")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mend-scheduler-bench",
            dependencies: [
                "MendServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mend-sla-bench",
            dependencies: [.product(name: "MendCore", package: "MendCore")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MendServerTests",
            dependencies: [
                "MendServer",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
