import Foundation
import HandbookTheme
import Testing
@testable import HandbookCore

@Suite("Theme")
struct ThemeTests {
    @Test("The built-in theme ships with the binary: a handbook without templates/ builds")
    func builtInThemeIsShipped() async throws {
        let directory = try #require(DefaultTheme.directory, "no built-in theme resource")
        for name in ["layout.mustache", "process.mustache", "index.mustache", "assets/style.css"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path),
                    "built-in theme lacks \(name) at \(directory.path)")
        }
        let handbook = try TestHandbook(fixture: "valid-basic")
        #expect(!FileManager.default.fileExists(atPath: handbook.root.appendingPathComponent("templates").path))
        let site = try await handbook.build()
        #expect(site.errors.map(\.formatted) == [])
        #expect(site.exists("processes/complaint-intake/index.html"))
    }

    @Test("A file in the handbook's templates/ replaces the built-in one of that name; others stay")
    func override() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "templates/page.mustache": "{{<layout}}{{$content}}<div class=\"custom-page\">OVERRIDE-MARK {{pageTitle}}</div>{{/content}}{{/layout}}\n",
            "templates/assets/style.css": "/* OVERRIDE-CSS */\nbody { color: black; }\n",
        ])
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        #expect(site.text("glossary/index.html").contains("<div class=\"custom-page\">OVERRIDE-MARK 术语表</div>"))
        #expect(!site.text("processes/complaint-intake/index.html").contains("OVERRIDE-MARK"))
        #expect(site.text("processes/complaint-intake/index.html").contains("<tr id=\"step-1\">"))
        #expect(site.text("assets/style.css") == "/* OVERRIDE-CSS */\nbody { color: black; }\n")
    }

    @Test("An extra asset in templates/ is copied")
    func extraAsset() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["templates/assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"])
        let site = try await handbook.build()
        #expect(site.exists("assets/logo.svg"))
    }

    @Test("An unknown partial is an error naming the template file, line and column")
    func unknownPartial() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "templates/page.mustache": "{{<layout}}{{$content}}\n<p>x</p> {{> nosuchpartial}}\n{{/content}}{{/layout}}\n",
        ])
        let site = try await handbook.build()
        #expect(!site.report.published)
        let diagnostic = try #require(site.errors.first { $0.rule == "handbook.template.unknown-partial" })
        #expect(diagnostic.position == SourcePosition(path: "templates/page.mustache", line: 2, column: 10))
        #expect(diagnostic.message.contains("nosuchpartial"))
        #expect(diagnostic.formatted.hasPrefix("templates/page.mustache:2:10: error:"))
    }

    @Test("A template that is not UTF-8 is one error where its first bad byte is, not also a missing template")
    func notUTF8() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        // 中文 in GBK, on the template's third line.
        try handbook.write("templates/page.mustache", Data("{{<layout}}\n{{$content}}\n".utf8) + Data([0xD6, 0xD0, 0xCE, 0xC4]) + Data("\n{{/content}}\n{{/layout}}\n".utf8))
        let report = await handbook.check()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.formatted) == ["templates/page.mustache:3:1: error: cannot read template: file is not valid UTF-8 [handbook.template.unreadable]"])
    }

    @Test("A template syntax error names the template file")
    func syntaxError() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "templates/process.mustache": "{{<layout}}{{$content}}\n{{#steps}}\n{{/content}}{{/layout}}\n",
        ])
        let site = try await handbook.build()
        #expect(!site.report.published)
        let diagnostic = try #require(site.errors.first)
        #expect(diagnostic.rule == "handbook.template.syntax")
        #expect(diagnostic.position.path == "templates/process.mustache")
    }

    @Test("With a content error and a template error, build reports both, as check does")
    func buildReportsWhatCheckReports() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "templates/process.mustache": "{{<layout}}{{$content}}\n{{#steps}}\n{{/content}}{{/layout}}\n",
            "content/processes/broken.md": "---\ntitle: 坏流程\nowner: 不存在的部门\nstatus: approved\nsteps:\n  - {id: 1, name: 一步, responsible: 不存在的部门, duties: 做, outputs: [结果]}\n---\n",
        ])
        let checked = await handbook.check().diagnostics.map(\.formatted)
        let built = try await handbook.build()
        #expect(!built.report.published)
        #expect(built.report.diagnostics.map(\.formatted) == checked)
        #expect(checked.contains { $0.contains("[handbook.template.syntax]") } && checked.contains { $0.hasPrefix("content/processes/broken.md") })
    }

    @Test("A partial written after a delimiter change is still checked (the template parser finds it, not a text scan)")
    func unknownPartialAfterDelimiterChange() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "templates/page.mustache": "{{<layout}}{{$content}}\n{{=<% %>=}}\n  <%> nosuchpartial%>\n<%/content%><%/layout%>\n",
        ])
        let report = await handbook.check()
        let found = report.diagnostics.filter { $0.rule == "handbook.template.unknown-partial" }
        #expect(found.map(\.position) == [SourcePosition(path: "templates/page.mustache", line: 3, column: 3)])
    }

    @Test("A templates/ folder that is a link to a shared theme is used, not silently ignored")
    func linkedTemplatesFolder() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let shared = handbook.folder.appendingPathComponent("shared-theme", isDirectory: true)
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try "{{<layout}}{{$content}}<p>SHARED-THEME {{pageTitle}}</p>{{/content}}{{/layout}}\n"
            .write(to: shared.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: handbook.root.appendingPathComponent("templates"), withDestinationURL: shared)
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        #expect(site.text("glossary/index.html").contains("<p>SHARED-THEME 术语表</p>"))
    }

    /// As in content/: a theme is the handbook's own files. A link inside templates/ to
    /// another file of it is used under the link's name; one leading out of it (to a secret
    /// elsewhere on the machine) is not published, and the warning names it.
    @Test("Links inside templates/ are followed only within it")
    func linksInsideTemplates() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["templates/assets/brand.css": "/* BRAND */\n"])
        let assets = handbook.root.appendingPathComponent("templates/assets")
        let secret = handbook.folder.appendingPathComponent("secret.txt")
        try "SECRET-OUTSIDE-THEME\n".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: assets.appendingPathComponent("print.css").path, withDestinationPath: "brand.css")
        try FileManager.default.createSymbolicLink(at: assets.appendingPathComponent("leak.txt"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(atPath: assets.appendingPathComponent("gone.css").path, withDestinationPath: "no-such.css")
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        #expect(site.text("assets/print.css") == "/* BRAND */\n")
        #expect(!site.exists("assets/leak.txt"))
        #expect(!site.exists("assets/gone.css"))
        #expect(site.filesContaining("SECRET-OUTSIDE-THEME") == [])
        let warnings = site.report.diagnostics.filter { $0.rule == "handbook.template.symlink" }.map(\.formatted)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("templates/assets/leak.txt:1:1:") && $0.contains("outside") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("templates/assets/gone.css:1:1:") && $0.contains("nowhere") }, "\(warnings)")
    }
}
