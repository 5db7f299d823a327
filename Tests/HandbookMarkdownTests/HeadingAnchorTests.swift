import Testing
@testable import HandbookMarkdown

@Suite("Heading anchors")
struct HeadingAnchorTests {
    @Test("Slugs keep letters of any script", arguments: [
        ("适用范围", "适用范围"),
        ("Scope & Goals", "scope--goals"),
        ("第3步：转办", "第3步转办"),
        ("Don't", "dont"),
        ("data.json", "datajson"),
        ("客服 流程", "客服-流程"),
        ("Step 1 - Intake", "step-1---intake"),
        ("kebab-case and snake_case", "kebab-case-and-snake_case"),
        ("日本語の見出し（注意）", "日本語の見出し注意"),
        ("  前后空格  ", "前后空格"),
        ("RACI 矩阵（说明）", "raci-矩阵说明"),
        ("snake_case", "snake_case"),
        ("!!!", "section"),
        ("", "section"),
    ])
    func slug(_ title: String, _ expected: String) {
        #expect(Slug.make(title) == expected)
    }

    /// 18F's handbook (Eleventy, markdown-it-anchor): the anchors its own links use.
    @Test("Eleventy-style slugs: runs of other characters one dash, & read and", arguments: [
        ("Other people’s money", "other-people-s-money"),
        ("Other people's money", "other-people-s-money"),
        ("cloud.gov", "cloud-gov"),
        ("508 - Accessibility", "508-accessibility"),
        ("M&IE and use of the GSA travel card", "m-and-ie-and-use-of-the-gsa-travel-card"),
        ("客服 流程（说明）", "客服-流程-说明"),
        ("!!!", "section"),
    ])
    func eleventySlug(_ title: String, _ expected: String) {
        #expect(Slug.make(title, style: .eleventy) == expected)
        #expect(Markdown.render("## \(title)\n", headingIDs: .eleventy).headings.map(\.anchor) == [expected])
    }

    @Test("Chinese headings get Chinese anchors in the HTML")
    func chineseHeadings() {
        let result = Markdown.render("## 目的\n\n文字\n\n### 适用 范围\n")
        #expect(result.headings.map(\.anchor) == ["目的", "适用-范围"])
        #expect(result.headings.map(\.level) == [2, 3])
        #expect(result.headings.map(\.text) == ["目的", "适用 范围"])
        #expect(result.html.contains("<h2 id=\"目的\">目的</h2>"))
        #expect(result.html.contains("<h3 id=\"适用-范围\">适用 范围</h3>"))
    }

    @Test("Duplicate headings get -1, -2")
    func duplicates() {
        let result = Markdown.render("## 注意事项\n\n## 注意事项\n\n## 注意事项\n")
        #expect(result.headings.map(\.anchor) == ["注意事项", "注意事项-1", "注意事项-2"])
        #expect(result.html.contains("<h2 id=\"注意事项-1\">"))
        #expect(result.html.contains("<h2 id=\"注意事项-2\">"))
    }

    @Test("Anchors stay unique even when a heading looks like a numbered duplicate", arguments: [
        ["a", "a-1", "a"],
        ["a", "a", "a-1"],
        ["a-1", "a", "a", "a-1"],
        ["步骤", "步骤", "步骤-1", "步骤-1", "步骤"],
    ])
    func uniqueAnchors(_ titles: [String]) {
        let source = titles.map { "## \($0)\n" }.joined(separator: "\n")
        let anchors = Markdown.render(source).headings.map(\.anchor)
        #expect(anchors.count == titles.count)
        #expect(Set(anchors).count == anchors.count, "anchors \(anchors)")
        #expect(anchors.first == titles.first)
    }

    @Test("Heading text is plain text, without markup")
    func plainText() {
        let result = Markdown.render("## 见 [客服部](x.md) 的 *说明* 和 `code`\n")
        #expect(result.headings.first?.text == "见 客服部 的 说明 和 code")
        #expect(result.headings.first?.anchor == "见-客服部-的-说明-和-code")
    }

    @Test("Headings report their line; setext headings count too")
    func headingLines() {
        let result = Markdown.render("文字\n\n# 一\n\n二\n---\n\n```\n# 不是标题\n```\n")
        #expect(result.headings.map(\.line) == [3, 5])
        #expect(result.headings.map(\.text) == ["一", "二"])
        #expect(result.html.contains("# 不是标题"))
    }

    @Test("A heading-like tag in a code block does not take an anchor")
    func codeBlockTagIsNotAHeading() {
        let result = Markdown.render("    <h2>x</h2>\n\n## 真标题\n")
        #expect(result.html.contains("<h2 id=\"真标题\">真标题</h2>"))
        #expect(result.html.contains("&lt;h2&gt;x&lt;/h2&gt;"))
    }

    @Test("Anchors are attribute-escaped")
    func escapedAnchor() {
        let html = Markdown.render("## 标题 {#a\"b&c'd}\n").html
        #expect(!html.contains("id=\"a\"b"))
        #expect(html.contains("<h2 id=\"a&quot;b&amp;c&#39;d\">标题</h2>"))
    }

    @Test("`{#id}` after a heading is its anchor and leaves the text", arguments: [
        ("## Install Hugo {#install}", "install", "Install Hugo"),
        ("## 客服流程 {#cs-flow .wide}", "cs-flow", "客服流程"),
        ("## Title {: #kramdown}", "kramdown", "Title"),
        ("## Snake {#my_id_here}", "my_id_here", "Snake"),
        ("## Only a class {.note}", "only-a-class", "Only a class"),
        ("## Shortcode {{< x >}}", "shortcode--x-", "Shortcode {{&lt; x &gt;}}"),
        ("## Braces {not attributes}", "braces-not-attributes", "Braces {not attributes}"),
        ("## Glued{#x}", "gluedx", "Glued{#x}"),
    ])
    func customIDs(_ source: String, _ anchor: String, _ text: String) {
        let result = Markdown.render(source + "\n")
        #expect(result.headings.map(\.anchor) == [anchor])
        #expect(result.html.contains("<h2 id=\"\(anchor)\">\(text)</h2>"))
        #expect(result.headingAnchors.contains(anchor))
    }

    @Test("A chosen id is kept; a later heading of that name goes around it")
    func customIDClash() {
        let result = Markdown.render("## A {#intro}\n\n## Intro\n")
        #expect(result.headings.map(\.anchor) == ["intro", "intro-1"])
    }

    @Test("Raw HTML ids and <a name> are anchors when raw HTML is kept, not otherwise")
    func rawHTMLAnchors() {
        let source = "<a id=\"top\"></a>\n\n段落 <a name='old-name'></a> 和 <span id=x>y</span> <input name=\"no\">\n"
        #expect(Markdown.render(source, unsafeHTML: true).headingAnchors == ["top", "old-name", "x"])
        #expect(Markdown.render(source).headingAnchors.isEmpty)
    }
}
