import Testing
@testable import HandbookMarkdown

@Suite("Links")
struct LinkTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var destination: String
        var line: Int
        var column: Int
        var testDescription: String { "\(destination) at \(line):\(column)" }
    }

    @Test("Link positions count characters, not bytes", arguments: [
        Case(source: "中文前缀[链接](a.md)", destination: "a.md", line: 1, column: 5),
        Case(source: "第一行\n\n第二段，含有中文[x](b.md)", destination: "b.md", line: 3, column: 9),
        Case(source: "- 项目：[链接](c.md)", destination: "c.md", line: 1, column: 6),
        Case(source: "> 引用文字[q](d.md)", destination: "d.md", line: 1, column: 7),
        Case(source: "## 标题里[h](e.md)", destination: "e.md", line: 1, column: 7),
        Case(source: "😀表情[e](f.md)", destination: "f.md", line: 1, column: 4),
        Case(source: "图：![流程图](flow.png)", destination: "flow.png", line: 1, column: 3),
        Case(source: "网址 <https://example.com/中文>", destination: "https://example.com/中文", line: 1, column: 4),
    ])
    func positions(_ item: Case) throws {
        let links = Markdown.render(item.source).links
        let link = try #require(links.first)
        #expect(links.count == 1)
        #expect(link.destination == item.destination)
        #expect(link.line == item.line)
        #expect(link.column == item.column)
    }

    @Test("Several links on one line each get their own column")
    func severalOnOneLine() {
        let links = Markdown.render("第二段，含有中文[x](b.md) 和 [y](c.md)").links
        #expect(links.map(\.destination) == ["b.md", "c.md"])
        #expect(links.map(\.column) == [9, 21])
    }

    @Test("A link on a continuation line of a paragraph")
    func continuationLine() {
        let links = Markdown.render("第一行文字\n第二行[z](e.md)").links
        #expect(links.map(\.line) == [2])
        #expect(links.map(\.column) == [4])
    }

    @Test("The callback sees every destination, links and images alike")
    func callbackSeesAll() {
        var seen: [String] = []
        _ = Markdown.render("[a](a.md) ![b](b.png) [c](https://example.com) [d](#step-1)") { destination in
            seen.append(destination)
            return nil
        }
        #expect(seen == ["a.md", "b.png", "https://example.com", "#step-1"])
    }

    @Test("A returned replacement becomes the href; nil keeps the original")
    func rewriting() {
        let html = Markdown.render("[采购](purchase.md#step-3) [外部](https://example.com) ![图](img/a.png)") { destination in
            switch destination {
            case "purchase.md#step-3": "../purchase/index.html#step-3"
            case "img/a.png": "../img/a.png"
            default: nil
            }
        }.html
        #expect(html.contains("<a href=\"../purchase/index.html#step-3\">采购</a>"))
        #expect(html.contains("<a href=\"https://example.com\">外部</a>"))
        #expect(html.contains("src=\"../img/a.png\""))
        #expect(!html.contains("purchase.md"))
    }

    @Test("Reported destinations are the ones written, not the rewritten ones")
    func reportsOriginal() {
        let result = Markdown.render("[a](a.md)") { _ in "x/index.html" }
        #expect(result.links.map(\.destination) == ["a.md"])
        #expect(result.html.contains("href=\"x/index.html\""))
    }

    @Test("Links in code are not links")
    func codeIsNotLink() {
        let result = Markdown.render("`[a](a.md)`\n\n    [b](b.md)\n")
        #expect(result.links.isEmpty)
    }
}
