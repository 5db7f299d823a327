import HandbookMarkdown

/// Markdown files: the headings and paragraphs, and the GFM pipe tables inside paragraphs, split
/// by HandbookMarkdown's `Markdown.pipeTables` (the rules the rendered pages use; libcmark has no
/// tables). Cells keep their line and column (in characters) for the diagnostics.
enum MarkdownTableReader {
    static func read(_ text: String, name: String) -> SourceDocument {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var blocks: [SourceDocument.Block] = []
        var paragraph: [String] = []
        var paragraphLine = 1
        var title: String?
        func add(heading level: Int, _ text: String) {
            if title == nil, level == 1 { title = text }
            blocks.append(.heading(level: level, text: text))
        }
        func endParagraph() {
            defer { paragraph = [] }
            guard !paragraph.isEmpty else { return }
            guard let parts = Markdown.pipeTables(inParagraph: paragraph, firstLine: paragraphLine) else {
                blocks.append(.paragraph(paragraph.joined(separator: "\n")))
                return
            }
            for part in parts {
                switch part {
                case .text(let lines): blocks.append(.paragraph(lines.joined(separator: "\n")))
                case .table(let header, let rows): blocks.append(.table(Grid(rows: [row(header, name: name)] + rows.map { row($0, name: name) }, label: nil)))
                }
            }
        }
        var inFence = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, let heading = heading(trimmed) {
                endParagraph()
                add(heading: heading.level, heading.text)
            } else if !inFence, let level = setextLevel(line) {
                // `标题` over `===` or `---` is a heading (so `---` never makes a one-column
                // table of the line above); alone, `---` is a thematic break.
                if !paragraph.isEmpty, !paragraph.contains(where: { $0.contains("|") }) {
                    let text = paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    paragraph = []
                    add(heading: level, text)
                } else {
                    endParagraph()
                }
            } else if trimmed.isEmpty, !inFence {
                endParagraph()
            } else {
                if paragraph.isEmpty { paragraphLine = index + 1 }
                paragraph.append(line)
            }
        }
        endParagraph()
        return SourceDocument(name: name, title: title, blocks: blocks)
    }

    /// A setext underline (`===` level 1, `---` level 2), at most three spaces in.
    static func setextLevel(_ line: String) -> Int? {
        guard line.prefix(while: { $0 == " " }).count < 4 else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first == "=" || first == "-", trimmed.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    static func heading(_ line: String) -> (level: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count == hashes || line.dropFirst(hashes).first == " " else { return nil }
        var text = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimmingCharacters(in: .whitespaces))
    }

    private static func row(_ cells: [Markdown.TableCell], name: String) -> [Cell] {
        cells.map { Cell(unescapeBreaks($0.text), at: Place(file: name, kind: .flat, line: $0.line, column: $0.column)) }
    }

    /// `<br>` is how a line break is written inside a GFM table cell.
    private static func unescapeBreaks(_ text: String) -> String {
        text.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "<br/>", with: "\n")
            .replacingOccurrences(of: "<br />", with: "\n")
    }
}
