import Testing
@testable import HandbookCore

/// `.md` links between documents: resolved to page routes, rewritten, checked.
@Suite("Link index")
struct LinkIndexTests {
    static let index: LinkIndex = {
        var index = LinkIndex()
        index.targets = [
            "processes/x.md": .init(route: Routes.process("x"), anchors: ["step-1", "目的"], published: true),
            "processes/purchase-approval.md": .init(route: Routes.process("purchase"), anchors: ["step-1", "step-3"], published: true),
            "processes/draft.md": .init(route: Routes.process("draft"), anchors: ["step-1"], published: false),
            "departments/qa.md": .init(route: Routes.department("quality-assurance"), anchors: [], published: true),
            "glossary.md": .init(route: Routes.page("glossary.md"), anchors: ["raci"], published: true),
            "术语.md": .init(route: Routes.page("术语.md"), anchors: [], published: true),
            "guides/index.md": .init(route: Routes.page("guides/index.md"), anchors: [], published: true),
            "index.md": .init(route: Routes.home, anchors: [], published: true),
        ]
        index.assets = ["images/flow.png"]
        index.indexAddresses()
        return index
    }()

    @Test("Links are rewritten to site-root links of the built pages", arguments: [
        ("purchase-approval.md#step-3", "processes/x.md", "hb-root:/processes/purchase/index.html#step-3"),
        ("../departments/qa.md", "processes/x.md", "hb-root:/departments/quality-assurance/index.html"),
        ("./purchase-approval.md", "processes/x.md", "hb-root:/processes/purchase/index.html"),
        ("../glossary.md#raci", "processes/x.md", "hb-root:/glossary/index.html#raci"),
        ("#step-1", "processes/x.md", "hb-root:/processes/x/index.html#step-1"),
        ("#目的", "processes/x.md", "hb-root:/processes/x/index.html#%E7%9B%AE%E7%9A%84"),
        ("departments/qa.md", "index.md", "hb-root:/departments/quality-assurance/index.html"),
        ("../index.md", "guides/a.md", "hb-root:/index.html"),
        ("%E6%9C%AF%E8%AF%AD.md", "index.md", "hb-root:/%E6%9C%AF%E8%AF%AD/index.html"),
        ("术语.md", "index.md", "hb-root:/%E6%9C%AF%E8%AF%AD/index.html"),
        ("guides/", "index.md", "hb-root:/guides/index.html"),
        ("../images/flow.png", "processes/x.md", "hb-root:/images/flow.png"),
        ("glossary.md?x=1#raci", "index.md", "hb-root:/glossary/index.html#raci"),
    ])
    func rewrites(_ destination: String, _ source: String, _ expected: String) {
        #expect(Self.index.rewrite(destination, from: source) == expected)
        #expect(Self.index.check(destination, from: source, at: SourcePosition(path: source, line: 1, column: 1)) == nil)
    }

    @Test("External links are left alone and not checked", arguments: [
        "https://example.com/a.md", "mailto:a@example.com", "//cdn.example.com/x.js", "tel:+861234",
    ])
    func external(_ destination: String) {
        #expect(Self.index.rewrite(destination, from: "processes/x.md") == nil)
        #expect(Self.index.check(destination, from: "processes/x.md", at: SourcePosition(path: "p", line: 1, column: 1)) == nil)
    }

    @Test("Broken links are errors at the given position", arguments: [
        ("nope.md", "processes/x.md"),
        ("../departments/nope.md", "processes/x.md"),
        ("../../outside.md", "processes/x.md"),
        ("../index.md", "index.md"),
        ("/etc/passwd", "index.md"),
    ])
    func broken(_ destination: String, _ source: String) {
        let at = SourcePosition(path: "content/" + source, line: 12, column: 5)
        #expect(Self.index.rewrite(destination, from: source) == nil)
        let diagnostic = Self.index.check(destination, from: source, at: at)
        #expect(diagnostic?.rule == "handbook.link.broken")
        #expect(diagnostic?.severity == .error)
        #expect(diagnostic?.position == at)
    }

    @Test("A missing anchor is an error with the nearest anchor")
    func brokenAnchor() {
        let at = SourcePosition(path: "content/processes/x.md", line: 3, column: 9)
        let diagnostic = Self.index.check("purchase-approval.md#step-4", from: "processes/x.md", at: at)
        #expect(diagnostic?.rule == "handbook.link.broken-anchor")
        #expect(diagnostic?.position == at)
        // step-1 and step-3 are as near as each other: the first in order, on every run.
        #expect(diagnostic?.notes == ["did you mean step-1?"])
    }

    @Test("Of equally near candidates the suggestion is the first in order, whatever order they come in")
    func suggestionTies() {
        let candidates = (1...9).map { "step-\($0)" } + ["步骤"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            #expect(Suggestion.nearest(to: "step-0", in: candidates.shuffled(using: &generator)) == "step-1")
            #expect(Suggestion.nearest(to: "step-0", in: Set(candidates)) == "step-1")
        }
        #expect(Suggestion.nearest(to: "stpe-4", in: candidates.shuffled()) == "step-4", "the nearest still wins over the first")
    }

    @Test("A body's headings are anchors beside the steps: linked to, and suggested when one is mistyped")
    func headingAnchors() {
        var index = Self.index
        index.targets["processes/purchase-approval.md"]?.headings = ["审批说明", "附件"]
        let at = SourcePosition(path: "content/processes/x.md", line: 1, column: 1)
        #expect(index.check("purchase-approval.md#审批说明", from: "processes/x.md", at: at) == nil)
        #expect(index.check("purchase-approval.md#step-3", from: "processes/x.md", at: at) == nil)
        let diagnostic = index.check("purchase-approval.md#审批说", from: "processes/x.md", at: at)
        #expect(diagnostic?.rule == "handbook.link.broken-anchor")
        #expect(diagnostic?.notes.first == "did you mean 审批说明?")
    }

    @Test("A missing anchor is caught however the target page is named", arguments: [
        ("glossary.md#nope", "index.md"),
        ("glossary#nope", "index.md"),
        ("guides/#nope", "index.md"),
        ("guides/index.md#nope", "index.md"),
    ])
    func brokenAnchorAnyForm(_ destination: String, _ source: String) {
        let diagnostic = Self.index.check(destination, from: source, at: SourcePosition(path: source, line: 1, column: 1))
        #expect(diagnostic?.rule == "handbook.link.broken-anchor")
    }

    @Test("A link to an unpublished process leads to the not-found page, with a warning")
    func unpublished() {
        #expect(Self.index.rewrite("draft.md", from: "processes/x.md") == "hb-root:/404.html")
        let diagnostic = Self.index.check("draft.md", from: "processes/x.md", at: SourcePosition(path: "p", line: 1, column: 1))
        #expect(diagnostic?.rule == "handbook.link.unpublished")
        #expect(diagnostic?.severity == .warning)
    }

    @Test("Site-root links become relative to the page they land on")
    func relativize() {
        let html = "<a href=\"hb-root:/processes/x/index.html#step-1\">x</a><img src=\"hb-root:/images/a.png\">"
        #expect(RootLink.relativize(html, root: Routes.rootPrefix(of: Routes.process("y")))
            == "<a href=\"../../processes/x/index.html#step-1\">x</a><img src=\"../../images/a.png\">")
        #expect(RootLink.relativize(html, root: Routes.rootPrefix(of: Routes.home))
            == "<a href=\"processes/x/index.html#step-1\">x</a><img src=\"images/a.png\">")
    }
}
