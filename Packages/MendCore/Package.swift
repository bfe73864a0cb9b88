// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MendCore",
    platforms: [.macOS(.v13)],
    products: [.library(name: "MendCore", targets: ["MendCore"])],
    targets: [
        .target(name: "MendCore", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .testTarget(name: "MendCoreTests", dependencies: ["MendCore"]),
    ]
)
