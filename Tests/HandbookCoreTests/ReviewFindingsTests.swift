import Foundation
import Testing
@testable import HandbookCore

/// Defects a code review found, each kept from coming back.
@Suite("Review findings")
struct ReviewFindingsTests {
    @Test("An output folder holding only dot-files (a git checkout) is not replaced")
    func dotFilesAreSomeonesFolder() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let deploy = handbook.folder.appendingPathComponent("deploy", isDirectory: true)
        try FileManager.default.createDirectory(at: deploy.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: deploy.appendingPathComponent(".env"))
        await #expect(throws: Pipeline.IOFailure.self) { try await handbook.build(output: deploy) }
        #expect(FileManager.default.fileExists(atPath: deploy.appendingPathComponent(".env").path))
        #expect(FileManager.default.fileExists(atPath: deploy.appendingPathComponent(".git").path))
    }

    @Test("A rebuild replaces its own output (the marker says so)")
    func rebuildReplacesOwnOutput() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        #expect(try await handbook.build().report.published)
        #expect(FileManager.default.fileExists(atPath: handbook.output.appendingPathComponent(OutputSafety.marker).path))
        #expect(try await handbook.build().report.published)
    }

    @Test("Two sources for one output path are an error; active content files are not published")
    func collisions() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/matrix.md": "---\ntitle: 矩阵\n---\n正文\n",
            "content/notes/a.md": "# A\n",
            "content/notes/a/index.md": "# A again\n",
        ])
        try handbook.write("content/index.html", Data("<script>alert(1)</script>".utf8))
        let report = await handbook.check()
        let collisions = report.diagnostics.filter { $0.rule == "handbook.output.collision" }.map(\.position.path).sorted()
        #expect(collisions == ["content/matrix.md", "content/notes/a/index.md"])
        #expect(report.diagnostics.contains { $0.rule == "handbook.content.active-file" && $0.position.path == "content/index.html" })
    }

    @Test("An output folder that is the content or the root through a symbolic link fails check, as build refuses it",
          arguments: [("lnk", "content", "is the content folder"), ("lnk", ".", "is or holds the handbook root"),
                      ("lnk", "content/guides", "is inside the content folder"),
                      // A folder not made yet inside a link, and the default output being a link.
                      ("lnk/site", "content", "is inside the content folder"), (nil, "content", "is the content folder")])
    func linkedOutput(_ output: String?, _ target: String, _ saying: String) async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        if let output { try handbook.write(["handbook.yml": try handbook.source("handbook.yml") + "output: \(output)\n"]) }
        try FileManager.default.createDirectory(at: handbook.root.appendingPathComponent("content/guides"), withIntermediateDirectories: true)
        let link = output == nil ? "public" : "lnk"
        try FileManager.default.createSymbolicLink(atPath: handbook.root.appendingPathComponent(link).path, withDestinationPath: target)
        let report = await handbook.check()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.rule) == ["handbook.config.folder"], "\(errors.map(\.formatted))")
        #expect(errors.first?.position.path == "handbook.yml")
        #expect(errors.first?.message.contains(saying) == true, "\(errors.map(\.message))")
    }

    @Test("A step whose name is not text is one error: links, next and hand-overs naming it still find it")
    func stepWithBadName() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let path = "content/processes/complaint-intake.md"
        // Step 2 is linked from the glossary and reached by step 1's flow.
        try handbook.write([path: try handbook.source(path).replacingOccurrences(of: "name: 分类判断", with: "name: {a: 1}")])
        let report = await handbook.check()
        #expect(report.diagnostics.filter { $0.severity == .error }.map { "\($0.position.path):\($0.position.line) \($0.rule)" }
                == ["\(path):26 handbook.yaml.type"])
    }

    @Test("A file whose name is not UTF-8 (中文 in GBK) is one error saying so, not 'cannot read file'")
    func nameNotUTF8() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let folder = Array(handbook.root.appendingPathComponent("content").path.utf8)
        let name: [UInt8] = Array("/".utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array(".md".utf8)
        let descriptor = (folder + name + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        _ = "---\ntitle: 中文\n---\n".withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        let report = await handbook.check()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.position) == [SourcePosition(path: "content/\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}.md", line: 1, column: 1)])
        #expect(errors.first?.rule == "handbook.file.unreadable")
        #expect(errors.first?.message.contains("this name is not UTF-8") == true, "\(errors.map(\.message))")
    }

    @Test("A heading nested thousands of levels deep does not crash")
    func deepHeading() async throws {
        let deep = "# " + String(repeating: "*a _b ", count: 20_000) + String(repeating: " c_ d*", count: 20_000) + "\n"
        let handbook = try TestHandbook(fixture: "valid-basic", ["content/deep.md": deep])
        let report = await handbook.check()
        #expect(!report.diagnostics.contains { $0.position.path == "content/deep.md" && $0.severity == .error })
    }

    @Test("A partial that includes itself with no section around it is refused at check time")
    func templateRecursion() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["templates/notfound.mustache": "x{{> notfound}}\n"])
        let report = await handbook.check()
        let found = report.diagnostics.filter { $0.rule == "handbook.template.recursion" }
        #expect(found.map(\.position) == [SourcePosition(path: "templates/notfound.mustache", line: 1, column: 2)])
    }

    @Test("Print headers escape control characters: a form feed cannot end the CSS string")
    func printStyleEscapes() {
        let css = PrintStyle.string("HB\u{0C}} body { background: red } .x {\u{0}")
        #expect(!css.unicodeScalars.contains { $0.value < 0x20 })
        #expect(css.hasPrefix("\"") && css.hasSuffix("\"") && css.dropFirst().dropLast().allSatisfy { $0 != "\"" })
    }

    @Test("With --drafts, only the draft processes are marked on a checklist")
    func draftMarksOnlyDrafts() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let process = """
            ---
            title: 草稿流程XYZ
            owner: customer-service
            status: draft
            steps:
              - {id: 1, name: 草稿步骤, responsible: customer-service, duties: 试行, outputs: [草稿记录]}
            ---
            """
        try handbook.write(["content/processes/draft-xyz.md": process])
        let site = try await handbook.build(drafts: true)
        #expect(site.report.published, "\(site.errors.map(\.formatted))")
        let html = site.text(Routes.training("customer-service"))
        // Each process heads its rows: `<th scope="rowgroup" colspan="9"><a …>title</a> <span class="badge draft">` when marked.
        let headings = html.components(separatedBy: "<th scope=\"rowgroup\" colspan=\"8\">").dropFirst().map { $0.prefix { $0 != "\n" } }
        #expect(headings.count > 1)
        let marked = headings.filter { $0.contains("草稿流程XYZ") || $0.contains("badge draft") }
        // The department-wide draft step is on each of the three roles' records.
        #expect(marked.count == 3 && marked.allSatisfy { $0.contains(">草稿流程XYZ</a>") && $0.contains("badge draft") },
                "only the draft is marked: \(headings)")
    }

    @Test("An id too long to be a folder name is a check error, not a build failure")
    func overlongID() async throws {
        let name = String(repeating: "财务", count: 10) + "（" + String(repeating: "应收应付、", count: 12) + "）专员"
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/departments/long.md": "---\nname: 长岗位部\nroles:\n  - name: \(name)\n---\n",
        ])
        let report = await handbook.check()
        #expect(report.diagnostics.contains { $0.rule == "handbook.id.invalid" && $0.position.path == "content/departments/long.md" })
    }
}
