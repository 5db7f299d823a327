/// GFM pipe tables, found in the source lines of a paragraph cmark has parsed (CommonMark has no
/// tables; libcmark stays the parser). Rows are split as cmark-gfm's table extension splits them
/// (`extensions/table.c`): a header row, a delimiter row with as many cells, then every further
/// line of the paragraph a body row; `\|` is a pipe inside a cell, code spans included.
struct PipeTable {
    enum Alignment { case none, left, center, right }

    /// One cell: its text with `\|` unescaped and white space trimmed, and where it is.
    struct Cell {
        var text: [UInt8]
        /// 1-based line in the Markdown text, and the byte offset of `text`'s first byte in it.
        var line: Int
        var start: Int
        /// Offsets in `text` of the pipes whose backslash was removed: the source is one byte
        /// longer after each.
        var unescaped: [Int]

        /// The byte offset in the source line of `text[offset]`.
        func sourceOffset(_ offset: Int) -> Int {
            start + offset + unescaped.prefix { $0 < offset }.count
        }
    }

    var header: [Cell]
    var alignments: [Alignment]
    /// Body rows as written; shorter rows get empty cells, longer ones lose the excess.
    var rows: [[Cell]]

    /// One line of a paragraph: its number and the byte offset where its text starts (after
    /// block-quote markers and the list item's indentation).
    struct Line {
        var number: Int
        var start: Int
        var bytes: ArraySlice<UInt8>
        /// A lazy continuation line (its container's `>` left out): GFM ends a table there.
        var lazy = false
    }

    /// A paragraph cut at its tables: runs of lines that stay a paragraph, and tables.
    enum Part {
        case text([Line])
        case table(PipeTable)
        /// A paragraph that is a definition list (`DefinitionList`): never made by `split`.
        case definitions(DefinitionList)
    }

    /// The parts of a paragraph, or nil when it holds no table.
    static func split(_ lines: [Line]) -> [Part]? {
        var parts: [Part] = []
        var pending: [Line] = []
        var index = 0
        var found = false
        while index < lines.count {
            if index + 1 < lines.count, !lines[index + 1].lazy,
               let alignments = delimiterRow(lines[index + 1].bytes),
               let header = cells(lines[index]), header.count == alignments.count {
                if !pending.isEmpty { parts.append(.text(pending)); pending = [] }
                var rows: [[Cell]] = []
                index += 2
                while index < lines.count, !lines[index].lazy, let row = cells(lines[index]) {
                    rows.append(row)
                    index += 1
                }
                parts.append(.table(PipeTable(header: header, alignments: alignments, rows: rows)))
                found = true
            } else {
                pending.append(lines[index])
                index += 1
            }
        }
        if !pending.isEmpty { parts.append(.text(pending)) }
        return found ? parts : nil
    }

    /// Whether a line could be a delimiter row: the cheap test asked of every paragraph line.
    static func mayBeDelimiter(_ bytes: ArraySlice<UInt8>) -> Bool {
        var dash = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: return false
            }
        }
        return dash
    }

    /// `| :-- | --: |`: the alignment of each column, or nil when the line is no delimiter row.
    static func delimiterRow(_ bytes: ArraySlice<UInt8>) -> [Alignment]? {
        guard mayBeDelimiter(bytes), bytes.prefix(while: { $0 == UInt8(ascii: " ") }).count < 4 else { return nil }
        guard let cells = cells(Line(number: 0, start: bytes.startIndex, bytes: bytes)) else { return nil }
        var alignments: [Alignment] = []
        for cell in cells {
            let text = cell.text
            // `:?-+:?` and nothing else.
            let body = text.first == UInt8(ascii: ":") ? text.dropFirst() : text[...]
            let dashes = body.last == UInt8(ascii: ":") ? body.dropLast() : body
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            switch (text.first == UInt8(ascii: ":"), text.last == UInt8(ascii: ":")) {
            case (true, true): alignments.append(.center)
            case (true, false): alignments.append(.left)
            case (false, true): alignments.append(.right)
            case (false, false): alignments.append(.none)
            }
        }
        return alignments
    }

    /// A row's cells: an optional leading pipe, cells separated by pipes, an optional trailing
    /// one. Nil when there is no cell (a line of only `|`).
    static func cells(_ line: Line) -> [Cell]? {
        let bytes = line.bytes
        let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
        var index = bytes.startIndex
        while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
        if index < bytes.endIndex, bytes[index] == pipe { index += 1 }
        var cells: [Cell] = []
        while index < bytes.endIndex {
            let cellStart = index
            var text: [UInt8] = []
            var unescaped: [Int] = []
            while index < bytes.endIndex, bytes[index] != pipe {
                if bytes[index] == backslash, index + 1 < bytes.endIndex, bytes[index + 1] == pipe {
                    unescaped.append(text.count)
                    text.append(pipe)
                    index += 2
                } else {
                    text.append(bytes[index])
                    index += 1
                }
            }
            let closed = index < bytes.endIndex
            if closed { index += 1 }
            // Trimmed: the offsets move with the leading white space taken off.
            let lead = text.prefix(while: isSpace).count
            let trail = text.dropFirst(lead).reversed().prefix(while: isSpace).count
            if lead == text.count, !closed { break }   // white space after the last pipe
            let kept = Array(text[lead..<(text.count - trail)])
            let sourceLead = lead + unescaped.prefix { $0 < lead }.count
            cells.append(Cell(text: kept, line: line.number, start: cellStart - bytes.startIndex + line.start + sourceLead,
                              unescaped: unescaped.filter { $0 >= lead }.map { $0 - lead }))
        }
        return cells.isEmpty ? nil : cells
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// The source's lines of a paragraph from `startLine` (its text from `startColumn`, cmark's
    /// 1-based byte column) to `endLine`. A later line loses as many `>` as the first line's
    /// prefix has, and white space up to the prefix's width; one with fewer `>` is lazy.
    static func paragraphLines(_ columns: ColumnMap, startLine: Int, startColumn: Int, endLine: Int) -> [Line] {
        guard startLine >= 1, endLine <= columns.lineCount, startLine <= endLine else { return [] }
        let first = columns.line(startLine)
        let prefixWidth = min(max(startColumn - 1, 0), first.count)
        let quotes = first.prefix(prefixWidth).filter { $0 == UInt8(ascii: ">") }.count
        var lines = [Line(number: startLine, start: prefixWidth, bytes: first.dropFirst(prefixWidth))]
        for number in stride(from: startLine + 1, through: endLine, by: 1) {
            let bytes = columns.line(number)
            var offset = 0, seen = 0
            while offset < bytes.count, offset < prefixWidth || seen < quotes {
                let byte = bytes[bytes.startIndex + offset]
                if byte == UInt8(ascii: ">"), seen < quotes { seen += 1 } else if !isSpace(byte) { break }
                offset += 1
            }
            lines.append(Line(number: number, start: offset, bytes: bytes.dropFirst(offset), lazy: seen < quotes))
        }
        return lines
    }
}
