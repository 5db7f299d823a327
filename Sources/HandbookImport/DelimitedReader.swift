import CSV
import Foundation

/// `.csv` and `.tsv` through CSV.swift: quoted fields, doubled quotes, line breaks inside
/// quotes. Each record remembers the line it starts on (a quoted cell may span lines).
enum DelimitedReader {
    static func read(_ text: String, name: String, delimiter: UnicodeScalar) throws(ReadFailure) -> SourceDocument {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw ReadFailure("无法读取表格：\(error)", en: "cannot read the table: \(error)", file: name)
        }
        var rows: [[Cell]] = []
        var line = 1
        while let record = reader.next() {
            rows.append(record.enumerated().map { Cell($0.element, at: Place(file: name, kind: .flat, line: line, column: $0.offset + 1)) })
            // The next record starts after this one's line and the line breaks inside its cells.
            line += 1 + record.reduce(0) { $0 + $1.reduce(0) { $1.isNewline ? $0 + 1 : $0 } }
        }
        // CSV.swift reads a quote that is never closed to the end of the file, as one cell; in a
        // well-formed file quotes come in pairs (opening and closing, or doubled inside).
        if reader.error == nil, text.utf8.reduce(0, { $1 == UInt8(ascii: "\"") ? $0 + 1 : $0 }) % 2 == 1 {
            let start = rows.last?.first?.place.line ?? 1
            throw ReadFailure("第 \(start) 行起有一个引号没有闭合，其后的内容都会被当作一个单元格；请检查该行",
                              en: "a quote from line \(start) on is never closed, which would make the rest of the file one cell; check that line",
                              file: name)
        }
        if let error = reader.error {
            throw ReadFailure("第 \(line) 行起的记录无法解析（\(error)），多半是引号没有闭合",
                              en: "the record from line \(line) cannot be parsed (\(error)); most likely a quote is not closed",
                              file: name)
        }
        return SourceDocument(name: name, title: nil, blocks: [.table(Grid(rows: rows, label: nil))])
    }
}
