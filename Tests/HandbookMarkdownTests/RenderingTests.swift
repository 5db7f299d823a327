import Testing
@testable import HandbookMarkdown

@Suite("Rendering")
struct RenderingTests {
    @Test("CommonMark blocks and inlines become HTML")
    func rendersCommonMark() {
        let html = Markdown.render("""
            # 标题

            正文 **重点** 和 *强调*。

            - 第一项
            - 第二项

            | 列 | 值 |
            |---|---|
            """).html
        #expect(html.contains("<strong>重点</strong>"))
        #expect(html.contains("<em>强调</em>"))
        #expect(html.contains("<li>第一项</li>"))
        #expect(html.contains("<p>正文 "))
    }

    @Test("A pipe table is a header row with as many cells as the delimiter row under it", arguments: [
        ("| 列 | 值 |\n|---|---|\n", 1),
        ("正文\n\n  | 列 | 值 |\n  | :-- | --: |\n", 1),
        ("   | a | b |\n|-|-|", 1),
        ("列 | 值\n---|---", 1),
        ("负责 | 协同\n|---|---|", 1),
        ("> | 引用 | 中 |\n> |---|---|\n> | a | b |", 1),
        ("- | 列表 | 中 |\n  |---|---|", 1),
        ("\u{3000}| 全角空格 | 值 |\n\u{3000}|---|---|", 0),
        ("\u{00A0}| a | b |\n|---|---|", 0),
        ("| 只有一行 |", 0),
        ("| a | b |\n| 不是分隔行 |", 0),
        ("|a\n|---|---|", 0),
        ("「| a | b |」\n|---|---|", 0),
        ("é | a | b |\n|---|---|", 0),
        ("| a | b |\n    |---|---|", 0),
    ])
    func pipeTables(text: String, count: Int) {
        let result = Markdown.render(text)
        #expect(result.tableCount == count)
        #expect(result.html.components("<table>") == count)
    }

    @Test("Attribute escaping replaces the five characters and keeps everything else", arguments: [
        ("a&b<c>\"d'e", "a&amp;b&lt;c&gt;&quot;d&#39;e"),
        ("投诉工单 → 回访 👩‍👩‍👧", "投诉工单 → 回访 👩‍👩‍👧"),
        ("&amp;", "&amp;amp;"),
        ("", ""),
    ])
    func attributeEscaping(text: String, escaped: String) {
        #expect(text.htmlAttributeEscaped == escaped)
    }

    @Test("Empty text renders to nothing, without crashing")
    func emptyText() {
        let result = Markdown.render("")
        #expect(result.html.isEmpty)
        #expect(result.links.isEmpty)
        #expect(result.headings.isEmpty)
    }

    @Test("Text is HTML-escaped")
    func escapesText() {
        let html = Markdown.render("a < b & c > d \"e\"").html
        #expect(html.contains("a &lt; b &amp; c &gt; d"))
    }

    @Test("Raw HTML is dropped by default", arguments: [
        "<script>alert(1)</script>",
        "段落 <script>alert(1)</script> 后文",
        "<SCRIPT SRC=x.js></SCRIPT>",
        "<div onclick=\"alert(1)\">x</div>",
        "文字<img src=x onerror=alert(1)>文字",
        "<iframe src=\"https://example.com\"></iframe>",
    ])
    func dropsRawHTML(_ source: String) {
        let html = Markdown.render(source).html.lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<img"))
    }

    @Test("Raw HTML is kept with unsafeHTML")
    func keepsRawHTMLWhenUnsafe() {
        let source = "<aside class=\"note\">注意</aside>\n\n文字 <b>粗</b> <script>x()</script>\n"
        let html = Markdown.render(source, unsafeHTML: true).html
        #expect(html.contains("<aside class=\"note\">注意</aside>"))
        #expect(html.contains("<b>粗</b>"))
        #expect(html.contains("<script>x()</script>"))
    }

    @Test("With raw HTML headings in the body, each id goes on its own Markdown heading", arguments: [true, false])
    func idsBesideRawHeadings(_ unsafe: Bool) {
        let source = "<h2>原有标题</h2>\n\n## 目的\n\n<h3>又一个</h3>\n\n适用范围\n----\n\n### 注意\n"
        let html = Markdown.render(source, unsafeHTML: unsafe).html
        #expect(html.contains("<h2 id=\"目的\">目的</h2>"), "\(html)")
        #expect(html.contains("<h2 id=\"适用范围\">适用范围</h2>"), "\(html)")
        #expect(html.contains("<h3 id=\"注意\">注意</h3>"), "\(html)")
        #expect(!html.contains("<!--hb-"), "a marker left in: \(html)")
        if unsafe { #expect(html.contains("<h2>原有标题</h2>") && html.contains("<h3>又一个</h3>"), "\(html)") }
    }

    @Test("Script-like link destinations are dropped", arguments: [
        "[点我](javascript:alert(1))",
        "[点我](JavaScript:alert(1))",
        "[点我](vbscript:msgbox)",
        "[点我](data:text/html;base64,PHNjcmlwdD4=)",
    ])
    func dropsScriptLinks(_ source: String) {
        let html = Markdown.render(source).html.lowercased()
        #expect(html.contains("href=\"\""))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
    }

    @Test("A script autolink keeps its text but loses its destination")
    func scriptAutolink() {
        let html = Markdown.render("<javascript:alert(1)>").html
        #expect(html.contains("<a href=\"\">"))
        #expect(!html.contains("href=\"javascript"))
    }

    @Test("Ordinary link schemes are kept")
    func keepsOrdinaryLinks() {
        let html = Markdown.render("[网站](https://example.com/a?b=1&c=2) [邮件](mailto:a@example.com)").html
        #expect(html.contains("href=\"https://example.com/a?b=1&amp;c=2\""))
        #expect(html.contains("href=\"mailto:a@example.com\""))
    }
}

@Suite("Inline rendering")
struct InlineRenderingTests {
    @Test("One paragraph comes back without <p>", arguments: [
        ("记录投诉详情，生成**工单**", "记录投诉详情，生成<strong>工单</strong>"),
        ("纯文本", "纯文本"),
        ("见 `代码` 与 [链接](https://example.com)", "见 <code>代码</code> 与 <a href=\"https://example.com\">链接</a>"),
    ])
    func noParagraph(_ source: String, _ expected: String) {
        let html = Markdown.renderInline(source).html
        #expect(html == expected)
        #expect(!html.contains("<p>"))
        #expect(!html.hasSuffix("\n"))
    }

    @Test("A single paragraph loses its tags and final line breaks; anything else only the line breaks", arguments: [
        ("<p>a</p>\n", "a"), ("<p>投诉工单</p>\n\n", "投诉工单"), ("<p></p>\n", ""), ("", ""), ("\n", ""),
        ("<p>a</p>\n<p>b</p>\n", "<p>a</p>\n<p>b</p>"), ("<ul>\n<li>x</li>\n</ul>\n", "<ul>\n<li>x</li>\n</ul>"),
        ("<p>x</p>y", "<p>x</p>y"), ("<p>/p>", "<p>/p>"),
        // Tags compared as bytes: a paragraph starting with a combining mark or ending with a
        // prepended mark is unwrapped too (compared as characters, the mark hid the tag).
        ("<p>\u{301}x</p>\n", "\u{301}x"), ("<p>x\u{600}</p>\n", "x\u{600}"),
    ])
    func unwrappedParagraph(_ html: String, _ expected: String) {
        // As bytes: `String`'s `==` is canonical equivalence.
        #expect(Array(Markdown.unwrappedParagraph(html).utf8) == Array(expected.utf8))
    }

    @Test("A duty starting with a combining mark is unwrapped like any other")
    func inlineWithCombiningMark() {
        #expect(Array(Markdown.renderInline("\u{301}审核").html.utf8) == Array("\u{301}审核".utf8))
    }

    @Test("Raw HTML is dropped inline too")
    func dropsRawHTMLInline() {
        let html = Markdown.renderInline("职责 <script>alert(1)</script> 说明").html
        #expect(!html.lowercased().contains("<script"))
        #expect(html.hasPrefix("职责"))
    }

    @Test("Several paragraphs keep balanced tags")
    func severalParagraphs() {
        let html = Markdown.renderInline("第一段\n\n第二段").html
        #expect(html.components(separatedBy: "<p>").count == html.components(separatedBy: "</p>").count)
        #expect(html.contains("第一段") && html.contains("第二段"))
    }

    @Test("Inline rendering reports links and rewrites them")
    func inlineLinks() {
        let result = Markdown.renderInline("见[采购](purchase.md#step-3)") { $0 == "purchase.md#step-3" ? "p/index.html#step-3" : nil }
        #expect(result.links.map(\.destination) == ["purchase.md#step-3"])
        #expect(result.links.first?.column == 2)
        #expect(result.html == "见<a href=\"p/index.html#step-3\">采购</a>")
    }
}
