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
}
