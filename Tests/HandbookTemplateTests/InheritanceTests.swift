import HandbookTemplate
import Testing

struct InheritanceTests {
    /// The site's shape: pages are `{{<layout}}{{$content}}…{{/content}}{{/layout}}`.
    @Test func pageInLayout() throws {
        let library = TemplateLibrary([
            "layout": try Template("<title>{{title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n"),
            "page": try Template("{{<layout}}{{$content}}<h1>{{title}}</h1>{{/content}}{{/layout}}"),
        ])
        #expect(library.render("page", ["title": "流程 & 职责"])
            == "<title>流程 &amp; 职责</title>\n<main>\n<h1>流程 &amp; 职责</h1>\n</main>\n")
        #expect(library.render("layout", ["title": "t"]) == "<title>t</title>\n<main>\n\n</main>\n")
    }

    /// The theme writes the same thing over several lines; the tag lines disappear. The line
    /// holding `{{$content}}{{/content}}` keeps its newline, as the spec's "Standalone block" says.
    @Test func multiLinePageInLayout() throws {
        let library = TemplateLibrary([
            "layout": try Template("<main>\n{{$content}}{{/content}}\n</main>\n"),
            "page": try Template("{{<layout}}\n{{$content}}\n<article>\n{{{body}}}\n</article>\n{{/content}}\n{{/layout}}\n"),
        ])
        #expect(library.render("page", ["body": "<p>a</p>\n<p>b</p>"])
            == "<main>\n<article>\n<p>a</p>\n<p>b</p>\n</article>\n\n</main>\n")
    }

    @Test func outermostOverrideWins() throws {
        let library = TemplateLibrary([
            "base": try Template("[{{$a}}base{{/a}}|{{$b}}base{{/b}}]"),
            "middle": try Template("{{<base}}{{$a}}middle{{/a}}{{$b}}middle{{/b}}{{/base}}"),
            "page": try Template("{{<middle}}{{$a}}page{{/a}}{{/middle}}"),
        ])
        #expect(library.render("page", [:]) == "[page|middle]")
        #expect(library.render("middle", [:]) == "[middle|middle]")
    }

    @Test func textBetweenBlocksIsIgnored() throws {
        let library = TemplateLibrary(["base": try Template("<{{$a}}{{/a}}>")])
        #expect(library.render(try Template("{{<base}} ignored {{x}} {{$a}}kept{{/a}} ignored {{/base}}"), ["x": "x"]) == "<kept>")
    }

    @Test func overridesSeeTheContextAtTheBlock() throws {
        let library = TemplateLibrary(["base": try Template("{{#item}}{{$line}}{{/line}}{{/item}}")])
        #expect(library.render(try Template("{{<base}}{{$line}}{{name}}{{/line}}{{/base}}"), ["name": "outer", "item": ["name": "inner"]]) == "inner")
    }

    @Test func selfIncludingPartialStopsAtTheDepthLimit() throws {
        let library = TemplateLibrary(["self": try Template("x{{> self}}")])
        let rendered = try #require(library.render("self", [:]))
        #expect(rendered == String(repeating: "x", count: 101))  // the template plus 100 expansions
    }

    /// Each level includes the next twice, so the depth limit alone would allow 2^100
    /// expansions; the per-render expansion budget stops it.
    @Test func branchingRecursionTerminates() throws {
        let library = TemplateLibrary([
            "a": try Template("a{{<b}}{{$x}}{{> a}}{{/x}}{{/b}}"),
            "b": try Template("b{{$x}}{{/x}}{{> a}}"),
        ])
        let rendered = try #require(library.render("a", [:]))
        #expect(!rendered.isEmpty && rendered.utf8.count < 4_000_000)
    }

    @Test func aPartialPerRowIsNotCutShort() throws {
        let library = TemplateLibrary([
            "table": try Template("{{#rows}}{{> row}}{{/rows}}"),
            "row": try Template("<tr>{{.}}</tr>"),
        ])
        let rows = TemplateValue.list(Array(repeating: "x", count: 50_000))
        #expect(library.render("table", ["rows": rows])?.utf8.count == 50_000 * 10)
    }

    @Test func selfReferencingOverrideTerminates() throws {
        let library = TemplateLibrary(["base": try Template("{{$a}}{{/a}}")])
        let page = try Template("{{<base}}{{$a}}x{{$a}}{{/a}}{{/a}}{{/base}}")
        #expect(library.render(page, [:]) == String(repeating: "x", count: 99))
    }
}
