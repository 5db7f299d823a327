// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "handbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handbook", targets: ["handbook"]),
        .executable(name: "handbook-fuzz", targets: ["HandbookFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `handbook import`: the zip container of .xlsx/.docx, their XML, and CSV. Exact versions:
        // the machine's package set has only these.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", exact: "8.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libyaml, from the system (apt libyaml-dev), read by HandbookCore's YAMLComposer alone.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The only module that imports CCmark.
        .target(name: "HandbookMarkdown", dependencies: ["CCmark", "HandbookTemplate"]),
        // The default theme, shipped as a resource; `templates/` at the top of the repository
        // is a link to it (one source of truth).
        .target(name: "HandbookTheme", resources: [.copy("templates")]),
        // Mustache templates compiled once and rendered over typed values (see README, Performance).
        .target(name: "HandbookTemplate"),
        .target(
            name: "HandbookCore",
            dependencies: [
                "HandbookMarkdown", "HandbookTheme", "HandbookTemplate", "CYAML",
            ]
        ),
        // Preview server and watcher, kept out of the core.
        .target(
            name: "HandbookServer",
            dependencies: [
                "HandbookCore", "HandbookTemplate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `handbook import`: responsibility tables from Word, Excel, CSV and Markdown into process
        // files. Kept out of the core, which never reads office files.
        .target(
            name: "HandbookImport",
            dependencies: [
                "HandbookCore", "HandbookMarkdown",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .executableTarget(
            name: "handbook",
            dependencies: [
                "HandbookCore", "HandbookServer", "HandbookImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (apt libjemalloc-dev) replaces glibc's malloc: millions of small view-model
            // allocations on two threads; 9% less CPU at 2,000 processes, 19% at 20,000 (README).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .executableTarget(name: "HandbookFuzz", dependencies: ["HandbookCore"]),
        .testTarget(name: "HandbookMarkdownTests", dependencies: ["HandbookMarkdown"]),
        .testTarget(name: "HandbookTemplateTests", dependencies: ["HandbookTemplate"], resources: [.copy("Spec")]),
        .testTarget(name: "HandbookServerTests", dependencies: ["HandbookServer"]),
        .testTarget(
            name: "HandbookImportTests",
            dependencies: ["HandbookImport", "HandbookCore", .product(name: "SWXMLHash", package: "SWXMLHash")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HandbookCoreTests",
            dependencies: ["HandbookCore"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
