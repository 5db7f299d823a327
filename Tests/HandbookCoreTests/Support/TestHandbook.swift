import Foundation
import Testing
@testable import HandbookCore

/// A handbook written into a fresh temporary folder (removed when the value goes away):
/// optionally a copy of a folder under `Fixtures/`, plus files given as `[path: text]`.
final class TestHandbook: Sendable {
    /// The temporary folder: `handbook/` (the root) and the default output `site/` live in it.
    let folder: URL
    let root: URL
    var output: URL { folder.appendingPathComponent("site", isDirectory: true) }

    /// The date every test build prints, so builds can be compared byte for byte.
    static let date = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01

    init(fixture: String? = nil, _ files: [String: String] = [:]) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("handbook-tests-\(UUID().uuidString)", isDirectory: true)
        root = folder.appendingPathComponent("handbook", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let fixture {
            try FileManager.default.copyItem(at: Self.fixture(fixture), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        try write(files)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ files: [String: String]) throws {
        for (path, text) in files { try write(path, Data(text.utf8)) }
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// A source file of the handbook, as text.
    func source(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func options(output: URL? = nil, drafts: Bool = false, strict: Bool = false,
                 date: Date = TestHandbook.date, keepSpare: Bool = true) -> Pipeline.Options {
        var options = Pipeline.Options(root: root, output: output ?? self.output, drafts: drafts, strict: strict, date: date)
        options.keepSpare = keepSpare
        return options
    }

    func build(output: URL? = nil, drafts: Bool = false, strict: Bool = false,
               date: Date = TestHandbook.date, keepSpare: Bool = true) async throws -> BuiltSite {
        let options = options(output: output, drafts: drafts, strict: strict, date: date, keepSpare: keepSpare)
        let report = try await Pipeline.build(options)
        return BuiltSite(report: report, folder: options.output!, handbook: self)
    }

    func check(drafts: Bool = false) async -> Pipeline.Report {
        await Pipeline.check(options(drafts: drafts))
    }

    // MARK: Where things are

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name, isDirectory: true)
    }

    /// The repository, whose root is also the sample handbook.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// The result of a build: the report and the output folder, with ways to look into it.
struct BuiltSite {
    var report: Pipeline.Report
    var folder: URL
    /// Keeps the temporary handbook (and the output inside its folder) alive while the site is looked at.
    var handbook: TestHandbook? = nil

    var errors: [Diagnostic] { report.diagnostics.filter { $0.severity == .error } }

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    func text(_ path: String) -> String {
        (try? String(contentsOf: url(path), encoding: .utf8)) ?? ""
    }

    /// Every regular file of the output, relative paths, sorted.
    func files() -> [String] { Self.files(in: folder) }

    static func files(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        let base = folder.resolvingSymlinksInPath().pathComponents.count
        var paths: [String] = []
        for case let url as URL in enumerator
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            paths.append(url.resolvingSymlinksInPath().pathComponents.dropFirst(base).joined(separator: "/"))
        }
        return paths.sorted()
    }

    /// Every file with its bytes, for byte-for-byte comparisons.
    func snapshot() -> [String: Data] { Self.snapshot(of: folder) }

    static func snapshot(of folder: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: files(in: folder).map {
            ($0, (try? Data(contentsOf: folder.appendingPathComponent($0))) ?? Data())
        })
    }

    /// Output files (HTML, JSON, …) whose text contains `needle`.
    func filesContaining(_ needle: String) -> [String] {
        files().filter { text($0).contains(needle) }
    }
}
