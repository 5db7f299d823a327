import Testing
import HandbookMarkdown

/// `Markdown.pipeTables(inParagraph:firstLine:)`, the public splitter `handbook import` reads
/// Markdown tables with: the rows the pages render, with each cell's line and column.
@Suite("Pipe tables from plain lines")
struct PipeTableLinesTests {
    @Test("Text before, a table with its cells at their lines and columns (in characters), `\\|` as text")
    func table() throws {
        let lines = ["职责如下：", "| 编号 | 名称 | 责任部门 |", "|---|:--:|---|", "| 1 | 客户投诉接收 | 客服部 |", "| 2 | a \\| b |"]
        let parts = try #require(Markdown.pipeTables(inParagraph: lines, firstLine: 10))
        #expect(parts.count == 2)
        #expect(parts.first == .text(["职责如下："]))
        guard case .table(let header, let rows) = parts.last else { Issue.record("no table: \(parts)"); return }
        #expect(header.map(\.text) == ["编号", "名称", "责任部门"])
        #expect(header.map(\.line) == [11, 11, 11])
        #expect(header.map(\.column) == [3, 8, 13], "columns in characters, where each cell's text starts")
        #expect(rows.map { $0.map(\.text) } == [["1", "客户投诉接收", "客服部"], ["2", "a | b"]])
        #expect(rows[0].map(\.column) == [3, 7, 16] && rows[1].map(\.line) == [14, 14])
    }

    @Test("No table: nil (lines without a delimiter row, a header and delimiter of different widths)")
    func none() {
        #expect(Markdown.pipeTables(inParagraph: ["一段 | 文字", "第二行"], firstLine: 1) == nil)
        #expect(Markdown.pipeTables(inParagraph: ["| a | b |", "|---|"], firstLine: 1) == nil)
    }
}
