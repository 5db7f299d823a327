import Foundation
import Testing
@testable import HandbookCore

/// SVG and XML files open in the browser as documents of the site: published only without
/// anything that could run script in them.
@Suite("Active markup in SVG and XML")
struct ActiveMarkupTests {
    static let drawing = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- 流程图: <script> in a comment is text -->
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40">
      <style>rect { fill: #eef; }</style>
      <a xlink:href="../processes/a.html#step-1"><rect x="1" y="1" width="118" height="38" rx="4"/></a>
      <text x="10" y="25" font-family="sans-serif">审批 &amp; 归档 &#8594; 结束</text>
      <![CDATA[ <script>not an element</script> ]]>
    </svg>
    """

    static func find(_ text: String) -> ActiveMarkup.Finding? {
        ActiveMarkup.find(in: Array(text.utf8))
    }

    @Test("A drawing with links, styles, references, comments and CDATA is not active")
    func plainDrawing() {
        #expect(Self.find(Self.drawing) == nil)
        #expect(Self.find("<svg><image href='data:image/png;base64,AAAA' onion='x'/></svg>")?.what == "an event handler `onion`",
                "any attribute named on… counts: browsers add handlers")
        // draw.io's HTML labels, a CSS stylesheet and a document type without an internal subset are not active.
        #expect(Self.find("""
            <?xml version="1.0"?><?xml-stylesheet type="text/css" href="style.css"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject width="100" height="20">
            <div xmlns="http://www.w3.org/1999/xhtml" style="display: flex;"><div>审批 &gt; 归档</div></div>
            </foreignObject><text x="5" y="15">审批</text></switch></svg>
            """) == nil)
    }

    @Test("Each way to run script is found, at its line and column", arguments: [
        ("<svg>\n  <script>alert(1)</script></svg>", 2, 3, "a <script> element"),
        ("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:SCRIPT>x</svg:SCRIPT></svg:svg>", 1, 49, "a <script> element"),
        ("<data xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>x</h:script></data>", 1, 46, "a <script> element"),
        ("<svg>\n<rect width=\"1\"\n      onload=\"alert(1)\"/></svg>", 3, 7, "an event handler `onload`"),
        ("<svg><g ONCLICK=alert(1)></g></svg>", 1, 9, "an event handler `onclick`"),
        ("<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>", 1, 9, "a script URL in `href`"),
        ("<svg><a xlink:href=\" JaVaScRiPt:alert(1)\">x</a></svg>", 1, 9, "a script URL in `href`"),
        ("<svg><a href=\"&#106;ava&#x73;cript&colon;alert(1)\">x</a></svg>", 1, 9, "a script URL in `href`"),
        ("<svg><a href=\"java\tscript:alert(1)\">x</a></svg>", 1, 9, "a script URL in `href`"),
        ("<svg><animate attributeName=\"href\" values=\"vbscript:x\"/></svg>", 1, 36, "a script URL in `values`"),
        ("<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></div></foreignObject></svg>", 1, 63, "a <script> element"),
        // Bypasses a review found: a processing instruction ends at `?>`, a declaration's `>` may sit in quotes.
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><?x ><!-- ?><script>x</script></svg>", 1, 53, "a <script> element"),
        ("<!DOCTYPE svg [ <!NOTATION n SYSTEM \"><!--\"> ]>\n<svg><script>x</script></svg>", 1, 1, "a document type with an internal subset"),
        ("<!DOCTYPE svg [ <!ATTLIST svg onload CDATA \"alert(1)\"> ]><svg/>", 1, 1, "a document type with an internal subset"),
        ("<svg><iframe src=\"x.html\"/></svg>", 1, 6, "a <iframe> element"),
        ("<!DOCTYPE svg [ <!ENTITY js \"javascript:alert(1)\"> ]>\n<svg/>", 1, 1, "a document type with an internal subset"),
        ("<?xml-stylesheet type=\"text/xsl\" href=\"t.xsl\"?>\n<data/>", 1, 1, "an XSLT stylesheet"),
        ("审批流程\n  图：<svg><script>x</script></svg>", 2, 10, "a <script> element"),
    ] as [(String, Int, Int, String)])
    func active(_ text: String, line: Int, column: Int, what: String) {
        #expect(Self.find(text) == ActiveMarkup.Finding(line: line, column: column, what: what))
    }

    @Test("Text that cannot be read as UTF-8 (UTF-16, with NUL bytes) counts as active")
    func unreadable() {
        let utf16 = Array("<svg><script>alert(1)</script></svg>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(ActiveMarkup.find(in: utf16)?.what == "text that is not UTF-8")
    }

    @Test("Built: a plain SVG is published; a scripted SVG or XML and always-active kinds are withheld with a warning at the construct")
    func build() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/images/flow.svg": Self.drawing,
            "content/images/evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(document.cookie)</script>\n</svg>\n",
            "content/data/export.xml": "<export xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>alert(1)</h:script></export>\n",
            "content/data/plain.xml": "<export><step id=\"1\">审批</step></export>\n",
            "content/page.shtml": "<!--#exec cmd=\"ls\" -->\n",
            "content/guides/drawings.md": "---\ntitle: 图\n---\n![流程图](../images/flow.svg)\n\n[原图](../images/evil.svg)\n",
        ])
        // A link to a withheld file says why it does not resolve.
        let report = await handbook.check()
        let broken = report.diagnostics.filter { $0.severity == .error }
        #expect(broken.map(\.position) == [SourcePosition(path: "content/guides/drawings.md", line: 6, column: 1)])
        #expect(broken.first?.message.contains("`images/evil.svg` is not published: it can run script") == true, "\(broken.map(\.message))")
        try handbook.write(["content/guides/drawings.md": "---\ntitle: 图\n---\n![流程图](../images/flow.svg)\n"])

        let site = try await handbook.build()
        #expect(site.report.published, "\(site.errors.map(\.formatted))")
        #expect(site.text("guides/drawings/index.html").contains("src=\"../../images/flow.svg\""))
        #expect(site.exists("images/flow.svg") && site.exists("data/plain.xml"))
        #expect(!site.exists("images/evil.svg") && !site.exists("data/export.xml") && !site.exists("page.shtml"))
        let warnings = site.report.diagnostics.filter { $0.rule == "handbook.content.active-file" }
        #expect(warnings.map(\.position).sorted { $0.path < $1.path } == [
            SourcePosition(path: "content/data/export.xml", line: 1, column: 48),
            SourcePosition(path: "content/images/evil.svg", line: 2, column: 3),
            SourcePosition(path: "content/page.shtml", line: 1, column: 1),
        ])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.first { $0.position.path.hasSuffix("evil.svg") }?.message
                == "a <script> element can run script when this svg file is opened; not published unless `unsafe_html: true`")

        // With unsafe_html the author has said the content is trusted: everything is published.
        try handbook.write(["handbook.yml": try handbook.source("handbook.yml") + "unsafe_html: true\n"])
        let trusted = try await handbook.build()
        #expect(trusted.exists("images/evil.svg") && trusted.exists("data/export.xml") && trusted.exists("page.shtml"))
        #expect(!trusted.report.diagnostics.contains { $0.rule == "handbook.content.active-file" })
    }
}
