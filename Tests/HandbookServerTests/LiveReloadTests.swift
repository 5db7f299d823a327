import HandbookCore
import Testing
@testable import HandbookServer

/// What `serve` adds to a page: the reload snippet, and a failed build's diagnostics over it.
@Suite("Live reload overlay")
struct LiveReloadTests {
    @Test("A diagnostic quoting markup is shown as text in the overlay, never run as script")
    func diagnosticsEscaped() {
        let diagnostic = Diagnostic.error("handbook.test", "unknown owner `<script>alert('x')</script>` & more",
                                          at: SourcePosition(path: "content/processes/a.md", line: 3, column: 8))
        let page = String(decoding: LiveReload.inject(into: Array("<html><body><p>page</p></body></html>".utf8),
                                                      version: 7, diagnostics: [diagnostic]), as: UTF8.self)
        #expect(page.contains("content/processes/a.md:3:8: error: unknown owner `&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;` &amp; more"))
        #expect(!page.contains("<script>alert"))
        #expect(page.hasSuffix("</body></html>"))
    }

    @Test("The overlay speaks the handbook's language: its heading and the diagnostics' Chinese")
    func chinese() {
        let diagnostic = Diagnostic.error("handbook.reference.unknown-role", Phrase("客服部没有岗位“客服主官”", en: "unknown role `客服主官` in 客服部"),
                                          at: SourcePosition(path: "content/processes/a.md", line: 3, column: 8))
        let html = Array("<html><body><p>page</p></body></html>".utf8)
        let zh = String(decoding: LiveReload.inject(into: html, version: 1, diagnostics: [diagnostic], language: .zhCN), as: UTF8.self)
        #expect(zh.contains("lang=\"zh-CN\""))
        #expect(zh.contains("<strong>生成失败：下面是上一次成功生成的网站（如有）。</strong>"))
        #expect(zh.contains("content/processes/a.md:3:8: error: 客服部没有岗位“客服主官” [handbook.reference.unknown-role]"))
        let en = String(decoding: LiveReload.inject(into: html, version: 1, diagnostics: [diagnostic], language: .en), as: UTF8.self)
        #expect(en.contains("<strong>Build failed — showing the last good site, if any.</strong>"))
        #expect(en.contains("error: unknown role `客服主官` in 客服部"))
    }
}
