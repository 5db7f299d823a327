import Foundation
import Testing
@testable import HandbookCore

/// A rebuild writes over the previous output's spare copy (`.site.spare`) instead of creating
/// every file anew. What users see must be exactly what a build from nothing gives, and nothing
/// found in the spare may change anything outside it.
@Suite("Rebuilds write over the spare")
struct SpareOutputTests {
    var spare: (TestHandbook) -> URL = { $0.folder.appendingPathComponent(".site.spare", isDirectory: true) }

    /// The same content built from nothing, elsewhere, for comparison.
    func fresh(_ handbook: TestHandbook) async throws -> [String: Data] {
        let elsewhere = handbook.folder.appendingPathComponent("fresh-\(UUID().uuidString)", isDirectory: true)
        let site = try await handbook.build(output: elsewhere, keepSpare: false)
        #expect(site.report.published)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        return site.snapshot()
    }

    /// The fixture built twice: the second build keeps the first one's output as the spare.
    static func builtTwice(_ files: [String: String] = [:]) async throws -> TestHandbook {
        let handbook = try TestHandbook(fixture: "valid-basic", files)
        _ = try await handbook.build()
        _ = try await handbook.build()
        return handbook
    }

    func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    @Test("A rebuild over the spare publishes exactly what a fresh build does, removed pages included")
    func rebuildMatchesFreshBuild() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["content/guides/old.md": "# 旧页面\n\n很长的一段说明。\n"])
        let first = try await handbook.build()
        let homeInode = inode(first.url("index.html"))
        _ = try await handbook.build()
        #expect(FileManager.default.fileExists(atPath: spare(handbook).appendingPathComponent("guides/old/index.html").path))

        try FileManager.default.removeItem(at: handbook.root.appendingPathComponent("content/guides/old.md"))
        try handbook.write(["content/guides/new.md": "# 新页面\n", "content/index.md": "# 首页\n\n短。\n"])
        let third = try await handbook.build()
        #expect(third.report.published)
        #expect(third.snapshot() == (try await fresh(handbook)))
        #expect(!third.exists("guides/old/index.html") && !third.exists("guides/old"))
        #expect(third.exists("guides/new/index.html"))
        // The first build's files were written over, not made anew.
        #expect(inode(third.url("index.html")) == homeInode)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: handbook.folder.path).sorted()
        #expect(siblings == [".site.spare", "handbook", "site"])
    }

    @Test("A copy of the site made with hard links (cp -al) keeps its contents through rebuilds")
    func hardLinkedCopyIsNotWrittenThrough() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let first = try await handbook.build()
        let before = first.snapshot()
        let copy = handbook.folder.appendingPathComponent("deployed", isDirectory: true)
        for path in first.files() {
            let target = copy.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.linkItem(at: first.url(path), to: target)
        }
        try handbook.write(["content/index.md": "# 改过的首页\n"])
        _ = try await handbook.build()
        let third = try await handbook.build()  // writes over the first build's folder
        #expect(BuiltSite.snapshot(of: copy) == before)
        #expect(third.snapshot() == (try await fresh(handbook)))
        #expect(third.text("index.html").contains("改过的首页"))
    }

    @Test("Links, folders and files found in the spare in place of what a build writes lead nowhere")
    func tamperedSpareIsContained() async throws {
        let handbook = try await Self.builtTwice()
        let spare = spare(handbook), manager = FileManager.default
        let secret = handbook.folder.appendingPathComponent("secret.txt")
        try Data("机密".utf8).write(to: secret)
        let elsewhere = handbook.folder.appendingPathComponent("elsewhere", isDirectory: true)
        try manager.copyItem(at: spare.appendingPathComponent("processes"), to: elsewhere)
        let elsewhereBefore = BuiltSite.snapshot(of: elsewhere)
        #expect(!elsewhereBefore.isEmpty)
        // A file that is a link out, a folder that is a link out, a folder where a file goes,
        // a file where a folder goes.
        try manager.removeItem(at: spare.appendingPathComponent("index.html"))
        try manager.createSymbolicLink(at: spare.appendingPathComponent("index.html"), withDestinationURL: secret)
        try manager.removeItem(at: spare.appendingPathComponent("processes"))
        try manager.createSymbolicLink(at: spare.appendingPathComponent("processes"), withDestinationURL: elsewhere)
        try manager.removeItem(at: spare.appendingPathComponent("404.html"))
        try manager.createDirectory(at: spare.appendingPathComponent("404.html/inside"), withIntermediateDirectories: true)
        try manager.removeItem(at: spare.appendingPathComponent("matrix"))
        try Data("不是文件夹".utf8).write(to: spare.appendingPathComponent("matrix"))

        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(try Data(contentsOf: secret) == Data("机密".utf8))
        #expect(BuiltSite.snapshot(of: elsewhere) == elsewhereBefore)
        #expect(site.snapshot() == (try await fresh(handbook)))
    }

    @Test("--no-spare keeps no spare; a .spare folder that no build wrote is left alone")
    func noSpareAndForeignSpare() async throws {
        let handbook = try await Self.builtTwice()
        #expect(FileManager.default.fileExists(atPath: spare(handbook).path))
        _ = try await handbook.build(keepSpare: false)
        #expect(!FileManager.default.fileExists(atPath: spare(handbook).path))
        _ = try await handbook.build(keepSpare: false)
        #expect(!FileManager.default.fileExists(atPath: spare(handbook).path))

        let mine = spare(handbook).appendingPathComponent("mine.txt")
        try FileManager.default.createDirectory(at: spare(handbook), withIntermediateDirectories: true)
        try Data("我的".utf8).write(to: mine)
        for _ in 0..<2 {
            let site = try await handbook.build()
            #expect(site.report.published)
            #expect(site.snapshot() == (try await fresh(handbook)))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: spare(handbook).path) == ["mine.txt"])
    }

    @Test("A file renamed to a canonically equivalent name (NFD to NFC) leaves no stale copy")
    func canonicallyEquivalentNameIsPruned() async throws {
        let nfd = "cafe\u{301}.txt", nfc = "caf\u{E9}.txt"
        let handbook = try await Self.builtTwice(["content/\(nfd)": "old\n"])
        try FileManager.default.removeItem(atPath: handbook.root.path + "/content/" + nfd)
        try handbook.write(["content/\(nfc)": "new\n"])
        let site = try await handbook.build()
        let names = Set((FolderListing.entries(of: site.folder.path, hidden: true) ?? []).map { Array($0.name.utf8) })
        #expect(names.contains(Array(nfc.utf8)))
        #expect(!names.contains(Array(nfd.utf8)))
    }

    @Test("Files and folders written over get the modes a fresh build gives them")
    func modesAreThoseOfAFreshBuild() async throws {
        let handbook = try await Self.builtTwice()
        let spare = spare(handbook)
        for path in BuiltSite.files(in: spare) { chmod(spare.path + "/" + path, 0o600) }
        for folder in ["processes", "processes/complaint-intake", "assets"] { chmod(spare.path + "/" + folder, 0o700) }
        let site = try await handbook.build()
        let elsewhere = handbook.folder.appendingPathComponent("fresh-modes", isDirectory: true)
        _ = try await handbook.build(output: elsewhere, keepSpare: false)
        func mode(_ url: URL) -> mode_t {
            var info = stat()
            return lstat(url.path, &info) == 0 ? info.st_mode & 0o7777 : 0
        }
        for path in site.files() + ["processes", "processes/complaint-intake", "assets"] {
            #expect(mode(site.url(path)) == mode(elsewhere.appendingPathComponent(path)), "\(path)")
        }
    }

    @Test("A FIFO in the spare where a page goes is replaced, not opened (which would wait for a reader)")
    func fifoIsReplaced() async throws {
        let handbook = try await Self.builtTwice()
        let fifo = spare(handbook).appendingPathComponent("index.html").path
        try FileManager.default.removeItem(atPath: fifo)
        #expect(mkfifo(fifo, 0o644) == 0)
        // Should the build block on the FIFO (by then in its staging folder), a reader opened
        // after 20 s frees it: a failure, not a hang.
        let watchdog = Watchdog(), folder = handbook.folder.path
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 20)
            guard !watchdog.finished else { return }
            watchdog.rescued = true
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(".site.staging-") {
                _ = open(folder + "/" + entry + "/index.html", O_RDONLY | O_NONBLOCK)
            }
        }
        let site = try await handbook.build()
        watchdog.finished = true
        #expect(!watchdog.rescued)
        #expect(site.snapshot() == (try await fresh(handbook)))
    }

    @Test("What cannot be written over or removed in the spare makes the build start again in an empty folder")
    func unremovableJunkFallsBackToAFreshFolder() async throws {
        let handbook = try await Self.builtTwice()
        // A folder where the home page goes, holding a file whose name is not UTF-8: the
        // listing cannot name it, so neither it nor its folder can be removed.
        let folder = spare(handbook).appendingPathComponent("index.html").path
        try FileManager.default.removeItem(atPath: folder)
        #expect(mkdir(folder, 0o755) == 0)
        let name = Array((folder + "/").utf8) + [0xFF, 0x41, 0]
        let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        close(fd)
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(site.snapshot() == (try await fresh(handbook)))
        #expect(site.text("index.html").contains("<html"))
    }
}

/// Flags shared with a watchdog thread.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var flags = (finished: false, rescued: false)
    var finished: Bool {
        get { lock.withLock { flags.finished } }
        set { lock.withLock { flags.finished = newValue } }
    }
    var rescued: Bool {
        get { lock.withLock { flags.rescued } }
        set { lock.withLock { flags.rescued = newValue } }
    }
}
