import Foundation
import Testing
@testable import HandbookCore

/// The parsed old versions kept between builds in `.git/handbook-history.cache` (`VersionCache`):
/// a second build reads them from there, not from git, and writes the same bytes; a damaged or
/// stale cache is never trusted.
@Suite("Cache of parsed old versions")
struct VersionCacheTests {
    /// Every stored field of a value, recursively, but `skipping`'s.
    static func describe(_ value: Any, skipping: Set<String> = ["text", "dutiesSource", "stepAnchors"]) -> String {
        let mirror = Mirror(reflecting: value)
        guard !mirror.children.isEmpty else { return "\(value)" }
        let fields = mirror.children.filter { !skipping.contains($0.label ?? "") }
            .map { "\($0.label ?? "_"): \(describe($0.value, skipping: skipping))" }
        return "\(mirror.subjectType)(\(fields.joined(separator: ", ")))"
    }

    static func cacheFile(_ handbook: TestHandbook) -> URL {
        handbook.root.appendingPathComponent(".git/\(VersionCache.fileName)")
    }

    @Test("Every process of the sample handbook reads back as parsed, field by field, positions included")
    func roundTrip() throws {
        let folder = TestHandbook.repositoryRoot.appendingPathComponent("content/processes")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let file = SourceFile(path: "content/processes/\(name)", contentPath: "processes/\(name)", kind: .process, text: text)
            guard case .process(let raw)? = DocumentParser.parse(file).0 else { Issue.record("\(name) did not parse"); continue }
            let bytes = RawProcessCodec.encode(raw)
            var bare = file
            bare.text = ""
            let back = try #require(bytes.withUnsafeBytes { RawProcessCodec.decode($0, file: bare) })
            #expect(Self.describe(back) == Self.describe(raw), "\(name)")
            #expect(back.stepAnchors == raw.stepAnchors)
            #expect(back.steps.count == raw.steps.count && !raw.steps.isEmpty)
            // Cut anywhere, the bytes are refused, never half read.
            for cut in [1, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
                #expect(bytes.withUnsafeBytes { RawProcessCodec.decode(UnsafeRawBufferPointer(rebasing: $0[..<cut]), file: bare) } == nil,
                        "\(name) cut at \(cut)")
            }
        }
    }

    @Test("A cache written by another handbook executable, cut short or not a cache is not read")
    func refused() {
        var cache = VersionCache()
        cache.entries[HistoryReader.Key(blob: "abc", path: "processes/x.md")] = .init(payload: nil, textHash: 7)
        let bytes = cache.encoded(stamp: 42)
        #expect(VersionCache.decode(bytes, stamp: 42)?.entries.count == 1)
        #expect(VersionCache.decode(bytes, stamp: 43) == nil)
        #expect(VersionCache.decode(Array(bytes.dropLast()), stamp: 42) == nil)
        #expect(VersionCache.decode(Array("not a cache".utf8), stamp: 42) == nil)
        #expect(VersionCache.decode(bytes + [0], stamp: 42) == nil)
    }

    @Test("A second build reads the old versions from the cache, not from git, and writes the same bytes")
    func secondBuild() async throws {
        let handbook = try HistoryTests.repository()
        let first = try await HistoryTests.build(handbook)
        #expect(first.errors.isEmpty)
        let cache = Self.cacheFile(handbook)
        #expect(FileManager.default.fileExists(atPath: cache.path))
        let page = first.text("processes/complaints/changes.html")
        #expect(page.contains("接收后15分钟内") && page.contains("数据归档"))

        // The old versions' blobs gone from git: only the cache can still know them.
        let today = try GitRepo.git(["rev-parse", "HEAD:content/processes/complaints.md"], in: handbook.root)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let blobs = try GitRepo.git(["rev-list", "--objects", "--all"], in: handbook.root).split(separator: "\n")
            .filter { $0.contains("processes/complaint") }.map { String($0.prefix(40)) }.filter { $0 != today }
        #expect(blobs.count >= 3)
        for blob in blobs {
            try FileManager.default.removeItem(at: handbook.root.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"))
        }
        var options = handbook.options()
        options.history = true
        options.output = handbook.folder.appendingPathComponent("second")
        let report = try await Pipeline.build(options)
        #expect(report.notices.isEmpty, "\(report.notices.map(\.en))")
        #expect(BuiltSite.snapshot(of: options.output!) == BuiltSite.snapshot(of: first.folder))

        // Without the cache the same blobs are missing, and the build says so.
        try FileManager.default.removeItem(at: cache)
        options.output = handbook.folder.appendingPathComponent("third")
        let without = try await Pipeline.build(options)
        #expect(without.notices.contains { $0.en.contains("missing from git") }, "\(without.notices.map(\.en))")
    }

    @Test("A damaged cache is read as none: the build is the same, and the cache is written anew")
    func damaged() async throws {
        let handbook = try HistoryTests.repository()
        let first = try await HistoryTests.build(handbook)
        let cache = Self.cacheFile(handbook)
        let good = try Data(contentsOf: cache)
        // Whole, but every version's bytes inside it garbage.
        var garbled = try #require(VersionCache.decode([UInt8](good)))
        for (key, entry) in garbled.entries where entry.payload != nil {
            garbled.entries[key]?.payload = VersionCache.Payload([7, 7, 7])
        }
        for damage in [good.prefix(good.count / 2), Data("HBHC garbage".utf8), Data(), Data(garbled.encoded())] {
            try damage.write(to: cache)
            var options = handbook.options()
            options.history = true
            options.output = handbook.folder.appendingPathComponent("again")
            let report = try await Pipeline.build(options)
            #expect(report.published && report.notices.isEmpty)
            #expect(BuiltSite.snapshot(of: options.output!) == BuiltSite.snapshot(of: first.folder))
            #expect(try Data(contentsOf: cache) == good)
        }
    }

    @Test("A handbook in a folder of its repository keeps a cache of its own")
    func handbookInAFolder() async throws {
        let handbook = try TestHandbook(HistoryTests.departments)
        let path = "content/processes/complaint.md"
        try GitRepo.git(["init", "-q", "-b", "main"], in: handbook.folder)
        for (version, changes, day) in [("1.0", HistoryTests.v10, 2), ("1.1", HistoryTests.v11, 5)] {
            try handbook.write([path: HistoryTests.process(version: version, changes: changes, receiveDeadline: "接收后\(day)0分钟内")])
            try GitRepo.git(["add", "handbook"], in: handbook.folder)
            let date = "2026-01-0\(day)T10:00:00+00:00"
            try GitRepo.git(["commit", "-q", "-m", "批准 \(version)"], in: handbook.folder,
                            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        }
        let first = try await HistoryTests.build(handbook)
        #expect(first.text("processes/complaint/changes.html").contains("接收后50分钟内"))
        let git = handbook.folder.appendingPathComponent(".git")
        #expect(FileManager.default.fileExists(atPath: git.appendingPathComponent(VersionCache.fileName(folder: "handbook/")).path))
        #expect(!FileManager.default.fileExists(atPath: git.appendingPathComponent(VersionCache.fileName).path))
        var options = handbook.options()
        options.history = true
        options.output = handbook.folder.appendingPathComponent("again")
        _ = try await Pipeline.build(options)
        #expect(BuiltSite.snapshot(of: options.output!) == BuiltSite.snapshot(of: first.folder))
    }
}
