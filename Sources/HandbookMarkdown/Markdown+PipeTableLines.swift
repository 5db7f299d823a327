/// GFM pipe tables split from plain lines, for readers that do not render (`handbook import`):
/// the same `PipeTable` rules the rendered pages use, so a table the site shows as a table is
/// one the import reads, cell for cell.
extension Markdown {
    /// One cell of a table: its text (`\|` unescaped, white space trimmed), its 1-based line
    /// and its 1-based column in characters, where the text starts.
    public struct TableCell: Sendable, Hashable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    /// A paragraph's lines cut at its tables: runs of lines that stay text, and tables (the
    /// header row, then the body rows as written; the delimiter row is not kept).
    public enum ParagraphPart: Sendable, Hashable {
        case text([String])
        case table(header: [TableCell], rows: [[TableCell]])
    }

    /// The lines of one paragraph (as CommonMark ends paragraphs: at a blank line, a heading, a
    /// fence), the first being line `firstLine` of the file, cut at their pipe tables; nil when
    /// they hold none. As in GFM, every line after the delimiter row is a row of the table.
    public static func pipeTables(inParagraph lines: [String], firstLine: Int) -> [ParagraphPart]? {
        let bytes = lines.map { Array($0.utf8) }
        let split = bytes.indices.map { PipeTable.Line(number: firstLine + $0, start: 0, bytes: bytes[$0][...]) }
        guard let parts = PipeTable.split(split) else { return nil }
        func cell(_ cell: PipeTable.Cell) -> TableCell {
            let line = bytes[cell.line - firstLine]
            // Characters before the cell's first byte: the column a person counts.
            let column = String(decoding: line[..<min(cell.start, line.count)], as: UTF8.self).count + 1
            return TableCell(text: String(decoding: cell.text, as: UTF8.self), line: cell.line, column: column)
        }
        return parts.compactMap { part in
            switch part {
            case .text(let lines): .text(lines.map { String(decoding: $0.bytes, as: UTF8.self) })
            case .table(let table): .table(header: table.header.map(cell), rows: table.rows.map { $0.map(cell) })
            case .definitions: nil
            }
        }
    }
}
