import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HandbookCore
import HandbookServer
import Testing

/// `handbook serve` end to end: a real server on a free loopback port, spoken to over raw TCP.
@Suite("Preview server", .timeLimit(.minutes(1)))
struct PreviewServerTests {
    static let snippet = "EventSource(\"/__handbook/events\")"

    /// `var v=N` of the reload snippet on a served page.
    static func pageVersion(_ html: String) -> Int? {
        html.firstMatch(of: /var v=(\d+);/).flatMap { Int($0.output.1) }
    }

    /// The versions of the `data: N` lines of an event stream, in order.
    static func eventVersions(_ bytes: [UInt8]) -> [Int] {
        String(decoding: bytes, as: UTF8.self).matches(of: /data: (\d+)\n\n/).compactMap { Int($0.output.1) }
    }

    @Test("Serves the site built in memory, with the reload snippet in HTML only, and writes nothing")
    func serves() async throws {
        let handbook = try ServedHandbook()
        let before = Set(try FileManager.default.subpathsOfDirectory(atPath: handbook.folder.path))
        try await handbook.start()

        let home = try await handbook.get("/")
        #expect(home.status == 200)
        #expect(home.contentType.hasPrefix("text/html"))
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.text.contains("欢迎使用预览手册"))
        #expect(home.text.contains(Self.snippet))
        #expect(home.text.contains("</script></body>"), "the snippet goes just before </body>")
        #expect(!home.text.contains("handbook-errors"))
        #expect(Self.pageVersion(home.text) == 1, "one build so far")

        let process = try await handbook.get("/processes/alpha/")
        #expect(process.status == 200)
        #expect(process.text.contains("<h1>阿尔法流程</h1>"))
        #expect(process.text.contains(Self.snippet))

        let css = try await handbook.get("/assets/style.css")
        #expect(css.status == 200)
        #expect(css.contentType.hasPrefix("text/css"))
        #expect(css.text.contains("@media print"))
        #expect(!css.text.contains("EventSource"), "only HTML gets the snippet")

        let js = try await handbook.get("/assets/search.js")
        #expect(js.status == 200)
        #expect(js.contentType.hasPrefix("text/javascript"))
        #expect(!js.text.contains(Self.snippet))

        let json = try await handbook.get("/handbook.json")
        #expect(json.status == 200)
        #expect(json.contentType.hasPrefix("application/json"))
        #expect(json.text.contains("阿尔法流程"))
        #expect(!json.text.contains("EventSource"))

        // Nothing was written: not public/, not anything else beside the sources.
        #expect(!FileManager.default.fileExists(atPath: handbook.root.appendingPathComponent("public").path))
        let after = Set(try FileManager.default.subpathsOfDirectory(atPath: handbook.folder.path))
        #expect(after == before, "serve wrote \(after.subtracting(before).sorted())")
        try await handbook.stop()
    }

    @Test("A folder without its slash redirects; a missing page is 404 with the site's 404 page")
    func redirectsAndNotFound() async throws {
        let handbook = try ServedHandbook()
        try await handbook.start()

        let redirect = try await handbook.get("/processes/alpha")
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "/processes/alpha/")

        for missing in ["/no/such/page/", "/processes/beta/", "/nothing.css", "/%252e%252e/handbook.yml"] {
            let response = try await handbook.get(missing)
            #expect(response.status == 404, "\(missing)")
            #expect(response.contentType.hasPrefix("text/html"), "\(missing)")
            #expect(response.text.contains("页面未找到"), "\(missing): not the site's 404 page")
            #expect(response.text.contains(Self.snippet), "\(missing): the 404 page reloads too")
            #expect(!response.text.contains(ServedHandbook.configSentinel))
            #expect(response.headers["cache-control"] == "no-store", "\(missing): a 404 must not be cached past the next edit")
            // Its links are relative to the root: answering for a nested path it sets the base, or its stylesheet misses.
            #expect(response.text.contains("<base href=\"/\">") == missing.dropFirst().contains("/"), "\(missing)")
            // Its skip link stays on the page asked for, not the home page the base would lead to.
            #expect(response.text.contains("href=\"\(missing.dropFirst().contains("/") ? missing : "")#main\""), "\(missing)")
        }

        let post = try await RawHTTP.request("/", port: handbook.port, method: "POST")
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
        try await handbook.stop()
    }

    @Test("Traversal over raw TCP never returns a file from outside the site")
    func traversal() async throws {
        let handbook = try ServedHandbook()
        try await handbook.start()
        for target in [
            "/../handbook.yml", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fhandbook.yml", "/%2E%2E%2Fhandbook.yml",
            "/assets/../../handbook.yml", "/..%5chandbook.yml", "/handbook.yml%00.html", "/content/processes/alpha.md",
            "/../content/processes/alpha.md", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname",
        ] {
            let response = try await handbook.get(target)
            #expect([400, 404].contains(response.status), "\(target) → \(response.status)")
            #expect(!response.text.contains(ServedHandbook.configSentinel), "\(target) served handbook.yml")
            #expect(!response.text.contains("root:"), "\(target) served /etc/passwd")
            #expect(!response.text.contains("阿尔法流程正文"), "\(target) served a source file")
        }
        #expect(try await handbook.get("/../handbook.yml").status == 400, "a plain `..` is refused outright")
        try await handbook.stop()
    }

    @Test("Edits are served live; a broken handbook keeps the last good site with an error overlay")
    func liveReload() async throws {
        let handbook = try ServedHandbook()
        try await handbook.start()

        // The event stream announces the current version, and each rebuild's.
        let events = try RawConnection.open(port: handbook.port)
        defer { events.close() }
        try await events.send("GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        try await events.read { !Self.eventVersions($0).isEmpty }
        let head = String(decoding: events.received, as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(head.lowercased().contains("content-type: text/event-stream"))
        #expect(Self.eventVersions(events.received) == [1])
        let first = try await handbook.get("/processes/alpha/")
        #expect(Self.pageVersion(first.text) == 1, "page and stream agree, so the page does not reload in a loop")

        // Give the watcher a poll to take its first look before the first edit.
        try await Task.sleep(for: .milliseconds(300))

        // 1. A new title is served.
        try handbook.write("content/processes/alpha.md", ServedHandbook.process(title: "贝塔流程", owner: "ops"))
        let (edited, editSeen) = try await handbook.poll("/processes/alpha/", timeout: ServedHandbook.patience) {
            $0.text.contains("<h1>贝塔流程</h1>")
        }
        #expect(editSeen, "the new title was not served")
        #expect(edited.status == 200)
        #expect(!edited.text.contains("<h1>阿尔法流程"))
        let editedVersion = try #require(Self.pageVersion(edited.text))
        #expect(editedVersion > 1)
        try await events.read { Self.eventVersions($0).contains(editedVersion) }
        #expect(Self.eventVersions(events.received).contains(editedVersion), "no `data: \(editedVersion)` after the rebuild")

        // 2. An unknown owner: the last good page stays, with the diagnostic over it.
        try handbook.write("content/processes/alpha.md", ServedHandbook.process(title: "伽马流程", owner: "nobody"))
        let (broken, overlaid) = try await handbook.poll("/processes/alpha/", timeout: ServedHandbook.patience) {
            $0.text.contains("handbook-errors")
        }
        #expect(overlaid, "no error overlay within 2 s")
        #expect(broken.status == 200)
        #expect(broken.text.contains("<h1>贝塔流程</h1>"), "the last good page is still served")
        #expect(!broken.text.contains("伽马流程"), "nothing of the broken build is served")
        #expect(broken.text.contains("content/processes/alpha.md:3:8: error:"), "the overlay names path:line:col")
        #expect(broken.text.contains("nobody"))
        #expect(broken.text.contains("[handbook.reference.unknown-department]"))
        let missing = try await handbook.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("handbook-errors"), "the overlay is on every served page")
        let css = try await handbook.get("/assets/style.css")
        #expect(!css.text.contains("handbook-errors"))
        #expect(handbook.log.contains { $0.contains("content/processes/alpha.md:3:8") })
        // In the handbook's language (zh-CN, the default): the log, the overlay's heading and its lines.
        #expect(handbook.log.contains { $0.hasPrefix("生成失败（1 个错误），仍提供上一次成功生成的网站") }, "\(handbook.log)")
        #expect(broken.text.contains("<strong>生成失败：下面是上一次成功生成的网站（如有）。</strong>"))
        #expect(broken.text.contains("没有部门“nobody”"))

        // 3. Fixed again: the overlay goes, the new title comes.
        try handbook.write("content/processes/alpha.md", ServedHandbook.process(title: "德尔塔流程", owner: "运营部"))
        let (fixed, clean) = try await handbook.poll("/processes/alpha/", timeout: ServedHandbook.patience) {
            !$0.text.contains("handbook-errors")
        }
        #expect(clean, "the overlay is still there 2 s after the fix")
        #expect(fixed.status == 200)
        #expect(fixed.text.contains("<h1>德尔塔流程</h1>"))
        let fixedVersion = try #require(Self.pageVersion(fixed.text))
        try await events.read { Self.eventVersions($0).contains(fixedVersion) }
        let versions = Self.eventVersions(events.received)
        #expect(versions.contains(fixedVersion))
        #expect(versions == versions.sorted() && Set(versions).count == versions.count, "versions only go up: \(versions)")

        events.close()
        try await handbook.stop()
    }

    @Test("New files and folders are noticed however they arrive: a new folder's file, a hard link, a rename into place")
    func noticesEveryWayAFileArrives() async throws {
        let handbook = try ServedHandbook()
        try await handbook.start()
        try await Task.sleep(for: .milliseconds(300))

        // A file in a folder that did not exist when serve started.
        try handbook.write("content/guides/new/first.md", "# 新文件夹里的页面\n")
        try await handbook.expectServed("/guides/new/first/", within: ServedHandbook.patience, "a page in a new folder was not served") { $0.status == 200 }
        try handbook.write("content/guides/new/first.md", "# 新文件夹里的页面（改）\n")
        try await handbook.expectServed("/guides/new/first/", within: ServedHandbook.patience, "an edit inside the new folder was not served") { $0.text.contains("（改）") }

        // A hard link brings only a "created" event, no write.
        let outside = handbook.folder.appendingPathComponent("linked.md")
        try Data("# 硬链接页面\n".utf8).write(to: outside)
        #expect(link(outside.path, handbook.root.appendingPathComponent("content/linked.md").path) == 0)
        try await handbook.expectServed("/linked/", within: ServedHandbook.patience, "a hard-linked file was not served") { $0.status == 200 }

        // Written elsewhere, then renamed into place (what many editors do).
        let temporary = handbook.folder.appendingPathComponent("renamed.md")
        try Data("# 改名页面\n".utf8).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: handbook.root.appendingPathComponent("content/renamed.md"))
        try await handbook.expectServed("/renamed/", within: ServedHandbook.patience, "a file renamed into place was not served") { $0.status == 200 }
        try await handbook.stop()
    }

    @Test("Started on a broken handbook, the browser gets the diagnostics and reloads once it is fixed")
    func brokenFromTheStart() async throws {
        let handbook = try ServedHandbook()
        try handbook.write("content/processes/alpha.md", ServedHandbook.process(title: "伽马流程", owner: "nobody"))
        try await handbook.start()
        #expect(handbook.log.contains { $0.contains("content/processes/alpha.md:3:8") })

        let home = try await handbook.get("/")
        #expect(!home.text.contains("伽马流程"), "nothing of the broken build is served")
        #expect(home.text.contains("content/processes/alpha.md:3:8: error:"), "status \(home.status): \(home.text.prefix(200))")
        #expect(home.text.contains(Self.snippet), "nothing reloads the page when the handbook is fixed")

        try await Task.sleep(for: .milliseconds(300))
        try handbook.write("content/processes/alpha.md", ServedHandbook.process(title: "德尔塔流程", owner: "ops"))
        // Generous: what is tested here is that the fix is picked up, not how fast (that is the test above).
        let (fixed, served) = try await handbook.poll("/processes/alpha/", timeout: ServedHandbook.patience) {
            $0.status == 200 && $0.text.contains("<h1>德尔塔流程</h1>")
        }
        #expect(served, "the fixed handbook was not served within 5 s: \(fixed.status)")
        #expect(!fixed.text.contains("handbook-errors"))
        try await handbook.stop()
    }

    @Test("An edit made while the first build runs is not lost")
    func editDuringFirstBuild() async throws {
        let handbook = try ServedHandbook()
        let root = handbook.root
        let edited = Edited()
        // The first `重新生成…` line (`Rebuilt …` in English) is logged after the first build read the sources and before the
        // server starts watching: edit the process right then, as an editor saving at that moment would.
        try await handbook.start(onLog: { line in
            guard line.hasPrefix("重新生成"), edited.once() else { return }
            try? Data(ServedHandbook.process(title: "贝塔流程", owner: "ops").utf8)
                .write(to: root.appendingPathComponent("content/processes/alpha.md"))
        })
        let (page, served) = try await handbook.poll("/processes/alpha/", timeout: ServedHandbook.patience) {
            $0.text.contains("<h1>贝塔流程</h1>")
        }
        #expect(page.status == 200)
        #expect(served, "the edit was not served")
        try await handbook.stop()
    }

    @Test("A nested content folder deleted and made again is watched again", arguments: ["docs", ".docs"])
    func nestedContentFolderRecreated(parent: String) async throws {
        let handbook = try ServedHandbook()
        let files = FileManager.default
        let docs = handbook.root.appendingPathComponent(parent, isDirectory: true)
        let content = docs.appendingPathComponent("content", isDirectory: true)
        try files.createDirectory(at: docs, withIntermediateDirectories: true)
        try files.moveItem(at: handbook.root.appendingPathComponent("content"), to: content)
        try handbook.write("handbook.yml", "title: 预览手册\ncontent: \(parent)/content\n")
        let saved = handbook.folder.appendingPathComponent("saved-content")
        try files.copyItem(at: content, to: saved)
        try await handbook.start()
        #expect(try await handbook.get("/processes/alpha/").status == 200)

        // Deleted (the rebuild fails and the last good site stays), then put back, as a checkout would.
        try files.removeItem(at: content)
        try await Task.sleep(for: .milliseconds(400))
        try files.copyItem(at: saved, to: content)
        try await Task.sleep(for: .milliseconds(400))
        try handbook.write("\(parent)/content/fresh.md", "# 重建后的新页面\n")
        try await handbook.expectServed("/fresh/", within: ServedHandbook.patience, "a page in the recreated folder was not served") { $0.status == 200 }
        try await handbook.stop()
    }

    @Test("Changing `content:` in handbook.yml while serving watches the new folder")
    func contentFolderMoved() async throws {
        let handbook = try ServedHandbook()
        try FileManager.default.copyItem(at: handbook.root.appendingPathComponent("content"),
                                         to: handbook.root.appendingPathComponent("handbook-content"))
        try await handbook.start()
        try handbook.write("handbook.yml", "title: 预览手册\ncontent: handbook-content\n")
        try handbook.write("handbook-content/moved.md", "# 换了文件夹\n")
        try await handbook.expectServed("/moved/", within: ServedHandbook.patience, "the new content folder was not built") { $0.status == 200 }
        // An edit in the new folder, well after the switch, shows: it is watched.
        try await Task.sleep(for: .milliseconds(300))
        try handbook.write("handbook-content/moved.md", "# 换了文件夹（改）\n")
        try await handbook.expectServed("/moved/", within: ServedHandbook.patience, "an edit in the new content folder was not served") { $0.text.contains("（改）") }
        try await handbook.stop()
    }

    @Test("A folder moved out of the handbook is no longer watched; one moved within it still is")
    func folderMovedOut() async throws {
        let handbook = try ServedHandbook()
        try handbook.write("content/guides/a.md", "# 指南甲\n")
        try handbook.write("content/notes/b.md", "# 笔记乙\n")
        try await handbook.start()
        try await Task.sleep(for: .milliseconds(300))
        let files = FileManager.default
        let outside = handbook.folder.appendingPathComponent("moved-out")
        try files.moveItem(at: handbook.root.appendingPathComponent("content/guides"), to: outside)
        try await handbook.expectServed("/guides/a/", within: ServedHandbook.patience, "the moved-out page was still served") { $0.status == 404 }
        // Moved within: content/notes → content/archive/notes, still watched.
        try files.createDirectory(at: handbook.root.appendingPathComponent("content/archive"), withIntermediateDirectories: true)
        try files.moveItem(at: handbook.root.appendingPathComponent("content/notes"),
                           to: handbook.root.appendingPathComponent("content/archive/notes"))
        try await Task.sleep(for: .milliseconds(400))
        try handbook.write("content/archive/notes/b.md", "# 笔记乙（改）\n")
        try await handbook.expectServed("/archive/notes/b/", within: ServedHandbook.patience, "an edit in a folder moved within content/ was not served") { $0.text.contains("（改）") }
        try await Task.sleep(for: .milliseconds(400))
        let rebuilds = handbook.log.filter { $0.hasPrefix("重新生成") }.count
        // Edits in the moved-out folder are not the handbook's: no rebuild.
        try Data("# 指南甲（外）\n".utf8).write(to: outside.appendingPathComponent("a.md"))
        try Data("# 外面的新文件\n".utf8).write(to: outside.appendingPathComponent("c.md"))
        try await Task.sleep(for: .milliseconds(800))
        #expect(handbook.log.filter { $0.hasPrefix("重新生成") }.count == rebuilds, "\(handbook.log)")
        try await handbook.stop()
    }

    @Test("Without inotify, serve keeps serving and finds edits by polling")
    func pollingOnly() async throws {
        let handbook = try ServedHandbook()
        try await handbook.start(inotify: false)
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await handbook.get("/processes/alpha/").status == 200, "\(handbook.log)")
        try handbook.write("content/processes/alpha.md", ServedHandbook.process(title: "轮询流程", owner: "ops"))
        try await handbook.expectServed("/processes/alpha/", within: ServedHandbook.patience, "an edit was not served by polling") { $0.text.contains("<h1>轮询流程</h1>") }
        try await handbook.stop()
    }

    @Test("A templates/ or content/ that is a link to a folder elsewhere is watched through the link")
    func linkedFoldersAreWatched() async throws {
        let handbook = try ServedHandbook()
        let files = FileManager.default
        let theme = handbook.folder.appendingPathComponent("shared-theme", isDirectory: true)
        try files.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{<layout}}{{$content}}<p>THEME-ONE</p>{{/content}}{{/layout}}\n".utf8).write(to: theme.appendingPathComponent("page.mustache"))
        try files.createSymbolicLink(at: handbook.root.appendingPathComponent("templates"), withDestinationURL: theme)
        let content = handbook.folder.appendingPathComponent("shared-content", isDirectory: true)
        try files.moveItem(at: handbook.root.appendingPathComponent("content"), to: content)
        try files.createSymbolicLink(at: handbook.root.appendingPathComponent("content"), withDestinationURL: content)
        try handbook.write("content/guide.md", "# 指南\n")
        try await handbook.start()
        #expect(try await handbook.get("/guide/").text.contains("THEME-ONE"))
        try await Task.sleep(for: .milliseconds(300))

        try Data("{{<layout}}{{$content}}<p>THEME-TWO</p>{{/content}}{{/layout}}\n".utf8).write(to: theme.appendingPathComponent("page.mustache"))
        try await handbook.expectServed("/guide/", within: ServedHandbook.patience, "an edit to a linked theme was not served") { $0.text.contains("THEME-TWO") }
        try Data("# 新指南\n".utf8).write(to: content.appendingPathComponent("fresh.md"))
        try await handbook.expectServed("/fresh/", within: ServedHandbook.patience, "a new file in a linked content folder was not served") { $0.status == 200 }
        try await handbook.stop()
    }

    final class Edited: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false

        /// True the first time only.
        func once() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if done { return false }
            done = true
            return true
        }
    }
}
