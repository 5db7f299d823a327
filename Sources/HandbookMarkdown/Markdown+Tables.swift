import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Markdown {
    /// A paragraph of the document that holds a table, cut into its parts.
    struct TableParagraph {
        var node: OpaquePointer
        var parts: [PipeTable.Part]
        /// How many headings come before it in the page: its terms' ids are claimed in page order.
        var headingsBefore = 0
    }

    /// A definition list's terms, as plain text, and how many headings come before it.
    struct TermTexts {
        var headingsBefore: Int
        var terms: [String]
    }

    /// The parts of a paragraph when one of its lines is a delimiter row under a header row.
    /// Most paragraphs are told apart by their later lines' first bytes.
    static func tableParts(of node: OpaquePointer, _ columns: ColumnMap) -> [PipeTable.Part]? {
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        guard start >= 1, end > start, end <= columns.lineCount else { return nil }
        var candidate = false
        for number in (start + 1)...end {
            let line = columns.line(number)
            guard let lead = line.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: ">") }),
                  lead == UInt8(ascii: "|") || lead == UInt8(ascii: "-") || lead == UInt8(ascii: ":") else { continue }
            if PipeTable.mayBeDelimiter(line.drop { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: " ") }) { candidate = true; break }
        }
        guard candidate else { return nil }
        let lines = PipeTable.paragraphLines(columns, startLine: start, startColumn: Int(cmark_node_get_start_column(node)), endLine: end)
        return PipeTable.split(lines)
    }

    /// A piece of inline Markdown rendered on its own: a table cell or a stretch of a
    /// paragraph's lines before or after a table.
    private enum Chunk {
        case cell(PipeTable.Cell)
        case text([PipeTable.Line])

        var lineCount: Int {
            if case .text(let lines) = self { return lines.count }
            return 1
        }
    }

    /// Put before each cell so that cmark reads it as a paragraph's inlines whatever it starts
    /// with (`1.`, `#`, `>`, `<div>`): a private-use character, then a space, which emphasis
    /// treats as the start of a line.
    private static let cellLead: [UInt8] = Array("\u{E000} ".utf8)

    /// Renders the table paragraphs' cells and text in one document of their own (followed by
    /// the page's text when a cell may use its link reference definitions), with links
    /// rewritten and found at their places in the page; returns each paragraph's HTML.
    /// Definition lists' terms get their ids from `termIDs`, given the terms' plain text.
    static func renderTables(_ paragraphs: [TableParagraph], text: [UInt8], options: Int32, renderOptions: Int32,
                             found: inout Collector, rewriteLink: (String) -> String?,
                             termIDs: ([TermTexts]) -> [[String]] = { _ in [] }) -> [String] {
        var chunks: [Chunk] = []
        // Chunks whose plain text names an id: definition terms.
        var termChunks = Set<Int>()
        for paragraph in paragraphs {
            for part in paragraph.parts {
                switch part {
                case .text(let lines): chunks.append(.text(lines))
                case .table(let table):
                    chunks += table.header.map(Chunk.cell)
                    for row in table.rows { chunks += row.prefix(table.header.count).map(Chunk.cell) }
                case .definitions(let list):
                    termChunks.formUnion(chunks.count..<(chunks.count + list.terms.count))
                    chunks += list.terms.map(Chunk.cell)
                    chunks += list.definitions.map(Chunk.text)
                }
            }
        }
        var source: [UInt8] = []
        var firstLines: [Int] = []
        var line = 1
        var brackets = false
        for chunk in chunks {
            firstLines.append(line)
            switch chunk {
            case .cell(let cell):
                source += cellLead
                source += cell.text
                brackets = brackets || cell.text.contains(UInt8(ascii: "["))
            case .text(let lines):
                for (index, part) in lines.enumerated() {
                    if index > 0 { source.append(UInt8(ascii: "\n")) }
                    source += part.bytes
                    brackets = brackets || part.bytes.contains(UInt8(ascii: "["))
                }
            }
            source += [UInt8(ascii: "\n"), UInt8(ascii: "\n")]
            line += chunk.lineCount + 1
        }
        if brackets { source += text }
        guard let doc = source.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, options)
            }
        }) else { return paragraphs.map { _ in "" } }
        defer { cmark_node_free(doc) }

        // Each chunk's block, by the line it starts on; a stretch of only link reference
        // definitions has none.
        var html = [String](repeating: "", count: chunks.count)
        var plain: [Int: String] = [:]
        var chunkIndex = 0
        var child = cmark_node_first_child(doc)
        while let block = child, chunkIndex < chunks.count {
            child = cmark_node_next(block)
            let start = Int(cmark_node_get_start_line(block))
            while chunkIndex < chunks.count, start >= firstLines[chunkIndex] + chunks[chunkIndex].lineCount { chunkIndex += 1 }
            guard chunkIndex < chunks.count, start >= firstLines[chunkIndex] else { continue }
            html[chunkIndex] = renderChunk(block, chunks[chunkIndex], firstLine: firstLines[chunkIndex],
                                           renderOptions: renderOptions, found: &found, rewriteLink: rewriteLink)
            if termChunks.contains(chunkIndex) {
                let lead = String(decoding: cellLead, as: UTF8.self)
                let words = plainText(of: block)
                plain[chunkIndex] = words.hasPrefix(lead) ? String(words.dropFirst(lead.count)) : words
            }
            chunkIndex += 1
        }

        // The terms' ids, claimed with the headings' in page order.
        var lists: [TermTexts] = []
        var index = 0
        for paragraph in paragraphs {
            for part in paragraph.parts {
                switch part {
                case .text: index += 1
                case .table(let table): index += table.header.count + table.rows.reduce(0) { $0 + min($1.count, table.header.count) }
                case .definitions(let list):
                    lists.append(TermTexts(headingsBefore: paragraph.headingsBefore,
                                           terms: (index..<(index + list.terms.count)).map { plain[$0] ?? "" }))
                    index += list.terms.count + list.definitions.count
                }
            }
        }
        var ids = lists.isEmpty ? [] : termIDs(lists)

        var output: [String] = []
        var next = 0
        for paragraph in paragraphs {
            var paragraphHTML = ""
            for part in paragraph.parts {
                switch part {
                case .text:
                    paragraphHTML += html[next]
                    next += 1
                case .table(let table):
                    paragraphHTML += tableHTML(table, cells: html[next...])
                    next += table.header.count + table.rows.reduce(0) { $0 + min($1.count, table.header.count) }
                case .definitions(let list):
                    let terms = Array(html[next..<(next + list.terms.count)])
                    let definitions = Array(html[(next + list.terms.count)..<(next + list.terms.count + list.definitions.count)])
                    paragraphHTML += list.html(terms: terms, ids: ids.isEmpty ? [] : ids.removeFirst(), definitions: definitions)
                    next += list.terms.count + list.definitions.count
                }
            }
            output.append(paragraphHTML)
        }
        return output
    }

    /// The GFM HTML of a table, as cmark-gfm writes it, its cells' HTML taken in order from `cells`.
    private static func tableHTML(_ table: PipeTable, cells: ArraySlice<String>) -> String {
        func align(_ column: Int) -> String {
            switch table.alignments[column] {
            case .none: ""
            case .left: " align=\"left\""
            case .center: " align=\"center\""
            case .right: " align=\"right\""
            }
        }
        var next = cells.startIndex
        var html = "<table>\n<thead>\n<tr>\n"
        for column in table.header.indices {
            html += "<th\(align(column))>\(cells[next])</th>\n"
            next += 1
        }
        html += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            html += "<tbody>\n"
            for row in table.rows {
                html += "<tr>\n"
                for column in table.header.indices {
                    var content = ""
                    if column < row.count {
                        content = cells[next]
                        next += 1
                    }
                    html += "<td\(align(column))>\(content)</td>\n"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n"
    }

    /// One chunk's block: its links and raw HTML found at their places in the page, links
    /// rewritten, then its HTML (a cell's without the `<p>` and the lead put before it).
    private static func renderChunk(_ block: OpaquePointer, _ chunk: Chunk, firstLine: Int, renderOptions: Int32,
                                    found: inout Collector, rewriteLink: (String) -> String?) -> String {
        // A place in the chunk's document as a line of the page and a byte column there.
        func place(line: Int, byteColumn: Int) -> (line: Int, byteColumn: Int, last: Int) {
            switch chunk {
            case .cell(let cell):
                let offset = max(byteColumn - 1 - cellLead.count, 0)
                return (cell.line, cell.sourceOffset(offset) + 1, cell.line)
            case .text(let lines):
                let part = lines[min(max(line - firstLine, 0), lines.count - 1)]
                return (part.number, part.start + byteColumn, lines[lines.count - 1].number)
            }
        }
        if let iterator = cmark_iter_new(block) {
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    let at = place(line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
                    let url = found.link(node, line: at.line, byteColumn: at.byteColumn, lastLine: at.last)
                    if let replacement = rewriteLink(url) { cmark_node_set_url(node, replacement) }
                case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                    let at = place(line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
                    found.html(node, line: at.line, column: found.columns.characterColumn(line: at.line, byteColumn: at.byteColumn))
                default:
                    break
                }
            }
        }
        guard let rendered = cmark_render_html(block, renderOptions) else { return "" }
        defer { free(rendered) }
        let html = String(cString: rendered)
        guard case .cell = chunk else { return html }
        var bytes = Substring(html).utf8[...]
        let open = Array("<p>".utf8) + cellLead.dropLast()
        guard bytes.starts(with: open) else { return html }
        bytes = bytes.dropFirst(open.count)
        if bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        while bytes.last == UInt8(ascii: "\n") { bytes = bytes.dropLast() }
        let close = Array("</p>".utf8)
        if bytes.count >= close.count, bytes.suffix(close.count).elementsEqual(close) { bytes = bytes.dropLast(close.count) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension PipeTable.Part {
    var isTable: Bool {
        if case .table = self { return true }
        return false
    }
}
