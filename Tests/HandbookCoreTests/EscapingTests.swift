import Foundation
import Testing
@testable import HandbookCore

/// Text from frontmatter is shown as text: nothing an author writes becomes markup or script.
@Suite("Escaping")
struct EscapingTests {
    static let evil = "<script>alert(\"x\")</script>"

    static let files: [String: String] = [
        "handbook.yml": """
            title: '手册\(evil)'
            organization: "公司<script>alert(1)</script>"
            feedback_url: "javascript:alert('{process}')"
            """,
        "content/departments/evil.md": """
            ---
            name: "部门<script>alert(2)</script>"
            roles:
              - {id: r, name: "岗位<img src=x onerror=alert(3)>"}
            ---
            描述<script>alert(4)</script>
            """,
        "content/processes/evil.md": """
            ---
            title: "流程\(evil.replacingOccurrences(of: "\"", with: "\\\""))"
            owner: evil
            status: approved
            version: "<b>1</b>"
            effective: 2026-01-01
            approved_by: "<i>某人</i>"
            category: "<em>类别</em>"
            summary: "概述</p><script>alert(5)</script>"
            goals: ["<script>alert(6)</script>"]
            inputs: ["<u>输入</u>"]
            changes:
              - {version: "1", date: 2026-01-01, summary: "<script>alert(7)</script>"}
            steps:
              - id: "1\\" onclick=\\"alert(8)"
                name: "步骤<script>alert(9)</script>"
                input: ["<u>输入</u>"]
                responsible: evil/r
                duties: "职责<script>alert(10)</script>[链接](javascript:alert(11))"
                deadline: "<b>今天</b>"
                outputs: ["<script>alert(12)</script>"]
                risk: "\\"><script>alert(13)</script>"
            ---
            正文<script>alert(14)</script>

            ## 标题<script>alert(15)</script>
            """,
        "content/page.md": "---\ntitle: \"页面<script>alert(16)</script>\"\n---\n正文\n",
    ]

    @Test("No page of the site contains an injected script, event handler or javascript: URL")
    func noScript() async throws {
        let site = try await TestHandbook(Self.files).build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        let pages = site.files().filter { $0.hasSuffix(".html") }
        #expect(pages.count >= 8)
        for page in pages {
            let html = site.text(page).lowercased()
            #expect(!html.contains("<script>alert"), "\(page) has an injected script element")
            #expect(!html.contains("<script") || html.contains("<script src=\""), "\(page) has an inline script")
            #expect(!html.contains("javascript:"), "\(page) has a javascript: URL")
            #expect(!html.contains("<img"), "\(page) has an injected image")
            #expect(!html.contains(" onclick=\""), "\(page) has an event handler")
            #expect(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<u>"), "\(page) has injected markup")
        }
    }

    @Test("The text is shown escaped, not dropped")
    func shownEscaped() async throws {
        let site = try await TestHandbook(Self.files).build()
        let html = site.text(Routes.process("evil"))
        #expect(html.contains("<h1>流程&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;今天&lt;/b&gt;"))
        #expect(html.contains("<title>流程&lt;script&gt;"))
        #expect(site.text("page/index.html").contains("<h1>页面&lt;script&gt;alert(16)&lt;/script&gt;</h1>"))
        #expect(site.text("departments/evil/index.html").contains("部门&lt;script&gt;alert(2)&lt;/script&gt;"))
    }

    @Test("A step id with quotes stays inside its id attribute")
    func stepIDAttribute() async throws {
        let site = try await TestHandbook(Self.files).build()
        let html = site.text(Routes.process("evil"))
        #expect(html.contains("<tr id=\"step-1&quot; onclick=&quot;alert(8)\">"))
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    @Test("handbook.json carries the text as JSON strings")
    func json() async throws {
        let site = try await TestHandbook(Self.files).build()
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: site.url("handbook.json"))) as? [String: Any]
        #expect(object?["title"] as? String == "手册\(Self.evil)")
    }

    @Test("With unsafe_html, raw HTML in bodies is kept")
    func unsafeHTML() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "handbook.yml": "title: 手册\nunsafe_html: true\n",
            "content/guides/raw.md": "# 原始\n\n<aside class=\"note\">注意</aside>\n",
        ])
        let site = try await handbook.build()
        #expect(site.text("guides/raw/index.html").contains("<aside class=\"note\">注意</aside>"))
    }

    @Test("Without unsafe_html, raw HTML in bodies is dropped")
    func safeByDefault() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["content/guides/raw.md": "# 原始\n\n<aside class=\"note\">注意</aside>\n"])
        let site = try await handbook.build()
        #expect(!site.text("guides/raw/index.html").contains("<aside"))
    }
}
