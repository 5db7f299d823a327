import Foundation
import SWXMLHash

/// `.docx`: the body's paragraphs, headings and tables in order. A heading is a paragraph whose
/// style is a heading (`Heading1`, or a style named `heading 1` / `标题 1`, as Chinese Word
/// names its styles `1`, `2`, …) or that has an outline level. Table cells: `w:gridSpan`
/// spreads a cell over grid columns, `w:vMerge` continues the cell above.
enum DOCXReader {
    static func read(_ data: Data, name: String) throws(ReadFailure) -> SourceDocument {
        let archive = try OfficeArchive(data: data, name: name)
        guard let document = try archive.xml("word/document.xml")?.root, let body = document.first("body") else {
            throw ReadFailure("不是 Word 文档：缺少 word/document.xml", en: "not a Word document: word/document.xml is missing", file: name)
        }
        let levels = try headingStyles(archive)
        var blocks: [SourceDocument.Block] = []
        var tableNumber = 0
        func walk(_ container: XMLHashXMLElement) {
            for element in container.elements {
                switch element.localName {
                case "p":
                    let text = paragraphText(element).trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !text.isEmpty else { continue }
                    if let level = headingLevel(element, styles: levels) {
                        blocks.append(.heading(level: level, text: text))
                    } else {
                        blocks.append(.paragraph(text))
                    }
                case "tbl":
                    tableNumber += 1
                    blocks.append(.table(table(element, number: tableNumber, file: name)))
                case "sdt":
                    if let content = element.first("sdtContent") { walk(content) }
                default: continue
                }
            }
        }
        walk(body)
        return SourceDocument(name: name, title: try XLSXReader.coreTitle(archive), blocks: blocks)
    }

    static func table(_ table: XMLHashXMLElement, number: Int, file: String) -> Grid {
        var rows: [[Cell]] = []
        for (rowIndex, row) in table.elements("tr").enumerated() {
            var cells: [Cell] = []
            let skipped = row.first("trPr")?.first("gridBefore")?.value("val").flatMap(Int.init) ?? 0
            for _ in 0..<min(max(skipped, 0), 64) {
                cells.append(Cell("", at: Place(file: file, kind: .table(number), line: rowIndex + 1, column: cells.count + 1)))
            }
            for cell in row.elements("tc") {
                let properties = cell.first("tcPr")
                let span = min(max(properties?.first("gridSpan")?.value("val").flatMap(Int.init) ?? 1, 1), 64)
                let vMerge = properties?.first("vMerge")
                let column = cells.count
                var text = cell.elements("p").map(paragraphText).joined(separator: "\n")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                var continued = false
                if let vMerge, vMerge.value("val") != "restart", let above = rows.last, above.indices.contains(column) {
                    text = above[column].text
                    continued = true
                }
                for offset in 0..<span {
                    let place = Place(file: file, kind: .table(number), line: rowIndex + 1, column: column + offset + 1)
                    cells.append(Cell(text, at: place, fromMerge: continued || offset > 0))
                }
            }
            rows.append(cells)
        }
        return Grid(rows: rows, label: "table \(number)")
    }

    /// A paragraph's text: its runs' `w:t`, tabs and breaks, inside hyperlinks and insertions
    /// too; deleted text (`w:delText`) and field codes (`w:instrText`) left out.
    static func paragraphText(_ paragraph: XMLHashXMLElement) -> String {
        var text = ""
        var stack = [paragraph]
        while let element = stack.popLast() {
            switch element.localName {
            case "t": text += element.text
            case "tab": text += "\t"
            case "br", "cr": text += "\n"
            case "del", "instrText", "delText", "pPr", "rPr": continue
            default: stack.append(contentsOf: element.elements.reversed())
            }
        }
        return text
    }

    static func headingLevel(_ paragraph: XMLHashXMLElement, styles: [String: Int]) -> Int? {
        let properties = paragraph.first("pPr")
        if let outline = properties?.first("outlineLvl")?.value("val").flatMap(Int.init), outline < 9 { return outline + 1 }
        guard let style = properties?.first("pStyle")?.value("val") else { return nil }
        return styles[style] ?? level(ofStyleName: style)
    }

    /// `styles.xml`: style id → heading level, from the style's name or outline level.
    static func headingStyles(_ archive: OfficeArchive) throws(ReadFailure) -> [String: Int] {
        var levels: [String: Int] = [:]
        for style in try archive.xml("word/styles.xml")?.root?.elements("style") ?? [] {
            guard let id = style.value("styleId") else { continue }
            if let outline = style.first("pPr")?.first("outlineLvl")?.value("val").flatMap(Int.init), outline < 9 {
                levels[id] = outline + 1
            } else if let name = style.first("name")?.value("val"), let level = level(ofStyleName: name) {
                levels[id] = level
            }
        }
        return levels
    }

    /// `Heading1`, `heading 2`, `标题 3`, `Title`, `标题` → a level.
    static func level(ofStyleName name: String) -> Int? {
        let lowered = name.lowercased().replacingOccurrences(of: " ", with: "")
        if lowered == "title" || lowered == "标题" { return 1 }
        for prefix in ["heading", "标题"] where lowered.hasPrefix(prefix) {
            if let level = Int(lowered.dropFirst(prefix.count)), (1...9).contains(level) { return level }
        }
        return nil
    }
}
