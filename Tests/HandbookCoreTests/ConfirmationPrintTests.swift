import Foundation
import Testing
@testable import HandbookCore

/// The confirmation block of a printed process page (issue #29): a line per department, filled
/// where confirmed, left blank to sign where not, so a review meeting collects signatures on paper.
@Suite("Printing department confirmations", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Chromium.path != nil && Poppler.available, "chromium or poppler-utils is not on PATH; print tests skipped"))
struct ConfirmationPrintTests {
    @Test("The sample's purchase approval prints its confirmations on one page, 财务部's row blank to sign")
    func purchaseApproval() async throws {
        let (pdf, html, _, folder) = try await PrintTests.printSample(Routes.process("purchase-approval"))
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(html.contains("<strong class=\"badge awaiting\">待确认</strong>"), "on screen 财务部 awaits")
        // Its who and date cells hold the lines that print (hidden on screen).
        #expect(html.components(separatedBy: "<span class=\"sign-line\" aria-hidden=\"true\"></span>").count - 1 == 2)
        let page = try #require(pdf.pages.indices.first { pdf.squeezed($0).contains("部门职责确认") }, "no confirmation block on paper")
        let lines = pdf.lines(page)
        let start = try #require(lines.firstIndex(of: "部门职责确认"))
        // The intro, then the table; a long note may wrap anywhere, so the rows are read joined.
        let end = try #require(lines.firstIndex { $0.hasPrefix("对本流程提出反馈") })
        #expect(lines[start + 1].hasPrefix("各部门负责人确认本部门在本流程版本3.0中的职责"))
        let rows = [
            "部门确认人确认日期确认版本", "采购部采购经理2026-02-023.0", "品保部品保经理2025-04-082.0沿用本部门职责自该版本以来未变，原确认沿用",
            "总经办总经理2026-02-033.0",
            // The awaiting department: its name and the version to confirm, the rest lines to write on.
            "财务部3.0",
        ]
        #expect(lines[(start + 2)..<end].joined() == rows.joined())
        #expect(!pdf.pages.indices.map(pdf.squeezed).joined().contains("待确认"))
        #expect(!pdf.pages.indices.map(pdf.squeezed).joined().contains("曾确认版本"))
    }
}
