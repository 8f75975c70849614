// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FrenchNER",
    products: [
        .library(name: "FrenchNER", targets: ["FrenchNER"]),
        .executable(name: "frner", targets: ["frner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation --target FrenchNER` (the DocC catalogue in Sources/FrenchNER/FrenchNER.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System ICU (apt libicu-dev), used only for its pkg-config flags: Swift never imports it,
        // because Foundation carries its own ICU and the two sets of headers clash in one module.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // zlib (apt zlib1g-dev), for reading .gz inputs directly.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // C shim: includes the ICU headers in its .c file only; its public header has plain C types.
        .target(
            name: "CFrenchICU",
            dependencies: ["CICU"],
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        // The shipped lexicons (Lexicons/curated, Lexicons/generated) compiled into the library as
        // string constants by the EmbedLexicons build plugin: a program using FrenchNER needs no checkout.
        .executableTarget(name: "EmbedLexiconsTool"),
        .plugin(name: "EmbedLexicons", capability: .buildTool(), dependencies: ["EmbedLexiconsTool"]),
        .target(name: "FrenchNERLexicons", plugins: ["EmbedLexicons"]),
        // Internal invariant checks (`FRENCHNER_INTERNAL_CHECKS`) run in debug builds only.
        .target(name: "FrenchNER", dependencies: ["CFrenchICU", "CZlib", "FrenchNERLexicons"],
                swiftSettings: [.define("FRENCHNER_INTERNAL_CHECKS", .when(configuration: .debug))]),
        .executableTarget(
            name: "frner",
            dependencies: [
                "FrenchNER",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "FrenchNERTests", dependencies: ["FrenchNER"]),
        .testTarget(name: "FrenchNERCLITests", dependencies: ["frner"]),
    ]
)
