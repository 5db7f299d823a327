import Foundation
import Testing
@testable import HandbookCore

/// The search index file: only what the build publishes.
@Suite("Search index")
struct SearchIndexTests {
    func index(drafts: Bool) async throws -> String {
        let site = try await TestHandbook(fixture: "raci-matrix").build(drafts: drafts)
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        return site.text(SearchIndex.path)
    }

    /// The rows of `assets/search-index.js`.
    static func rows(_ script: String) throws -> [[String]] {
        let prefix = "window.HANDBOOK_SEARCH = "
        try #require(script.hasPrefix(prefix) && script.hasSuffix(";\n"), "unexpected shape: \(script.prefix(60))")
        let json = script.dropFirst(prefix.count).dropLast(2)
        return try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
    }

    /// A row's address: a step's is its process's followed by its anchor.
    static func url(_ row: [String], _ rows: [[String]]) throws -> String {
        guard row[0] == "s" else { return row[2] }
        let process = try #require(Int(row[3]).map { rows[$0] })
        #expect(process[0] == "p")
        return process[2] + row[2]
    }

    @Test("Without --drafts the index holds published content only")
    func publishedOnly() async throws {
        let script = try await index(drafts: false)
        #expect(!script.contains("DRAFTSENTINEL"), "draft text in the search index")
        #expect(!script.contains("RETIREDSENTINEL"), "retired text in the search index")
        let rows = try Self.rows(script)
        let titles = rows.map { $0[1] }
        #expect(titles.contains("订单审批流程"))
        #expect(titles.contains("archive. 归档订单"))
        #expect(titles.contains("销售部") && titles.contains("销售代表"))
        #expect(rows.allSatisfy { $0.count == ($0[0] == "s" ? 7 : 6) && ["p", "s", "d", "r", "g"].contains($0[0]) })
        #expect(!rows.contains { $0[2].contains("budget-plan") || $0[2].contains("old-policy") })
        // A step names its process's row and its responsible party's row.
        let step = try #require(rows.first { $0[1] == "2. 信用审核" })
        #expect(try Self.url(step, rows) == "processes/order-approval/index.html#step-2")
        #expect(rows[try #require(Int(step[6]))].prefix(4) == ["r", "会计", "roles/finance/clerk/index.html", "财务部"])
        let archive = try #require(rows.first { $0[1] == "archive. 归档订单" })
        #expect(rows[try #require(Int(archive[6]))].prefix(2) == ["d", "信息部"], "a department as a whole is its row")
    }

    @Test("With --drafts the draft is indexed and marked; the retired process still is not")
    func withDrafts() async throws {
        let script = try await index(drafts: true)
        #expect(!script.contains("RETIREDSENTINEL"))
        let rows = try Self.rows(script)
        let draft = try #require(rows.first { $0[0] == "p" && $0[2] == "processes/budget-plan/index.html" })
        #expect(draft[1].hasPrefix("预算草案流程DRAFTSENTINEL") && draft[1].contains("["), "draft marked: \(draft[1])")
        #expect(rows.contains { $0[0] == "s" && (try? Self.url($0, rows)) == "processes/budget-plan/index.html#step-1" })
    }

    @Test("The sample handbook's draft is not in its index, nor any of its step names")
    func sampleDraft() async throws {
        let source = try String(contentsOf: TestHandbook.repositoryRoot.appendingPathComponent("content/processes/supplier-evaluation.md"),
                                encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try await Pipeline.build(Pipeline.Options(root: TestHandbook.repositoryRoot, output: folder, date: TestHandbook.date))
        try #require(report.published)
        let script = try String(contentsOf: folder.appendingPathComponent(SearchIndex.path), encoding: .utf8)
        // The draft's title and summary (from its frontmatter) appear nowhere in the index.
        for key in ["title: ", "summary: "] {
            let value = try #require(source.split(separator: "\n").first { $0.hasPrefix(key) }?.dropFirst(key.count))
            #expect(!script.contains(String(value)), "draft \(key)\(value) is in the search index")
        }
        #expect(!script.contains("supplier-evaluation"))
        #expect(script.contains("客户满意度回访"))
    }

    @Test("Step links in the index point at existing rows")
    func stepLinks() async throws {
        let site = try await TestHandbook(fixture: "flowchart").build()
        let rows = try Self.rows(site.text(SearchIndex.path))
        for row in rows where row[0] == "s" {
            let parts = try Self.url(row, rows).split(separator: "#", maxSplits: 1).map(String.init)
            try #require(parts.count == 2)
            let page = site.text(parts[0].removingPercentEncoding ?? parts[0])
            #expect(HTML.ids(in: page).contains(parts[1].removingPercentEncoding ?? parts[1]), "\(row[2])")
        }
    }
}

/// Search as a reader uses it: the sample handbook in headless Chromium, opened from `file://`.
/// Serialized: one Chromium at a time, so the browsers do not starve the other suites.
@Suite("Search in a browser", .serialized, .enabled(if: Chromium.path != nil, "chromium is not on PATH; browser tests skipped"))
struct SearchBrowserTests {
    struct Result {
        var href: String
        var title: String
        var kind: String
        /// The words marked, in the title, the context, the party and the snippet.
        var marks: [String]
        /// "责任：…" on a step.
        var party: String
        var snippet: String
        var html: String
    }

    /// Text without the tags (a `<mark>` inside a word does not split it).
    static func plain(_ html: String) -> String {
        HTML.decodeEntities(html.replacing(try! Regex("<[^>]*>"), with: ""))
    }

    /// The DOM of `search/index.html?q=…` after the script has run: the status text, the
    /// results, the "more" link (nil when hidden) and the kind filter's labels.
    static func search(_ query: String, extra: String = "", site: BuiltSite, folder: URL) async throws
        -> (status: String, results: [Result], list: String, more: String?, kinds: [String]) {
        let encoded = try #require(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let url = try #require(URL(string: site.url("search/index.html").absoluteString + "?q=" + encoded + extra))
        let dom = try await Chromium.dumpDOM(url, in: folder)
        let status = HTML.text(HTML.element("p", id: "search-status", in: dom) ?? "")
        let list = try #require(HTML.element("ol", id: "search-results", in: dom), "no result list in the DOM")
        let results = list.components(separatedBy: "<li>").dropFirst().map { item -> Result in
            func first(_ pattern: String) -> String {
                item.matches(of: try! Regex(pattern)).first.flatMap { $0.output[1].substring.map(String.init) } ?? ""
            }
            return Result(href: HTML.decodeEntities(first("<a href=\"([^\"]*)\">")),
                          title: plain(first("<a href=\"[^\"]*\">(.*?)</a>")),
                          kind: plain(first("<span class=\"badge\">(.*?)</span>")),
                          marks: item.matches(of: try! Regex("<mark>([^<]*)</mark>")).compactMap { $0.output[1].substring.map { String($0) } },
                          party: plain(first("<p class=\"small party\">(.*?)</p>")),
                          snippet: plain(first("<p class=\"small snippet\">(.*?)</p>")), html: item)
        }
        let moreTag = dom.matches(of: try! Regex("<a id=\"search-more\"[^>]*>")).first.map { String($0.output[0].substring ?? "") } ?? ""
        let more = moreTag.isEmpty || moreTag.contains(" hidden") ? nil : HTML.attributes("href", in: moreTag).first
        let kinds = (HTML.element("fieldset", id: "search-kinds", in: dom) ?? "").components(separatedBy: "<label>").dropFirst()
            .map { HTML.text($0) }
        return (status, results, list, more, kinds)
    }

    /// The sample handbook (the repository root), built into a temporary folder.
    static func sample() async throws -> (BuiltSite, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-search-\(UUID().uuidString)")
        let report = try await Pipeline.build(Pipeline.Options(root: TestHandbook.repositoryRoot,
                                                               output: folder.appendingPathComponent("site"), date: TestHandbook.date))
        let site = BuiltSite(report: report, folder: folder.appendingPathComponent("site"))
        try #require(report.published, "the sample handbook does not build: \(site.errors.map(\.formatted))")
        return (site, folder)
    }

    @Test("Queries find the right things, as links, with no markup from the index", arguments: [
        "回访", "满意度回访", "RACI 负责", "qzxjvkwp",
    ])
    func query(_ query: String) async throws {
        let (site, folder) = try await Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, results, list, _, _) = try await Self.search(query, site: site, folder: folder)
        switch query {
        case "回访":
            let first = try #require(results.first, "no results for 回访")
            #expect(first.title == "5. 客户满意度回访")
            #expect(first.href == "../processes/complaint-handling/index.html#step-5")
        case "满意度回访":
            #expect(results.contains { $0.title == "5. 客户满意度回访" && $0.href.hasSuffix("processes/complaint-handling/index.html#step-5") })
        case "RACI 负责":
            #expect(results.contains { $0.href == "../glossary/index.html" && $0.title == "术语表" },
                    "glossary not found: \(results.map(\.title))")
        default:
            #expect(results.isEmpty, "nonsense found \(results.map(\.title))")
            #expect(status == "没有找到结果，请换个关键词试试。")
        }
        if !results.isEmpty {
            #expect(status == "找到 \(results.count) 条结果")
            #expect(HTML.count("<li>", in: list) == HTML.count("<a href=", in: list), "every result is a link")
        }
        #expect(!list.contains("<script"), "raw markup in results")
        // Every result leads to an existing page and anchor of the site.
        for result in results {
            #expect(result.href.hasPrefix("../"), "search/ links go up to the site root: \(result.href)")
            let parts = result.href.dropFirst(3).split(separator: "#", maxSplits: 1).map(String.init)
            let path = parts.first.map { $0.removingPercentEncoding ?? $0 } ?? ""
            #expect(site.exists(path), "\(result.href) leads nowhere")
            if parts.count == 2 {
                #expect(HTML.ids(in: site.text(path)).contains(parts[1].removingPercentEncoding ?? parts[1]), "\(result.href)")
            }
        }
    }

    /// 70 processes of two steps each, every step named 审核…: 140 step results for 审核.
    static func manySteps() throws -> TestHandbook {
        var files = ["content/departments/ops.md": "---\nname: 运营部\nroles:\n  - id: clerk\n    name: 单据专员\n---\n"]
        for n in 1...70 {
            files["content/processes/p\(n).md"] = """
                ---
                title: 流程\(n)
                owner: ops
                status: approved
                version: "1.0"
                effective: 2026-01-01
                approved_by: 经理
                steps:
                  - {id: 1, name: 审核单据\(n), responsible: ops/clerk, duties: 登记, outputs: [单据]}
                  - {id: 2, name: 复核审核结果\(n), input: 单据, responsible: ops, duties: 复核, outputs: [结果], next: end}
                ---
                """
        }
        return try TestHandbook(files)
    }

    @Test("The count is every match, and 'more' shows them all, fifty at a time")
    func trueCountAndMore() async throws {
        let handbook = try Self.manySteps()
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let first = try await Self.search("审核", site: site, folder: handbook.folder)
        #expect(first.status == "找到 140 条结果（显示前 50 条）")
        #expect(first.results.count == 50)
        let more = try #require(first.more, "no 'more' link")
        #expect(more == "?q=%E5%AE%A1%E6%A0%B8&n=100")
        let second = try await Self.search("审核", extra: "&n=100", site: site, folder: handbook.folder)
        #expect(second.results.count == 100)
        #expect(second.more == "?q=%E5%AE%A1%E6%A0%B8&n=150")
        let last = try await Self.search("审核", extra: "&n=150", site: site, folder: handbook.folder)
        #expect(last.results.count == 140 && last.more == nil)
        #expect(last.status == "找到 140 条结果")
        #expect(Set(last.results.map(\.href)).count == 140, "each result once")
    }

    @Test("The kind filter counts each kind and shows only the chosen one")
    func kindFilter() async throws {
        let (site, folder) = try await Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = try await Self.search("客服", site: site, folder: folder)
        let counts = Dictionary(grouping: all.results, by: \.kind).mapValues(\.count)
        #expect(counts["岗位", default: 0] >= 2 && counts["步骤", default: 0] >= 1 && counts["部门", default: 0] >= 1, "\(counts)")
        #expect(all.kinds == ["全部 (\(all.results.count))", "流程 (\(counts["流程", default: 0]))", "步骤 (\(counts["步骤", default: 0]))",
                              "部门 (\(counts["部门", default: 0]))", "岗位 (\(counts["岗位", default: 0]))", "文档 (\(counts["文档", default: 0]))"])
        let roles = try await Self.search("客服", extra: "&kind=r", site: site, folder: folder)
        #expect(roles.results.map(\.kind) == Array(repeating: "岗位", count: counts["岗位", default: 0]))
        #expect(roles.status == "找到 \(counts["岗位", default: 0]) 条结果")
        #expect(roles.kinds == all.kinds, "the counts stay those of every kind")
    }

    @Test("Matched words are marked in the title and in a snippet around the match")
    func highlight() async throws {
        let (site, folder) = try await Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = try await Self.search("回访", site: site, folder: folder)
        let top = try #require(found.results.first)
        #expect(top.html.contains("客户满意度<mark>回访</mark>"), "\(top.html)")
        // Every result shows where it matched: the word is marked in it.
        for result in found.results { #expect(result.marks.contains("回访"), "\(result.title): \(result.html)") }
        // The process matched in its body shows the passage, not the first 120 characters.
        let process = try #require(found.results.first { $0.href.hasSuffix("employee-onboarding/index.html") }, "\(found.results.map(\.title))")
        #expect(process.snippet.contains("回访"), "\(process.snippet)")
        #expect(process.snippet.count <= 122)
        // Marks are made as elements around text: a query with markup is text in them.
        let odd = try await Self.search("<b>回访", site: site, folder: folder)
        #expect(!odd.list.contains("<b>"))
    }

    @Test("A step result says who is responsible; a role's name finds the role and its steps")
    func responsibleAndRole() async throws {
        let (site, folder) = try await Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = try await Self.search("满意度回访", site: site, folder: folder)
        let step = try #require(found.results.first { $0.title == "5. 客户满意度回访" })
        #expect(step.party == "责任部门/岗位：客服部 · 客服专员")
        let role = try await Self.search("客服专员", site: site, folder: folder)
        let top = try #require(role.results.first)
        #expect(top.kind == "岗位" && top.title == "客服专员")
        #expect(top.html.contains("负责 3 个步骤"))
        let steps = role.results.filter { $0.kind == "步骤" }.map(\.title)
        for name in ["1. 客户投诉接收", "3. 投诉转办", "5. 客户满意度回访"] { #expect(steps.contains(name), "\(steps)") }
        #expect(role.results.filter { $0.kind == "步骤" }.allSatisfy { $0.party == "责任部门/岗位：客服部 · 客服专员" })
    }

    @Test("In English: the count, the party and a role's steps in English words")
    func english() async throws {
        let handbook = try TestHandbook(fixture: "print-en")
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let found = try await Self.search("sales rep", site: site, folder: handbook.folder)
        #expect(found.status == "\(found.results.count) results")
        let role = try #require(found.results.first)
        #expect(role.kind == "Role" && role.title == "Sales Rep" && role.html.contains("Responsible for 2 steps"))
        let steps = found.results.filter { $0.kind == "Step" }
        #expect(steps.map(\.title) == ["1. Record the order", "2. Confirm the order"])
        #expect(steps.allSatisfy { $0.party == "Responsible: Sales · Sales Rep" }, "\(steps.map(\.party))")
        #expect(role.html.contains("<mark>Sales Rep</mark>") || role.html.contains("<mark>Sales</mark> <mark>Rep</mark>"), "\(role.html)")
    }

    @Test("Indexed text never becomes markup in the results")
    func noInjection() async throws {
        let payload = "<img src=x onerror=\"document.body.dataset.pwned=1\">"
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/xss.md": """
            ---
            title: '\(payload)注入测试页'
            ---
            # 注入测试

            正文里有 `<script>document.body.dataset.pwned=2</script>` 注入测试。
            """,
        ])
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let (_, results, list, _, _) = try await Self.search("注入测试", site: site, folder: handbook.folder)
        let hit = try #require(results.first { $0.href.hasSuffix("xss/index.html") }, "page not found: \(results.map(\.title))")
        #expect(hit.title == payload + "注入测试页", "the title is shown as text")
        #expect(!list.contains("<img"), "markup from the index was parsed")
        #expect(!list.contains("<script"))
        let dom = try await Chromium.dumpDOM(try #require(URL(string: site.url("search/index.html").absoluteString + "?q=%E6%B3%A8%E5%85%A5")),
                                             in: handbook.folder)
        #expect(!dom.contains("data-pwned"), "indexed text ran as script")
    }

    /// Arrays written item by item (`handbook.json`'s processes, made one at a time) come out
    /// byte for byte as a whole array would, pretty or compact.
    @Test func itemsWrittenOnDemandMatchAWholeArray() {
        let objects: [JSONText] = [
            .object(["b": .string("2"), "a": JSONText(["x", "\"y\"\n"]), "none": .null]), .array([]), .string("z"),
        ]
        for pretty in [true, false] {
            var whole: [UInt8] = [], onDemand: [UInt8] = []
            JSONText.object(["list": .array(objects)]).write(into: &whole, pretty: pretty)
            JSONText.object(["list": .items(count: objects.count) { objects[$0] }]).write(into: &onDemand, pretty: pretty)
            #expect(onDemand == whole)
        }
        var compact: [UInt8] = []
        JSONText.items(count: objects.count) { objects[$0] }.write(into: &compact, pretty: false)
        #expect(String(decoding: compact, as: UTF8.self) == #"[{"a":["x","\"y\"\n"],"b":"2"},[],"z"]"#)
    }

    /// Strings are copied in runs between the bytes JSON must escape: every kind of byte, at
    /// the start, the end and side by side, reads back as it was.
    @Test func stringsReadBackExactly() throws {
        let texts = ["", "投诉工单", "\"", "\\", "a\"b\\c", "\n\r\t\u{01}\u{1F}", "\"\"\\\\", "end\u{7}", "\u{0}start",
                     "👩‍👩‍👧 \u{3000}全角 /slash/ \u{7F}", String(repeating: "长文本", count: 500) + "\""]
        var out: [UInt8] = []
        JSONText(texts).write(into: &out, pretty: false)
        #expect(try JSONDecoder().decode([String].self, from: Data(out)) == texts)
        #expect(String(decoding: out, as: UTF8.self).contains(#""\n\r\t\u0001\u001f""#))
    }
}

/// The text a body or description gives the index.
@Suite("Search index text")
struct SearchTextTests {
    @Test("Tags go, entities are undone once, white space collapses, the limit counts characters", arguments: [
        ("<p>投诉<strong>工单</strong></p>\n<ul>\n<li>回访</li>\n</ul>", 400, "投诉 工单 回访"),
        ("<p>a &lt;b&gt; &amp;lt; &quot;q&quot; &#39;s&#39; &amp; &nbsp;</p>", 400, "a <b> &lt; \"q\" 's' & &nbsp;"),
        ("  \u{3000}全角\u{3000}空格\u{00A0}和\t制表\r\n换行  ", 400, "全角 空格 和 制表 换行"),
        ("<a href=\"x&amp;y\" title=\"a > b\">链接</a>", 400, "b\" 链接"),
        ("一二三四五六", 4, "一二三四"),
        ("👩‍👩‍👧 家庭 é", 4, "👩‍👩‍👧 家庭"),
        ("&am<x>p; &", 400, "&am p; &"),
        ("", 400, ""),
    ])
    func plainText(html: String, limit: Int, text: String) {
        #expect(SearchIndex.plain(html, limit: limit) == text)
    }

    @Test("Made from bytes, it matches walking the characters, on mixed random fragments")
    func matchesCharacterWalk() {
        let pieces = ["<p>", "</p>", "<a href=\"a&amp;b\">", "</a>", ">", "<", "&lt;", "&gt;", "&amp;", "&quot;", "&#39;",
                      "&amp;lt;", "&", "amp;", " ", "\n", "\t", "\u{3000}", "\u{00A0}", "\u{2028}", "投诉", "工单",
                      "a", "e\u{301}", "👩‍👩‍👧", "🇨🇳", "。", "|"]
        var generator = SplitMix64(seed: 7)  // the same fragments every run
        for _ in 0..<2_000 {
            let html = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let limit = Int.random(in: 1...40, using: &generator)
            #expect(SearchIndex.plain(html, limit: limit) == Self.characterWalk(html, limit: limit), "\(html.debugDescription)")
        }
    }

    /// The earlier implementation, over characters, as the reference.
    static func characterWalk(_ html: String, limit: Int) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">" { inTag = false; text.append(" "); continue }
            if !inTag { text.append(character) }
        }
        text = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return String(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").prefix(limit))
    }
}

/// A seeded generator (splitmix64), so a randomized test sees the same inputs every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
