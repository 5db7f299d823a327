import CCmark

/// Definition lists as PHP Markdown Extra, Pandoc, kramdown and Goldmark (Hugo) write them, found
/// in the source lines of a paragraph cmark has parsed (CommonMark has none; libcmark stays the
/// parser): one or more term lines, then definitions each starting with `:` and a space; a line
/// after a definition that does not start with `:` continues it.
///
///     `publishDir`
///     : (`string`) The directory where Hugo writes the site.
///
/// Only the tight form inside one paragraph: a `: ` line after a blank line stays text.
struct DefinitionList {
    /// Each term, one line, read as inlines.
    var terms: [PipeTable.Cell]
    /// Each definition's lines, the first without its `: `.
    var definitions: [[PipeTable.Line]]

    /// The list a paragraph's lines make, or nil when they are not term lines followed by
    /// definitions.
    static func parse(_ lines: [PipeTable.Line]) -> DefinitionList? {
        guard let first = lines.firstIndex(where: { definitionStart($0.bytes) != nil }), first > 0 else { return nil }
        var terms: [PipeTable.Cell] = []
        for line in lines[..<first] {
            let lead = line.bytes.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            var text = Array(line.bytes.dropFirst(lead))
            while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text.removeLast() }
            terms.append(PipeTable.Cell(text: text, line: line.number, start: line.start + lead, unescaped: []))
        }
        var definitions: [[PipeTable.Line]] = []
        for line in lines[first...] {
            if let skip = definitionStart(line.bytes) {
                definitions.append([PipeTable.Line(number: line.number, start: line.start + skip,
                                                   bytes: line.bytes.dropFirst(skip), lazy: line.lazy)])
            } else {
                definitions[definitions.count - 1].append(line)
            }
        }
        return DefinitionList(terms: terms, definitions: definitions)
    }

    /// Whether a line could start a definition: the cheap test asked of every paragraph line.
    static func mayStartDefinition(_ bytes: ArraySlice<UInt8>) -> Bool { definitionStart(bytes) != nil }

    /// The bytes before a definition's text (up to three spaces, `:`, then spaces), or nil when
    /// the line does not start a definition.
    private static func definitionStart(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        var indent = 0
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: " "), indent < 3 {
            index += 1
            indent += 1
        }
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") else { return nil }
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        // `:` alone followed by spaces is no definition: nothing to define.
        guard index < bytes.endIndex else { return nil }
        return index - bytes.startIndex
    }

    /// The HTML of the list, its terms' HTML and ids and its definitions' HTML given in order.
    func html(terms termHTML: [String], ids: [String], definitions definitionHTML: [String]) -> String {
        var html = "<dl>\n"
        for (index, term) in termHTML.enumerated() {
            let id = index < ids.count ? " id=\"\(ids[index].htmlAttributeEscaped)\"" : ""
            html += "<dt\(id)>\(term)</dt>\n"
        }
        for definition in definitionHTML {
            html += "<dd>\(Markdown.unwrappedParagraph(definition))</dd>\n"
        }
        return html + "</dl>\n"
    }
}

extension Markdown {
    /// A paragraph as a definition list, when one of its later lines starts with `: `. Most
    /// paragraphs are told apart by their later lines' first bytes.
    static func definitionParts(of node: OpaquePointer, _ columns: ColumnMap) -> [PipeTable.Part]? {
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        guard start >= 1, end > start, end <= columns.lineCount else { return nil }
        var candidate = false
        for number in (start + 1)...end {
            let line = columns.line(number).drop { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if line.first == UInt8(ascii: ":"), DefinitionList.mayStartDefinition(line) { candidate = true; break }
        }
        guard candidate else { return nil }
        let lines = PipeTable.paragraphLines(columns, startLine: start, startColumn: Int(cmark_node_get_start_column(node)), endLine: end)
        return DefinitionList.parse(lines).map { [.definitions($0)] }
    }
}
