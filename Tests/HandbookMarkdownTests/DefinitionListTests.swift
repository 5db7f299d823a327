import Testing
@testable import HandbookMarkdown

/// Definition lists as Hugo's docs write them (`term` then `: definition` in one paragraph):
/// `<dl>` with ids on the terms made like headings' anchors.
@Suite("Definition lists")
struct DefinitionListTests {
    @Test("Term then `: definition`: a <dl> whose term has a heading-like id, both read as inlines")
    func rendering() {
        let result = Markdown.render("""
            `publishDir`
            : (`string`) The directory where Hugo writes the *site*.

            """)
        #expect(result.html == """
            <dl>
            <dt id="publishdir"><code>publishDir</code></dt>
            <dd>(<code>string</code>) The directory where Hugo writes the <em>site</em>.</dd>
            </dl>

            """)
        #expect(result.termAnchors == ["publishdir"])
        #expect(result.headingAnchors.contains("publishdir"))
    }

    @Test("Several terms, several definitions, a continued definition; ids unique with the headings, in page order")
    func several() {
        let result = Markdown.render("""
            ## 适用 范围

            适用 范围
            审批人
            : 第一条说明
            接着写的一行
            : 第二条 [见此](b.md)

            ## 适用 范围

            """)
        #expect(result.html.contains("<dt id=\"适用-范围-1\">适用 范围</dt>\n<dt id=\"审批人\">审批人</dt>\n"))
        #expect(result.html.contains("<dd>第一条说明\n接着写的一行</dd>\n<dd>第二条 <a href=\"b.md\">见此</a></dd>\n</dl>"))
        #expect(result.headings.map(\.anchor) == ["适用-范围", "适用-范围-2"])
        #expect(result.links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["b.md@7:7"])
    }

    @Test("A `: ` line after a blank line, a colon without a space, or a first line: text as before", arguments: [
        "术语\n\n: 不是定义\n",
        "术语\n:不是定义\n",
        ": 开头\n第二行\n",
        "时间\n10:30 开会\n",
    ])
    func notALists(_ source: String) {
        let result = Markdown.render(source)
        #expect(!result.html.contains("<dl>"), "\(result.html)")
        #expect(result.termAnchors.isEmpty)
    }

    @Test("Inside a block quote and a list item")
    func nested() {
        let quoted = Markdown.render("> 术语\n> : 定义\n")
        #expect(quoted.html == "<blockquote>\n<dl>\n<dt id=\"术语\">术语</dt>\n<dd>定义</dd>\n</dl>\n</blockquote>\n")
        let listed = Markdown.render("- 术语\n  : 定义\n- 二\n")
        #expect(listed.html == "<ul>\n<li>\n<dl>\n<dt id=\"术语\">术语</dt>\n<dd>定义</dd>\n</dl>\n</li>\n<li>二</li>\n</ul>\n")
        let lazy = Markdown.render("> 引用\n> : 定义\n懒行\n")
        #expect(lazy.html.contains("<dd>定义\n懒行</dd>"))
    }

    @Test("Raw HTML in a term is escaped like any other text")
    func escaped() {
        let result = Markdown.render("term <img src=x onerror=alert(1)>\n: def <b>x</b>\n")
        #expect(!result.html.contains("<img") && !result.html.contains("<b>"), "\(result.html)")
        #expect(result.html.contains("<dl>"))
    }
}
