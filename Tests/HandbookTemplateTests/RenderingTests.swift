import Foundation
import HandbookTemplate
import Testing

private func render(_ text: String, _ value: TemplateValue, partials: [String: String] = [:]) throws -> String {
    let templates = try partials.mapValues { text throws(TemplateSyntaxError) in try Template(text) }
    return TemplateLibrary(templates).render(try Template(text), value)
}

struct RenderingTests {
    @Test func dottedNamesResolveTheFirstPartThroughTheStack() throws {
        let value: TemplateValue = [
            "site": ["title": "手册", "owner": ["name": "Ada"]],
            "items": [["label": "one"]],
        ]
        #expect(try render("{{site.title}}/{{site.owner.name}}", value) == "手册/Ada")
        #expect(try render("{{#items}}{{label}}@{{site.owner.name}}{{/items}}", value) == "one@Ada")
        #expect(try render("[{{site.missing.name}}][{{nothing.at.all}}]", value) == "[][]")
        // Later parts resolve only inside the first part's value, never through the stack.
        #expect(try render("{{#site}}{{owner.title}}{{/site}}", value) == "")
    }

    @Test func stringSectionPushesTheString() throws {
        let template = "{{#summary}}<p>{{.}}</p>{{/summary}}"
        #expect(try render(template, ["summary": "概要 & more"]) == "<p>概要 &amp; more</p>")
        #expect(try render(template, [:]) == "")
        #expect(try render(template, ["summary": nil]) == "")
    }

    @Test func trueSectionDoesNotPush() throws {
        let value: TemplateValue = ["flag": true, "names": ["a", "b"]]
        #expect(try render("{{#names}}{{#flag}}({{.}}){{/flag}}{{/names}}", value) == "(a)(b)")
    }

    @Test func objectSectionPushesTheObject() throws {
        let value: TemplateValue = ["name": "outer", "owner": ["name": "inner"]]
        #expect(try render("{{#owner}}{{name}}{{/owner}} {{name}}", value) == "inner outer")
    }

    @Test func emptyStringIsTruthy() throws {
        let value: TemplateValue = ["empty": ""]
        #expect(try render("{{#empty}}yes[{{.}}]{{/empty}}{{^empty}}no{{/empty}}", value) == "yes[]")
    }

    @Test(arguments: [
        (TemplateValue.bool(false), "no"), (.null, "no"), (.list([]), "no"),
        (.list(["x"]), "yes"), (.object([:]), "yes"), (.string(""), "yes"), (.bool(true), "yes"),
    ])
    func truthiness(_ value: TemplateValue, _ expected: String) throws {
        #expect(try render("{{#v}}yes{{/v}}{{^v}}no{{/v}}", ["v": value]) == expected)
    }

    @Test(arguments: [
        ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;"),
        ("a<b>&\"c'd", "a&lt;b&gt;&amp;&quot;c&#39;d"),
        ("流程与职责：采购审批", "流程与职责：采购审批"),
        ("中<文>", "中&lt;文&gt;"),
        ("", ""),
    ])
    func escaping(_ input: String, _ expected: String) throws {
        #expect(try render("{{v}}", ["v": .string(input)]) == expected)
        #expect(try render("{{{v}}}|{{& v}}", ["v": .string(input)]) == "\(input)|\(input)")
    }

    @Test func nonStringValuesRender() throws {
        let value: TemplateValue = ["yes": true, "no": false, "list": ["a"], "object": ["k": "v"]]
        #expect(try render("{{yes}} {{no}} [{{list}}] [{{object}}] [{{null}}]", value) == "true false [] [] []")
    }

    @Test func templateTextPassesThroughUntouched() throws {
        let text = "<p class=\"x\">中文 & 'quotes' — ☐ emoji 🎉</p>\r\n"
        #expect(try render(text, [:]) == text)
    }

    @Test func setDelimitersAndComments() throws {
        let template = "{{! a comment\nover lines }}{{=<% %>=}}<%name%> {{name}} <%={{ }}=%>{{name}}"
        #expect(try render(template, ["name": "n"]) == "n {{name}} n")
    }

    @Test func standalonePartialIsIndentedLineByLine() throws {
        let partials = ["item": "<li>{{.}}</li>\n"]
        let template = "<ul>\r\n  {{#items}}\r\n    {{> item}}\r\n  {{/items}}\r\n</ul>"
        let value: TemplateValue = ["items": ["a", "b"]]
        #expect(try render(template, value, partials: partials) == "<ul>\r\n    <li>a</li>\n    <li>b</li>\n</ul>")
    }

    @Test func indentationDoesNotTouchInterpolatedText() throws {
        let partials = ["code": "<pre>{{{code}}}</pre>\n<p>after</p>\n"]
        let value: TemplateValue = ["code": "line 1\nline 2"]
        #expect(try render("<div>\n  {{> code}}\n</div>\n", value, partials: partials)
            == "<div>\n  <pre>line 1\nline 2</pre>\n  <p>after</p>\n</div>\n")
    }

    @Test func unknownPartialRendersNothing() throws {
        #expect(try render("[{{> nowhere}}][{{< nowhere}}{{$b}}x{{/b}}{{/nowhere}}]", [:]) == "[][]")
    }

    @Test func libraryRendersByName() throws {
        let library = TemplateLibrary(["a": try Template("A{{> b}}"), "b": try Template("B{{x}}")])
        #expect(library.render("a", ["x": "!"]) == "AB!")
        #expect(library.render("missing", [:]) == nil)
        #expect(try Template("{{> b}}{{<c}}{{/c}}{{#s}}{{> d}}{{/s}}").includedTemplateNames == ["b", "c", "d"])
    }

    @Test func largeListRendersEveryByte() throws {
        let template = try Template("<table>\n{{#rows}}\n<tr><td>{{id}}</td><td>{{name}}</td></tr>\n{{/rows}}\n</table>\n")
        var rows: [TemplateValue] = []
        var expected = "<table>\n"
        for index in 0..<10_000 {
            let name = index % 7 == 0 ? "第\(index)行 <b>" : "第\(index)行"
            rows.append(["id": .string(String(index)), "name": .string(name)])
            let escaped = index % 7 == 0 ? "第\(index)行 &lt;b&gt;" : name
            expected += "<tr><td>\(index)</td><td>\(escaped)</td></tr>\n"
        }
        expected += "</table>\n"
        let rendered = template.render(["rows": .list(rows)])
        #expect(rendered.utf8.count == expected.utf8.count)
        #expect(rendered == expected)
    }

    @Test func rendersConcurrently() async throws {
        let library = TemplateLibrary(["t": try Template("{{#items}}{{.}},{{/items}}")])
        let results = await withTaskGroup(of: String?.self) { group in
            for task in 0..<8 {
                group.addTask { library.render("t", ["items": .list((0..<100).map { .string("\(task)-\($0)") })]) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0?.split(separator: ",").count == 100 })
    }

    /// Items made on demand render exactly as the same list would, and each is made only when
    /// a section reaches it: a section that is skipped makes none.
    @Test func itemsMadeOnDemandRenderLikeAList() throws {
        let library = TemplateLibrary([
            "t": try Template("{{#show}}<ul>{{#rows}}<li>{{name}}{{#tags}}[{{.}}]{{/tags}}</li>{{/rows}}</ul>{{/show}}{{^rows}}none{{/rows}}"),
        ])
        let rows: [TemplateValue] = (0..<3).map { ["name": .string("步骤\($0) & co"), "tags": ["a", "b"]] }
        let made = Counter()
        let onDemand = TemplateValue.items(.init(count: rows.count) { index in
            made.add()
            return rows[index]
        })
        let expected = library.render("t", ["show": true, "rows": .list(rows)])
        #expect(expected == "<ul><li>步骤0 &amp; co[a][b]</li><li>步骤1 &amp; co[a][b]</li><li>步骤2 &amp; co[a][b]</li></ul>")
        #expect(library.render("t", ["show": true, "rows": onDemand]) == expected)
        #expect(made.value == 3)
        #expect(library.render("t", ["show": false, "rows": onDemand]) == "")
        #expect(made.value == 3)
        #expect(library.render("t", ["show": true, "rows": .items(.init(count: 0) { _ in "x" })]) == "<ul></ul>none")
        #expect(onDemand.listValue == rows)
    }

    /// Rendered in pieces (every size of piece, the flush keeping a tail or not), the bytes
    /// handed out and the rest returned make exactly the page rendered whole.
    @Test func renderedInPiecesMatchesRenderedWhole() throws {
        let library = TemplateLibrary([
            "row": try Template("  <li>{{name}}</li>\n"),
            "t": try Template("<ul>\n{{#rows}}\n  {{> row}}\n{{/rows}}\n</ul>{{{tail}}}"),
        ])
        let value: TemplateValue = ["rows": .list((0..<40).map { ["name": .string("第\($0)步 <&>")] }), "tail": "<p>完</p>"]
        let whole = try #require(library.renderUTF8("t", value))
        for chunk in [1, 7, 64, 1 << 20] {
            for keep in [0, 3] {
                var written: [UInt8] = []
                var calls = 0
                let rest = try #require(library.renderUTF8("t", value, chunk: chunk) { buffer in
                    calls += 1
                    let cut = max(0, buffer.count - keep)
                    written += buffer[..<cut]
                    buffer.removeFirst(cut)
                })
                #expect(written + rest == whole, "chunk \(chunk), keep \(keep)")
                #expect(chunk < whole.count ? calls > 0 : calls == 0)
            }
        }
    }
}

/// Counts calls from a `@Sendable` closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
