import Foundation
import Testing
@testable import HandbookMarkdown

/// Every table example of the GFM spec (`Spec/gfm-tables.md`) and of cmark-gfm's own tests
/// (`Spec/gfm-tables-extra.md`), rendered by libcmark with our tables, compared as HTML with
/// white space between tags ignored.
@Suite("GFM tables: the spec's examples")
struct TableSpecTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var markdown: String
        var html: String
        var testDescription: String { "\(file):\(line)" }
    }

    /// The examples of a spec file: a fence of 32 backticks with `example`, Markdown, a line
    /// `.`, the expected HTML, the closing fence. `→` stands for a tab, as in the spec.
    static func examples(_ file: String) -> [Example] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Spec/\(file)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var lines = text.components(separatedBy: "\n")[...]
        var number = 0
        while let line = lines.popFirst() {
            number += 1
            guard line.hasPrefix(fence + " example") else { continue }
            let start = number + 1
            var markdown: [String] = [], html: [String] = []
            var inHTML = false
            while let body = lines.popFirst() {
                number += 1
                if body == fence { break }
                if body == ".", !inHTML { inHTML = true; continue }
                if inHTML { html.append(body) } else { markdown.append(body) }
            }
            let tab = { (text: String) in text.replacingOccurrences(of: "→", with: "\t") }
            examples.append(Example(file: file, line: start, markdown: tab(markdown.joined(separator: "\n") + "\n"),
                                    html: tab(html.joined(separator: "\n"))))
        }
        return examples
    }

    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: ">\\s+<", with: "><", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("The spec files are there and hold every example", arguments: [("gfm-tables.md", 8), ("gfm-tables-extra.md", 16)])
    func specFiles(_ file: String, _ count: Int) {
        #expect(Self.examples(file).count == count)
    }

    @Test("Every example renders as the spec says", arguments: examples("gfm-tables.md") + examples("gfm-tables-extra.md"))
    func example(_ example: Example) {
        let html = Markdown.render(example.markdown, unsafeHTML: true).html
        #expect(Self.normalized(html) == Self.normalized(example.html), "\(example.markdown)")
    }
}

@Suite("GFM tables: links, raw HTML and places")
struct TablePlaceTests {
    @Test("Links in cells are found where they are written and rewritten like any other")
    func cellLinks() {
        let source = "前言 [a](a.md)\n\n| 名称 | 链接 |\n|---|:-:|\n| 退货 | 见 [流程](returns.md#step-2) 与 [b](b.md) |\n| \\| x | `a|b` [c](c.md) |\n"
        let result = Markdown.render(source) { "hb-root:/" + $0 }
        #expect(result.links.map(\.destination) == ["a.md", "returns.md#step-2", "b.md"])
        #expect(result.links.map(\.line) == [1, 5, 5])
        #expect(result.links.map(\.column) == [4, 10, 36])
        #expect(result.html.contains("<td align=\"center\">见 <a href=\"hb-root:/returns.md#step-2\">流程</a>"))
        // `a|b` in code splits the cell, as GFM says: the link is in a third cell, dropped.
        #expect(result.tableCount == 1)
    }

    @Test("A cell's link after an escaped pipe keeps its column")
    func escapedPipeColumn() {
        let result = Markdown.render("| a | b |\n|---|---|\n| x \\| y [l](l.md) | z |\n")
        #expect(result.links.map(\.column) == [10])
    }

    @Test("A table in a block quote or a list item: its cell links at their columns in the file")
    func nestedTables() {
        let quoted = Markdown.render("> | a | [l](x.md) |\n> |---|---|\n> | [m](y.md) | b |\n")
        #expect(quoted.tableCount == 1)
        #expect(quoted.links.map { [$0.line, $0.column] } == [[1, 9], [3, 5]])
        let listed = Markdown.render("1. 步骤\n\n   | 列 | 值 |\n   |---|---|\n   | 甲 | [乙](z.md) |\n")
        #expect(listed.tableCount == 1)
        #expect(listed.links.map { [$0.line, $0.column] } == [[5, 10]])
    }

    @Test("Reference links in cells use the page's definitions")
    func referenceLinks() {
        let result = Markdown.render("| [客服][cs] |\n|---|\n| [cs] |\n\n[cs]: cs.md\n")
        #expect(result.links.map(\.destination) == ["cs.md", "cs.md"])
        #expect(result.links.map(\.line) == [1, 3])
    }

    @Test("Raw HTML dropped in a page is counted, with its first place; comments are not")
    func droppedRawHTML() {
        let result = Markdown.render("<!-- note -->\n\n文字\n\n<div>\n块\n</div>\n\n行内 <b>粗</b>\n\n| a |\n|---|\n| x <br> y |\n")
        #expect(result.rawHTML == RawHTMLPieces(count: 4, line: 5, column: 1))
        #expect(Markdown.render("<!-- 只有注释 -->\n").rawHTML == nil)
        // On a list item's lazy continuation line, where cmark's column is off by the marker.
        #expect(Markdown.render("- 列表项\n<a name=\"x\"></a>\n").rawHTML == RawHTMLPieces(count: 2, line: 2, column: 1))
        #expect(Markdown.render("<b>x</b>", unsafeHTML: true).rawHTML == nil)
    }

    @Test("A link after a backslash hard break or link reference definitions is on its own line", arguments: [
        ("第一行\\\n第二行 [坏](missing.md)\n", 2, 5),
        ("[ref]: https://example.com\n[other]: b.md\n正文 [坏](missing.md)\n", 3, 4),
        ("> 引用\\\n> 第二行 [坏](missing.md)\n", 2, 7),
    ])
    func positionsAfterBreaks(_ source: String, _ line: Int, _ column: Int) {
        let link = Markdown.render(source).links.last
        #expect(link?.line == line)
        #expect(link?.column == column)
    }
}
