import Foundation
import SWXMLHash

/// `.xlsx`: every worksheet as a grid. Cells hold shared strings (`t="s"`), inline strings,
/// formulas' cached values, numbers and booleans; a merged range's cells all take the value of
/// its top-left cell (a 责任部门 written once for three steps applies to all three).
enum XLSXReader {
    /// Columns and rows past these are not kept (Excel's own limits are 16,384 × 1,048,576;
    /// a cell reference or merge there would otherwise make a grid of billions of cells).
    static let maxColumns = 200
    static let maxRows = 200_000

    static func read(_ data: Data, name: String) throws(ReadFailure) -> SourceDocument {
        let archive = try OfficeArchive(data: data, name: name)
        guard let workbook = try archive.xml("xl/workbook.xml")?.root else {
            throw ReadFailure("不是 Excel 工作簿：缺少 xl/workbook.xml", en: "not an Excel workbook: xl/workbook.xml is missing", file: name)
        }
        let relations = try relationships(archive, "xl/_rels/workbook.xml.rels")
        let shared = try sharedStrings(archive)
        var blocks: [SourceDocument.Block] = []
        for sheet in workbook.first("sheets")?.elements("sheet") ?? [] {
            let sheetName = sheet.value("name") ?? "Sheet"
            guard let id = sheet.value("id"), let target = relations[id] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let root = try archive.xml(path)?.root else { continue }
            blocks.append(.table(try grid(root, sheet: sheetName, shared: shared, file: name)))
        }
        let title = try coreTitle(archive)
        return SourceDocument(name: name, title: title, blocks: blocks)
    }

    static let maxMergedCells = 2_000_000

    static func grid(_ sheet: XMLHashXMLElement, sheet sheetName: String, shared: [String], file: String) throws(ReadFailure) -> Grid {
        var cells: [Int: [Int: String]] = [:]
        var maxColumn = 0, maxRow = 0
        for (rowIndex, row) in (sheet.first("sheetData")?.elements("row") ?? []).enumerated() {
            let rowNumber = row.value("r").flatMap(Int.init) ?? rowIndex + 1
            guard rowNumber <= maxRows else { break }
            var nextColumn = 1
            for cell in row.elements("c") {
                let column = cell.value("r").flatMap { reference(String($0))?.column } ?? nextColumn
                nextColumn = column + 1
                guard column <= maxColumns, let text = value(cell, shared: shared), !text.isEmpty else { continue }
                cells[rowNumber, default: [:]][column] = text
                maxColumn = max(maxColumn, column)
                maxRow = max(maxRow, rowNumber)
            }
        }
        var merged: [Int: [Int: String]] = [:]
        var filled = 0
        for merge in sheet.first("mergeCells")?.elements("mergeCell") ?? [] {
            let ends = (merge.value("ref") ?? "").split(separator: ":").compactMap { reference(String($0)) }
            guard ends.count == 2, let value = cells[ends[0].row]?[ends[0].column] else { continue }
            // Only the part of a merge within the cells written is filled (a merge may say
            // A1:XFD1048576), and a sheet's merges fill at most `maxMergedCells` in all.
            for row in ends[0].row...max(ends[0].row, min(ends[1].row, maxRow)) {
                for column in ends[0].column...max(ends[0].column, min(ends[1].column, maxColumn))
                where (row, column) != (ends[0].row, ends[0].column) {
                    merged[row, default: [:]][column] = value
                    filled += 1
                    if filled > maxMergedCells { throw ReadFailure("工作表「\(sheetName)」的合并单元格超过 \(maxMergedCells) 个单元格，不读取",
                        en: "the merged cells of sheet \(sheetName) cover more than \(maxMergedCells) cells; not read", file: file) }
                }
            }
        }
        // Only rows with something in them: an empty row is no step, and a sheet with a cell
        // at A1 and another at GR200000 makes two rows, not 200,000.
        var rows: [[Cell]] = []
        for row in Set(cells.keys).union(merged.keys).sorted() {
            rows.append((1...max(1, maxColumn)).map { column in
                let place = Place(file: file, kind: .sheet(sheetName), line: row, column: column)
                if let text = cells[row]?[column] { return Cell(text, at: place) }
                if let text = merged[row]?[column] { return Cell(text, at: place, fromMerge: true) }
                return Cell("", at: place)
            })
        }
        return Grid(rows: rows, label: sheetName)
    }

    /// A cell's text as Excel shows it, near enough: numbers without a needless `.0`.
    static func value(_ cell: XMLHashXMLElement, shared: [String]) -> String? {
        let type = cell.value("t") ?? "n"
        if type == "inlineStr" { return cell.first("is").map(richText) }
        guard let raw = cell.first("v")?.text else { return nil }
        switch type {
        case "s": return Int(raw).flatMap { shared.indices.contains($0) ? shared[$0] : nil }
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        case "n":
            if let number = Double(raw), number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
            return raw
        default: return raw
        }
    }

    /// `E7` → row 7, column 5.
    static func reference(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, digits = Substring(text)
        for character in text {
            guard let ascii = character.asciiValue, character.isLetter else { break }
            column = column * 26 + Int(ascii & 0xDF) - 64
            digits = digits.dropFirst()
            if column > 1 << 20 { return nil }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (row, column)
    }

    /// A string item's text: plain `<t>`, or runs `<r><t>…` (phonetic runs `<rPh>` left out).
    static func richText(_ item: XMLHashXMLElement) -> String {
        if let t = item.first("t"), item.elements("r").isEmpty { return t.text }
        return item.elements("r").compactMap { $0.first("t")?.text }.joined()
    }

    static func sharedStrings(_ archive: OfficeArchive) throws(ReadFailure) -> [String] {
        guard let root = try archive.xml("xl/sharedStrings.xml")?.root else { return [] }
        return root.elements("si").map(richText)
    }

    static func relationships(_ archive: OfficeArchive, _ path: String) throws(ReadFailure) -> [String: String] {
        var map: [String: String] = [:]
        for relation in try archive.xml(path)?.root?.elements("Relationship") ?? [] {
            if let id = relation.value("Id"), let target = relation.value("Target") { map[id] = target }
        }
        return map
    }

    /// `docProps/core.xml`'s `dc:title`, when the author set one.
    static func coreTitle(_ archive: OfficeArchive) throws(ReadFailure) -> String? {
        let title = try archive.xml("docProps/core.xml")?.root?.first("title")?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return title?.isEmpty == false ? title : nil
    }
}
