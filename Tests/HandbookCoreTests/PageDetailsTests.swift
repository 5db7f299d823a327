import Foundation
import Testing
@testable import HandbookCore

/// Small things a reader saw on the pages: the title twice, an empty box, the purpose after the tables.
@Suite("Page details")
struct PageDetailsTests {
    /// `quality-review.md` of the fixture with its body replaced.
    static func withBody(_ body: String) throws -> TestHandbook {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let path = "content/processes/quality-review.md"
        let source = try handbook.source(path)
        let end = try #require(source.range(of: "\n---\n", options: .backwards))
        try handbook.write([path: String(source[..<end.upperBound]) + body])
        return handbook
    }

    @Test("A body that opens with the process's title as `# 标题` does not show it twice; another heading stays")
    func titleOnce() async throws {
        let same = try await Self.withBody("# 质量复核流程\n\n## 目的\n\n复核调查结论。\n").build()
        try #require(same.report.published, "\(same.errors.map(\.formatted))")
        let html = same.text(Routes.process("quality-review"))
        #expect(HTML.count("质量复核流程</h1>", in: html) == 1)
        #expect(html.contains("<h2") && html.contains("复核调查结论。"))
        #expect(html.contains("<span id=\"质量复核流程\"></span>"), "a link to the heading's anchor still lands")

        let other = try await Self.withBody("# 质量复核流程（2026 版）\n\n复核调查结论。\n").build()
        try #require(other.report.published)
        #expect(other.text(Routes.process("quality-review")).contains("质量复核流程（2026 版）</h1>"))
    }

    /// At 2,000 processes every department page of the generated corpus read "部门013" twice:
    /// the page's heading, then the description's own `# 部门013`.
    @Test("A department description that opens with `# 部门名` does not show the name twice; another heading stays")
    func departmentTitleOnce() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let path = "content/departments/customer-service.md"
        let source = try handbook.source(path)
        try handbook.write([path: source.replacingOccurrences(of: "---\n客服部受理", with: "---\n# 客服部\n\n## 联系方式\n\n电话 8001。\n\n客服部受理")])
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let html = site.text(Routes.department("customer-service"))
        #expect(HTML.count("<h1", in: html) == 1 && HTML.count(">客服部</h1>", in: html) == 1)
        #expect(html.contains("联系方式</h2>") && html.contains("电话 8001。") && html.contains("客服部受理客户投诉"))

        try handbook.write([path: source.replacingOccurrences(of: "---\n客服部受理", with: "---\n# 客服部简介\n\n客服部受理")])
        let other = try await handbook.build()
        #expect(other.text(Routes.department("customer-service")).contains("客服部简介</h1>"), "a heading that is not the name stays")
    }

    @Test("The body (目的, 适用范围) comes before the flowchart and the responsibility table")
    func bodyFirst() async throws {
        let site = try await Self.withBody("## 目的\n\n复核调查结论。\n").build()
        try #require(site.report.published)
        let html = site.text(Routes.process("quality-review"))
        let purpose = try #require(html.range(of: "复核调查结论。"))
        let chart = try #require(html.range(of: "id=\"flowchart\""))
        let table = try #require(html.range(of: "<table class=\"steps\">"))
        #expect(purpose.lowerBound < chart.lowerBound && chart.lowerBound < table.lowerBound)
    }

    @Test("A department with no parent and no sub-departments has no metadata box; one with a parent has it")
    func noEmptyBox() async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        try #require(site.report.published)
        #expect(!site.text(Routes.department("法务部")).contains("meta-block"))
        let child = site.text(Routes.department("customer-service"))
        let box = try #require(child.components(separatedBy: "<dl class=\"meta-block\">").dropFirst().first)
        #expect(box.components(separatedBy: "</dl>")[0].contains("上级部门"))
    }

    @Test("The flow in words lists every step with its party and every branch with its condition")
    func flowInWords() async throws {
        let site = try await TestHandbook(fixture: "flowchart").build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let html = site.text(Routes.process("flow-main"))
        let list = try #require(html.components(separatedBy: "<ol class=\"flow-steps\">").dropFirst().first?
            .components(separatedBy: "</ol>").first)
        let text = HTML.text(list)
        #expect(HTML.count("<li><a href=\"#step-", in: list) == 6)
        // A decision's branches, each with its condition and target; the last step ends the flow.
        for label in ["质量问题 →", "其他问题 →", "需补充调查 →", "通过 →", "→ 结束"] {
            #expect(text.contains(label), "`\(label)` missing from: \(text)")
        }
        #expect(text.contains("（客服部"), "no responsible party in: \(text)")
    }
}
