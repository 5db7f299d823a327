import Foundation
import Testing
@testable import HandbookCore

/// The responsibility matrix and each department's duties as CSV beside their pages, linked
/// from them, for Excel: UTF-8 with a byte order mark, formulas kept as text.
@Suite struct ResponsibilityCSVTests {
    func lines(_ data: Data) -> [String] {
        String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func matrixAndDutiesCSV() async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        let matrix = try Data(contentsOf: site.url(Routes.matrixCSV))
        #expect(matrix.starts(with: [0xEF, 0xBB, 0xBF]), "no byte order mark: Excel would misread the Chinese")
        let rows = lines(matrix)
        // Departments as columns in the organisation's order (运营中心 is 客服部's parent).
        #expect(rows.first == "类别,流程,版本,步骤编号,步骤名称,运营中心,客服部,品保部,法务部")
        #expect(rows.contains("客户服务,投诉受理流程,1.2,1,接收投诉,,R（客服专员）、A（客服主管）,,"))
        #expect(rows.contains("客户服务,投诉受理流程,1.2,4,结果回复,I（运营总监）,R、A（客服部经理）,,"))
        #expect(rows.count == 1 + 5)

        let duties = try Data(contentsOf: site.url(Routes.departmentDutiesCSV("customer-service")))
        #expect(duties.starts(with: [0xEF, 0xBB, 0xBF]))
        let dutyRows = lines(duties)
        #expect(dutyRows.first == "流程,版本,生效日期,步骤编号,步骤名称,岗位,RACI,主要职责,完成时限,输出成果")
        #expect(dutyRows.contains("投诉受理流程,1.2,2026-01-01,2,分类判断,客服主管,R,判断是否为质量问题,30分钟内,分类结果"))
        #expect(dutyRows.contains("投诉受理流程,1.2,2026-01-01,4,结果回复,全部门,R,回复客户并归档,当天,回复记录"))

        // Linked from the pages they belong to.
        #expect(site.text(Routes.department("customer-service")).contains("href=\"../../departments/customer-service/duties.csv\""))
        #expect(site.text(Routes.matrix).contains("href=\"../matrix/matrix.csv\""))
    }

    /// A step named like a formula stays text in both files.
    @Test func formulasStayText() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let path = "content/processes/quality-review.md"
        let original = try String(contentsOf: handbook.root.appendingPathComponent(path), encoding: .utf8)
        try original.replacingOccurrences(of: "name: 复核调查报告", with: "name: \"=HYPERLINK(\\\"http://x\\\")\"")
            .write(to: handbook.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        let site = try await handbook.build()
        let matrix = String(decoding: try Data(contentsOf: site.url(Routes.matrixCSV)), as: UTF8.self)
        #expect(matrix.contains(",1,\"'=HYPERLINK(\"\"http://x\"\")\","))
        #expect(!matrix.contains(",=HYPERLINK"))
    }
}
