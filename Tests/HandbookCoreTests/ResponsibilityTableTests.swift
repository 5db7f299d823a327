import Foundation
import Testing
@testable import HandbookCore

/// The process page's table: the seed's columns, one anchored row per step.
@Suite("Responsibility table")
struct ResponsibilityTableTests {
    static let seedColumns = ["编号", "步骤名称", "关键动作/输入", "责任部门/岗位", "主要职责", "协同部门", "完成时限", "输出成果", "备注/风险"]

    func page() async throws -> String {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        #expect(site.errors.isEmpty)
        return site.text("processes/complaint-intake/index.html")
    }

    @Test("One row per step, anchored step-<id>, in order")
    func rows() async throws {
        let html = try await page()
        #expect(HTML.stepRowIDs(in: html) == ["step-1", "step-2", "step-3", "step-4"])
        #expect(HTML.ids(in: html).isSuperset(of: ["step-1", "step-2", "step-3", "step-4"]))
    }

    @Test("The header has the seed's columns, in the seed's order")
    func header() async throws {
        let html = try await page()
        let table = try #require(html.range(of: "<table class=\"steps\">").map { String(html[$0.lowerBound...]) })
        let head = try #require(table.range(of: "</thead>").map { String(table[..<$0.lowerBound]) })
        let columns = HTML.attributes("scope", in: head).count
        #expect(columns == Self.seedColumns.count)
        var rest = Substring(head)
        for column in Self.seedColumns {
            let range = try #require(rest.range(of: ">\(column)</th>"), "column \(column) missing or out of order")
            rest = rest[range.upperBound...]
        }
    }

    @Test("A row carries every column of its step")
    func rowContents() async throws {
        let html = try await page()
        let row = try #require(HTML.element("tr", id: "step-1", in: html))
        #expect(HTML.count("<td", in: row) == Self.seedColumns.count - 1)
        let text = HTML.text(row)
        for value in ["1", "接收投诉", "客户投诉", "客服部", "客服专员", "批准", "客服主管", "记录投诉并",
                      "接收后15分钟内", "投诉工单", "信息须完整"] {
            #expect(text.contains(value), "step 1 row lacks \(value): \(text)")
        }
        #expect(row.contains("<strong>生成工单</strong>"), "duties are inline Markdown")
        #expect(row.contains("href=\"../../departments/customer-service/index.html\""))
        #expect(row.contains(">客服部</a>（<a href=\"../../roles/customer-service/cs-agent/index.html\">客服专员</a>）"), "the role links to its page")
    }

    @Test("Collaborators are linked, decisions show their branches")
    func collaboratorsAndBranches() async throws {
        let html = try await page()
        let row = try #require(HTML.element("tr", id: "step-2", in: html))
        #expect(row.contains("href=\"../../departments/quality-assurance/index.html\">品保部</a>"))
        #expect(row.contains("href=\"../../departments/%E6%B3%95%E5%8A%A1%E9%83%A8/index.html\">法务部</a>"))
        #expect(row.contains("href=\"#step-3\""))
        #expect(row.contains("href=\"#step-4\""))
        #expect(HTML.text(row).contains("质量问题"))
        #expect(HTML.text(row).contains("决策"))
        let last = try #require(HTML.element("tr", id: "step-4", in: html))
        #expect(HTML.text(last).contains("知会"))
        #expect(HTML.text(last).contains("运营中心"))
    }

    @Test("A link in the duties leads to the other process's step")
    func dutyLink() async throws {
        let html = try await page()
        let row = try #require(HTML.element("tr", id: "step-3", in: html))
        #expect(row.contains("href=\"../../processes/quality-review/index.html#step-1\""))
    }

    @Test("Body headings do not take the ids of the page's own sections and step rows")
    func headingIDsDoNotCollide() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/english.md": """
                ---
                title: English process
                owner: quality-assurance
                status: approved
                version: "1"
                effective: 2026-01-01
                approved_by: QA manager
                goals: [Fewer defects]
                steps:
                  - {id: 1, name: Inspect, responsible: quality-assurance/qa-engineer, duties: Inspect, outputs: [Report]}
                ---
                ## Goals

                ## Steps

                ## Step 1

                See [step 1](#step-1).
                """,
        ])
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        let html = site.text("processes/english/index.html")
        let ids = HTML.attributes("id", in: html)
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
    }

    @Test("Text step ids get anchors too")
    func textStepIDs() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/text-ids.md": """
                ---
                title: 文字编号流程
                owner: quality-assurance
                status: approved
                version: "1"
                effective: 2026-01-01
                approved_by: 品保经理
                steps:
                  - {id: 收单, name: 收单步骤, responsible: quality-assurance/qa-engineer, duties: 收, outputs: [单据]}
                  - {id: A1, name: 审核步骤, input: [单据], responsible: quality-assurance/qa-manager, duties: 审, outputs: [结论]}
                ---
                见[收单](#step-收单)。
                """,
        ])
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        let html = site.text("processes/text-ids/index.html")
        #expect(HTML.stepRowIDs(in: html) == ["step-收单", "step-A1"])
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }
}
