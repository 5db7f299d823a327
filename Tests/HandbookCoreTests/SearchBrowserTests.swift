import Foundation
import Testing
@testable import HandbookCore

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
        // The numbers alone in the page: the stylesheet adds the brackets (see `kindCountsAsSeen`).
        #expect(all.kinds == ["全部 \(all.results.count)", "流程 \(counts["流程", default: 0])", "步骤 \(counts["步骤", default: 0])",
                              "部门 \(counts["部门", default: 0])", "岗位 \(counts["岗位", default: 0])", "文档 \(counts["文档", default: 0])"])
        let roles = try await Self.search("客服", extra: "&kind=r", site: site, folder: folder)
        #expect(roles.results.map(\.kind) == Array(repeating: "岗位", count: counts["岗位", default: 0]))
        #expect(roles.status == "找到 \(counts["岗位", default: 0]) 条结果")
        #expect(roles.kinds == all.kinds, "the counts stay those of every kind")
    }

    /// The kind filter's labels as drawn, the stylesheet's `::before` and `::after` included:
    /// the script wrote "(12)" into a `.count` that the stylesheet brackets too, "全部 ((12))".
    @Test("The kind filter's counts read '全部 (5)' on screen, in one pair of brackets")
    func kindCountsAsSeen() async throws {
        let (site, folder) = try await Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            addEventListener('load', () => setTimeout(() => {
              const pseudo = (c, p) => { const v = getComputedStyle(c, p).content; return v === 'none' || v === 'normal' ? '' : JSON.parse(v); };
              report([...document.querySelectorAll('#search-kinds label')].map(l => {
                const c = l.querySelector('.count');
                const name = [...l.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
                return (name + ' ' + pseudo(c, '::before') + c.textContent + pseudo(c, '::after')).replace(/\\s+/g, ' ').trim();
              }));
            }, 100));
            """
        let labels = try await PageProbe.decode([String].self, site.url("search/index.html"), script: script, query: "q=客服", in: folder)
        let all = try await Self.search("客服", site: site, folder: folder)
        #expect(labels.first == "全部 (\(all.results.count))", "\(labels)")
        #expect(labels.count == 6 && labels.allSatisfy { $0.wholeMatch(of: /\S+ \(\d+\)/) != nil }, "\(labels)")
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

    @Test("Words deep in pages are found from their parts, the last part's too")
    func wholeTextParts() async throws {
        let handbook = try SearchIndexTests.longPages()
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        try #require(site.exists(SearchIndex.partPath(1)))
        let (status, results, _, _, _) = try await Self.search("关键词30号", site: site, folder: handbook.folder)
        #expect(status == "找到 1 条结果", "\(status)")
        #expect(results.map(\.href) == ["../long/p30/index.html"])
        #expect(results.first?.snippet.contains("关键词30号") == true, "\(results.first?.snippet ?? "")")
        let (all, many, _, _, _) = try await Self.search("关键词", site: site, folder: handbook.folder)
        #expect(all == "找到 30 条结果" && many.count == 30, "\(all)")
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
}
