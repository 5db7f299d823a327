import Foundation
import Testing
@testable import HandbookCore

/// The output folder is written whole or not at all, and the same input gives the same bytes.
@Suite("Atomic, reproducible output")
struct OutputTests {
    static let unknownOwner = "content/processes/broken.md"
    static let broken = """
        ---
        title: 坏流程
        owner: no-such-department
        status: approved
        steps:
          - {id: 1, name: 某步骤, responsible: customer-service, duties: 做事, outputs: [结果]}
        ---
        """

    @Test("A build with an error publishes nothing and leaves the previous output byte-identical")
    func failedBuildKeepsOutput() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let first = try await handbook.build()
        #expect(first.report.published)
        let before = first.snapshot()
        #expect(before.count > 20)

        try handbook.write([Self.unknownOwner: Self.broken, "content/guides/new.md": "# 新页面\n"])
        let second = try await handbook.build()
        #expect(!second.report.published)
        #expect(second.report.output == nil)
        #expect(second.report.pageCount == 0)
        #expect(second.errors.map(\.rule) == ["handbook.reference.unknown-department"])
        #expect(second.snapshot() == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: handbook.folder.path).sorted()
        #expect(siblings == ["handbook", "site"], "no staging folder is left behind")
    }

    @Test("A failed first build creates no output folder")
    func failedFirstBuild() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [Self.unknownOwner: Self.broken])
        let site = try await handbook.build()
        #expect(!site.report.published)
        #expect(!FileManager.default.fileExists(atPath: handbook.output.path))
    }

    @Test("A theme error also leaves the previous output as it was")
    func themeErrorKeepsOutput() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let before = try await handbook.build().snapshot()
        try handbook.write(["templates/page.mustache": "{{> missing-partial}}\n"])
        let site = try await handbook.build()
        #expect(!site.report.published)
        #expect(site.snapshot() == before)
    }

    @Test("A successful rebuild replaces the output whole: removed pages disappear")
    func rebuildReplaces() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["content/guides/old.md": "# 旧页面\n"])
        #expect(try await handbook.build().exists("guides/old/index.html"))
        try FileManager.default.removeItem(at: handbook.root.appendingPathComponent("content/guides/old.md"))
        try "stray".write(to: handbook.output.appendingPathComponent("stray.txt"), atomically: true, encoding: .utf8)
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(!site.exists("guides/old/index.html"))
        #expect(!site.exists("stray.txt"))
    }

    @Test("Warnings do not stop a build; --strict makes them errors and stops it")
    func strict() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/guides/typo.md": "---\ntitel: 拼错的键\n---\n# 页面\n",
        ])
        let relaxed = try await handbook.build()
        #expect(relaxed.report.published)
        let warning = try #require(relaxed.report.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.rule == "handbook.frontmatter.unknown-key")
        #expect(warning.notes == ["did you mean title?"])
        let strictOutput = handbook.folder.appendingPathComponent("strict")
        let strict = try await handbook.build(output: strictOutput, strict: true)
        #expect(!strict.report.published)
        #expect(strict.errors.map(\.rule) == ["handbook.frontmatter.unknown-key"])
        #expect(!FileManager.default.fileExists(atPath: strictOutput.path))
    }

    @Test("Two builds with the same date are byte-identical", arguments: [false, true])
    func reproducible(drafts: Bool) async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/refund.md": DraftTests.process("refund", status: "draft", mark: "草稿"),
        ])
        let a = try await handbook.build(output: handbook.folder.appendingPathComponent("a"), drafts: drafts)
        let b = try await handbook.build(output: handbook.folder.appendingPathComponent("b"), drafts: drafts)
        let (first, second) = (a.snapshot(), b.snapshot())
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first where second[path] != data {
            Issue.record("\(path) differs between two builds")
        }
    }

    @Test("The build date is what pages print")
    func printedDate() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let site = try await handbook.build(date: Date(timeIntervalSince1970: 1_800_000_000)) // 2027-01-15 UTC
        #expect(site.text("training/customer-service/index.html").contains("2027-01-15"))
        #expect(!site.text("training/customer-service/index.html").contains("2026-01-01 ·"))
    }

    /// A page written in pieces, cut anywhere (even inside a root link), is the same file as
    /// the page written whole: links made relative, nothing lost or doubled at the seams.
    /// Roots shorter and longer than the `"hb-root:/` they replace (a page at the top, two and
    /// five folders down).
    @Test("A page written in pieces is byte-identical to the page written whole",
          arguments: ["", "../../", "../../../../../"])
    func streamedPageMatchesWholePage(root: String) throws {
        let page = Array(#"<a href="hb-root:/processes/x/">流程</a><img src="hb-root:/a.png">"hb-root:/"hb-root"#.utf8)
            + Array(#"<a href="hb-root:/">首页</a>"#.utf8)
        let whole = RootLink.relativize(page, root: root)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for cut in 0...page.count {
            for second in [cut, min(page.count, cut + 3), page.count] {
                let path = folder.appendingPathComponent("\(cut)-\(second).html").path
                do {
                    let file = try OutputWriter.OpenFile(path)
                    // What the renderer does: add bytes, hand the buffer over, keep what is left.
                    var buffer = Array(page[..<cut])
                    try file.write(&buffer, root: root, final: false)
                    buffer += page[cut..<second]
                    try file.write(&buffer, root: root, final: false)
                    buffer += page[second...]
                    try file.write(&buffer, root: root, final: true)
                    #expect(buffer.isEmpty)
                }
                #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == whole, "cut at \(cut), \(second)")
            }
        }
    }

    /// `serve` and the build make a streamed file the same way: a large page and the two data
    /// files come out whole through `Contents.bytes` as well as through the writer.
    @Test("Streamed files read whole match what the build writes")
    func streamedContentsMatchTheWrittenSite() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let built = try await handbook.build()
        let (site, _) = await Pipeline.render(handbook.options())
        let rendered = try #require(site)
        for path in [Routes.matrix, Routes.data, SearchIndex.path, Routes.training("customer-service")] {
            let written = try Data(contentsOf: built.folder.appendingPathComponent(path))
            #expect(rendered.contents(of: path) == Array(written), "\(path)")
        }
    }

    /// A killed build's staging folder is cleared by the next build; one belonging to a build
    /// still running (two builds of one output at once) is left alone.
    @Test("Leftover staging folders of dead builds are removed, a running build's are not")
    func leftoversOfLiveBuildsStay() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let parent = handbook.output.deletingLastPathComponent()
        let name = handbook.output.lastPathComponent
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let live = parent.appendingPathComponent(".\(name).staging-\(getpid())-999")
        // A build whose process id means nothing here (another container) but holds its lock.
        let locked = parent.appendingPathComponent(".\(name).staging-\(dead)-7")
        let leftovers = [parent.appendingPathComponent(".\(name).staging-\(dead)-1"), parent.appendingPathComponent(".\(name).old-\(dead)"),
                         parent.appendingPathComponent(".\(name).staging-\(getpid())-998")]
        for folder in [live, locked] + leftovers {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("半成品".utf8).write(to: folder.appendingPathComponent("index.html"))
        }
        // The last leftover has a lock file nobody holds: its build was killed.
        FileManager.default.createFile(atPath: leftovers[2].path + ".lock", contents: nil)
        let held = open(locked.path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        #expect(held >= 0 && flock(held, LOCK_EX | LOCK_NB) == 0)
        defer { close(held) }
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(FileManager.default.fileExists(atPath: live.appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: locked.appendingPathComponent("index.html").path))
        for folder in leftovers { #expect(!FileManager.default.fileExists(atPath: folder.path), "\(folder.lastPathComponent)") }
        #expect(!FileManager.default.fileExists(atPath: leftovers[2].path + ".lock"))
        // No lock file of this build is left beside the output.
        let locks = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasSuffix(".lock") }
        #expect(locks == [locked.lastPathComponent + ".lock"], "\(locks)")
    }

    /// `serve`: a page asked for by several browsers at once is rendered once, and every one
    /// of them gets it whole.
    @Test("Simultaneous first requests for one page render it once")
    func simultaneousRequestsRenderOnce() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let (made, _) = await Pipeline.render(handbook.options())
        let site = try #require(made)
        let paths = [Routes.matrix, Routes.training("customer-service"), Routes.process("complaint-intake")]
        let results = await withTaskGroup(of: (String, [UInt8]?).self) { group in
            for index in 0..<24 {
                let path = paths[index % paths.count]
                group.addTask { (path, site.contents(of: path)) }
            }
            return await group.reduce(into: [(String, [UInt8]?)]()) { $0.append($1) }
        }
        #expect(site.renderCount == paths.count)
        for path in paths {
            let copies = Set(results.filter { $0.0 == path }.map { $0.1 ?? [] })
            #expect(copies.count == 1 && copies.first?.isEmpty == false, "\(path)")
        }
    }
}
