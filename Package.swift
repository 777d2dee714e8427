// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "Raccord",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "raccord", targets: ["raccord"]),
    .library(name: "RaccordKit", targets: ["RaccordKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .target(name: "RaccordCore", swiftSettings: swiftSettings),
    // The run-time data (`Nomenclatures/`, `Mappings/`) as a resource bundle beside the program.
    .target(
      name: "RaccordData",
      path: ".",
      // Everything else under the root belongs to other targets or is not shipped.
      exclude: [
        "Package.swift", "README.md", "Scripts", "docs", "Tests", "Sources/CLibXML2", "Sources/Checks",
        "Sources/Exports", "Sources/Importers", "Sources/Matching", "Sources/RaccordBench", "Sources/RaccordCore",
        "Sources/RaccordKit", "Sources/RaccordWeb", "Sources/Store", "Sources/XMLStreaming", "Sources/raccord",
        "Sources/Fuzz", "Fuzz",
      ],
      sources: ["Sources/RaccordData"],
      resources: [.copy("Nomenclatures"), .copy("Mappings")],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "XMLStreaming",
      dependencies: ["CLibXML2", "RaccordCore"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "Importers",
      dependencies: [
        "RaccordCore", "XMLStreaming",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: swiftSettings
    ),
    .target(name: "Matching", dependencies: ["RaccordCore"], swiftSettings: swiftSettings),
    .target(name: "Exports", dependencies: ["RaccordCore", "XMLStreaming"], swiftSettings: swiftSettings),
    // XMLStreaming only for `SchemaMessage`: the French wording of libxml2's schema messages.
    .target(name: "Checks", dependencies: ["RaccordCore", "XMLStreaming"], swiftSettings: swiftSettings),
    .target(
      name: "Store",
      dependencies: [
        "RaccordCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "RaccordKit",
      dependencies: [
        "RaccordCore", "XMLStreaming", "Importers", "Store", "Matching", "Exports", "Checks",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "RaccordWeb",
      dependencies: [
        "RaccordKit", "RaccordCore", "Store", "Exports", "Checks", "Matching",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "MultipartKit", package: "multipart-kit"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      resources: [.copy("Templates"), .copy("Static")],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "RaccordBench",
      dependencies: [
        "RaccordKit", "RaccordWeb", "RaccordCore", "Importers", "Matching", "Store", "Exports",
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "raccord",
      dependencies: [
        "RaccordKit", "RaccordWeb", "RaccordBench", "RaccordCore", "Store", "Matching", "Exports", "Checks",
        "RaccordData",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    // Fuzz targets (README, "Fuzzing"): one small executable per reader, built with the fuzzer by
    // Scripts/fuzz.sh; a plain build makes them replay the files given on the command line.
    .target(
      name: "FuzzSupport",
      dependencies: ["Importers", "RaccordCore", "XMLStreaming"],
      path: "Sources/Fuzz/FuzzSupport",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzXMLStreamReader",
      dependencies: ["FuzzSupport", "XMLStreaming"],
      path: "Sources/Fuzz/FuzzXMLStreamReader",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzSIECLENomenclature",
      dependencies: ["FuzzSupport", "RaccordCore"],
      path: "Sources/Fuzz/FuzzSIECLENomenclature",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzSIECLEEleves",
      dependencies: ["FuzzSupport", "RaccordCore"],
      path: "Sources/Fuzz/FuzzSIECLEEleves",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzSTS",
      dependencies: ["FuzzSupport", "RaccordCore"],
      path: "Sources/Fuzz/FuzzSTS",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzLSU",
      dependencies: ["FuzzSupport", "RaccordCore"],
      path: "Sources/Fuzz/FuzzLSU",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzServicesCSV",
      dependencies: ["FuzzSupport", "Importers", "RaccordCore"],
      path: "Sources/Fuzz/FuzzServicesCSV",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzNationalTables",
      dependencies: ["FuzzSupport", "Importers"],
      path: "Sources/Fuzz/FuzzNationalTables",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzZipInput",
      dependencies: ["FuzzSupport", "Importers"],
      path: "Sources/Fuzz/FuzzZipInput",
      swiftSettings: swiftSettings
    ),
    .target(
      name: "RaccordTestSupport",
      dependencies: ["RaccordKit", "RaccordCore", "Store"],
      path: "Tests/RaccordTestSupport",
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "XMLStreamingTests",
      dependencies: ["XMLStreaming", "RaccordTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ImportersTests",
      dependencies: [
        "Importers", "RaccordCore", "RaccordTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "MatchingTests",
      dependencies: ["Matching", "Importers", "RaccordCore", "RaccordTestSupport"],
      exclude: ["Fixtures"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ChecksTests",
      dependencies: ["Checks", "RaccordCore", "RaccordTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "RaccordKitTests",
      dependencies: [
        "RaccordKit", "RaccordCore", "Importers", "Store", "Matching", "Exports", "Checks", "XMLStreaming",
        "RaccordTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Fixtures", "Snapshots"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "StoreTests",
      dependencies: ["Store", "RaccordCore", "RaccordTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ExportsTests",
      dependencies: ["Exports", "RaccordCore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "RaccordWebTests",
      dependencies: [
        "RaccordWeb", "RaccordKit", "RaccordCore", "Store", "Matching", "RaccordTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "raccord", "Checks", "RaccordBench", "RaccordTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: swiftSettings
    ),
  ]
)
