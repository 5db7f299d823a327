import Foundation
import Testing
@testable import HandbookCore

/// The review page and the home page's length: what a process owner and a reader see as the
/// handbook grows. Builds print 2026-01-01 (`TestHandbook.date`), "today" for reviews.
@Suite("Review page and home page", .serialized)
struct ReviewPageTests {
    static let departments = [
        "content/departments/cs.md": "---\nid: cs\nname: 客服部\nroles:\n  - {id: agent, name: 客服专员}\n---\n",
        "content/departments/qa.md": "---\nid: qa\nname: 品保部\n---\n",
    ]

    static func process(_ id: String, owner: String = "cs", reviewDue: String?, effective: String = "2025-01-01",
                        category: String = "客户服务", changes: String = "") -> String {
        """
        ---
        title: \(id)流程
        owner: \(owner)
        status: approved
        version: "1.0"
        effective: \(effective)
        approved_by: 经理
        \(reviewDue.map { "review_due: \($0)" } ?? "")
        category: \(category)
        \(changes)
        steps:
          - {id: 1, name: 受理, responsible: cs/agent, duties: 受理, outputs: [单据]}
          - {id: 2, name: 处理, input: [单据], responsible: qa, duties: 处理, outputs: [结果]}
        ---
        """
    }

    @Test("Overdue and near reviews by owning department, and the last changes; an overdue process says so on its page")
    func reviewPage() async throws {
        var files = Self.departments
        files["content/processes/overdue.md"] = Self.process("逾期", reviewDue: "2025-06-01")
        files["content/processes/qa-overdue.md"] = Self.process("品保逾期", owner: "qa", reviewDue: "2025-12-31")
        files["content/processes/soon.md"] = Self.process("将到期", reviewDue: "2026-02-15",
                                                          changes: "changes:\n  - {version: \"1.0\", date: 2025-12-20, summary: 增加回访}")
        files["content/processes/later.md"] = Self.process("远期", reviewDue: "2027-01-01", effective: "2025-11-01")
        let site = try await TestHandbook(files).build()
        #expect(site.report.published, "\(site.errors.map(\.formatted))")
        let html = site.text(Routes.review)
        let overdue = HTML.text(try #require(html.components(separatedBy: "<h2 id=\"overdue\">").dropFirst().first?
            .components(separatedBy: "<h2 id=\"due-soon\">").first))
        #expect(overdue.contains("客服部 逾期流程 评审已逾期 评审日期 2025-06-01 · 逾期 214 天"))
        #expect(overdue.contains("品保部 品保逾期流程 评审已逾期 评审日期 2025-12-31 · 逾期 1 天"))
        #expect(!overdue.contains("将到期流程") && !overdue.contains("远期流程"))
        let soon = HTML.text(try #require(html.components(separatedBy: "<h2 id=\"due-soon\">").dropFirst().first?
            .components(separatedBy: "<h2 id=\"recent\">").first))
        #expect(soon.contains("客服部 将到期流程 评审日期 2026-02-15 · 还有 45 天"))
        #expect(!soon.contains("远期流程") && !soon.contains("逾期流程 "))
        let recent = HTML.text(try #require(html.components(separatedBy: "<h2 id=\"recent\">").dropFirst().first))
        // Newest first: the change of 2025-12-20, then the version effective 2025-11-01.
        let changed = try #require(recent.range(of: "将到期流程 2025-12-20 · 版本 1.0 · 增加回访"))
        let effective = try #require(recent.range(of: "远期流程 2025-11-01"))
        #expect(changed.lowerBound < effective.lowerBound)

        let page = site.text(Routes.process("overdue"))
        #expect(HTML.text(page).contains("下次评审 2025-06-01 评审已逾期 逾期 214 天"))
        #expect(page.contains("<strong class=\"badge overdue\">评审已逾期</strong>"))
        #expect(!site.text(Routes.process("soon")).contains("评审已逾期"))
        #expect(!site.text(Routes.process("later")).contains("badge overdue"))
        // The home page's entry says how many are overdue.
        #expect(HTML.text(site.text(Routes.home)).contains("评审 2 个评审逾期、1 个 90 天内到期"))
    }

    @Test("With no review due, the review page says so in each section")
    func nothingDue() async throws {
        var files = Self.departments
        files["content/processes/later.md"] = Self.process("远期", reviewDue: "2027-01-01", effective: "2026-06-01")
        let site = try await TestHandbook(files).build()
        let text = HTML.text(site.text(Routes.review))
        #expect(text.contains("没有评审逾期的流程。") && text.contains("90 天内没有到期的评审。"))
        #expect(text.contains("暂无变更记录。"), "an effective date still to come is not a change")
    }

    @Test("At 300 processes the home page lists none of them in full: under three screens at 1280 px; the index lists all")
    func shortHome() async throws {
        var files = Self.departments
        let categories = ["客户服务", "采购管理", "财务管理", "人力资源", "质量管理", "信息安全", "生产运营"]
        for n in 0..<300 {
            files["content/processes/p\(n).md"] = Self.process("第\(n)号", reviewDue: "2027-01-01",
                                                               effective: String(format: "2025-%02d-01", n % 12 + 1),
                                                               category: categories[n % categories.count])
        }
        files["content/index.md"] = "---\ntitle: 手册\n---\n欢迎。\n"
        let site = try await TestHandbook(files).build()
        #expect(site.report.published, "\(site.errors.map(\.formatted))")
        let home = site.text(Routes.home)
        let processLinks = HTML.attributes("href", in: home).filter { $0.hasPrefix("processes/p") }
        #expect(processLinks.count == 10, "the ten processes changed last, not all 300")
        for category in categories { #expect(home.contains(">\(category)</a> <span class=\"count\">"), "\(category)") }
        let index = site.text(Routes.processIndex)
        #expect(HTML.attributes("href", in: index).filter { $0.hasPrefix("../processes/p") }.count == 300)

        // Measured as a reader sees it: the page's height in Chromium at 1280 × 800.
        let probe = site.url("home-height.html")
        try Data(home.replacingOccurrences(of: "</body>",
            with: "<script>document.body.dataset.height = document.documentElement.scrollHeight</script></body>").utf8).write(to: probe)
        let dom = String(decoding: try await Chromium.run(["--window-size=1280,800", "--dump-dom", probe.absoluteString],
                                                          in: site.folder.deletingLastPathComponent()), as: UTF8.self)
        let height = try #require(HTML.attributes("data-height", in: dom).first.flatMap { Int($0) })
        #expect(height < 3 * 800, "the home page is \(height) px high")
    }
}
