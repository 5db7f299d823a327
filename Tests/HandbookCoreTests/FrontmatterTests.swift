import Foundation
import Testing
@testable import HandbookCore

@Suite("Frontmatter")
struct FrontmatterTests {
    func split(_ text: String) throws -> Frontmatter {
        try Frontmatter.split(text, path: "content/x.md").get()
    }

    @Test("YAML between `---` lines, body after, with the lines each starts on")
    func basic() throws {
        let result = try split("---\ntitle: 标题\nowner: qa\n---\n正文第一行\n正文第二行\n")
        #expect(result.yaml == "title: 标题\nowner: qa")
        #expect(result.yamlFirstLine == 2)
        #expect(result.body == "正文第一行\n正文第二行\n")
        #expect(result.bodyFirstLine == 5)
    }

    @Test("`...` closes the frontmatter too")
    func dotsTerminator() throws {
        let result = try split("---\ntitle: x\n...\nbody")
        #expect(result.yaml == "title: x")
        #expect(result.body == "body")
        #expect(result.bodyFirstLine == 4)
    }

    @Test("Delimiters may carry trailing spaces")
    func trailingSpaces() throws {
        let result = try split("--- \ntitle: x\n---\t\nbody")
        #expect(result.yaml == "title: x")
        #expect(result.body == "body")
        let dots = try split("---\t \n标题: 甲\n... \t\n正文")
        #expect(dots.yaml == "标题: 甲")
        #expect(dots.body == "正文")
        #expect(dots.bodyFirstLine == 4)
    }

    @Test("A closing line at the end of the file leaves an empty body")
    func closingAtEnd() throws {
        let result = try split("---\n标题: 甲\n---")
        #expect(result.yaml == "标题: 甲")
        #expect(result.body == "")
        #expect(result.bodyFirstLine == 4)
    }

    @Test("No frontmatter: the whole text is the body", arguments: [
        "# 标题\n\n正文",
        "",
        "...\ntitle: x\n...\n",
        " ---\ntitle: x\n---\n",
        "----\ntitle: x\n----\n",
    ])
    func noFrontmatter(_ text: String) throws {
        let result = try split(text)
        #expect(result.yaml == nil)
        #expect(result.body == text)
        #expect(result.bodyFirstLine == 1)
    }

    @Test("Empty frontmatter")
    func empty() throws {
        let result = try split("---\n---\nbody")
        #expect(result.yaml == "")
        #expect(result.body == "body")
        #expect(result.bodyFirstLine == 3)
    }

    @Test("A later `---` (a thematic break) stays in the body")
    func laterRule() throws {
        let result = try split("---\na: 1\n---\n上文\n\n---\n\n下文")
        #expect(result.yaml == "a: 1")
        #expect(result.body == "上文\n\n---\n\n下文")
    }

    @Test("Unterminated frontmatter is an error at 1:1", arguments: [
        "---\ntitle: x\nbody without end",
        "---\n",
        "---",
        "---\na: 1\n-- -\n正文",
        "---\na: 1\n---x\n正文",
        "---\na: 1\n..\n正文",
        "---\na: 1\n --- \n正文",
    ])
    func unterminated(_ text: String) {
        let result = Frontmatter.split(text, path: "content/processes/a.md")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a diagnostic, got \(result)")
            return
        }
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.rule == "handbook.frontmatter.unterminated")
        #expect(diagnostic.position == SourcePosition(path: "content/processes/a.md", line: 1, column: 1))
    }

    @Test("A BOM and CRLF line ends, as read from disk, still give frontmatter and line numbers")
    func bomAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: 标题\r\n---\r\n正文\r\n第二行\r\n".utf8)
        let text = try SourceFile.decode(bytes, path: "content/x.md").get()
        let result = try split(text)
        #expect(result.yaml == "title: 标题")
        #expect(result.body == "正文\n第二行\n")
        #expect(result.bodyFirstLine == 4)
    }

    @Test("A BOM file loads end to end: its title is used")
    func bomEndToEnd() async throws {
        let handbook = try TestHandbook()
        try handbook.write("content/guide.md", Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: 带BOM的页面\r\n---\r\n正文\r\n".utf8)))
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        #expect(site.text("guide/index.html").contains("<h1>带BOM的页面</h1>"))
    }
}
