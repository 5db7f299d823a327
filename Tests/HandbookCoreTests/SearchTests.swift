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
        // The rows are the first line; the number of parts of pages' text follows.
        let line = String(script.prefix { $0 != "\n" }) + "\n"
        try #require(line.hasPrefix(prefix) && line.hasSuffix(";\n"), "unexpected shape: \(script.prefix(60))")
        let json = line.dropFirst(prefix.count).dropLast(2)
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

    /// 30 pages of 30,000 characters, a keyword at the end of each one's first 20,000.
    static func longPages() throws -> TestHandbook {
        var files: [String: String] = [:]
        for n in 1...30 {
            let filler = String(repeating: "填充文字，", count: 3_990)
            files["content/long/p\(n).md"] = "# 长页\(n)\n\n\(filler)关键词\(n)号\(String(repeating: "后文。", count: 3_300))\n"
        }
        return try TestHandbook(fixture: "valid-basic", files)
    }

    @Test("Pages' whole texts are in parts of about 2 MB; the index keeps each page's first 120 characters")
    func parts() async throws {
        let handbook = try Self.longPages()
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let index = site.text(SearchIndex.path)
        let count = try #require(index.firstMatch(of: /window\.HANDBOOK_SEARCH_PARTS = (\d+);\n$/).map { Int($0.output.1)! })
        #expect(count == 2)
        let rows = try Self.rows(String(index.prefix { $0 != "\n" }) + "\n")
        let pages = rows.enumerated().filter { $0.element[0] == "g" }
        let long = pages.filter { $0.element[2].hasPrefix("long/") }
        #expect(long.count == 30 && long.allSatisfy { $0.element[5].count == SearchIndex.previewLimit })
        #expect(!index.contains("关键词"))
        // Each part names the row of its first page, and holds every page's text up to 20,000 characters.
        var next = try #require(pages.first?.offset)
        for number in 0..<count {
            let part = site.text(SearchIndex.partPath(number))
            let first = try #require(part.firstMatch(of: /^HANDBOOK_SEARCH_PART\((\d+),/).map { Int($0.output.1)! })
            #expect(first == next)
            let json = part.drop { $0 != "[" }.dropLast(3)
            let texts = try JSONDecoder().decode([String].self, from: Data(json.utf8))
            for (offset, text) in texts.enumerated() {
                let row = rows[first + offset]
                #expect(row[0] == "g" && text.hasPrefix(row[5]))
                guard row[2].hasPrefix("long/") else { continue }
                #expect(text.count == SearchIndex.pageLimit)
                #expect(text.contains("关键词"), "row \(first + offset)")
            }
            next += texts.count
        }
        #expect(next == rows.count)
        #expect(!site.exists(SearchIndex.partPath(count)))
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
