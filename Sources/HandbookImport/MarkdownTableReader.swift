/// Markdown files: GFM pipe tables (a header line, a delimiter line `|---|:--:|`, rows), and the
/// headings and paragraphs around them. libcmark, which the handbook renders with, has no
/// tables, so the table lines are split here, by the GFM rules: a `|` escaped as `\|` is text.
enum MarkdownTableReader {
    static func read(_ text: String, name: String) -> SourceDocument {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var blocks: [SourceDocument.Block] = []
        var paragraph: [String] = []
        var title: String?
        func endParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: "\n"))) }
            paragraph = []
        }
        var index = 0
        var inFence = false
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, index + 1 < lines.count, isTableRow(line), isDelimiterRow(lines[index + 1]),
               cells(of: line).count == cells(of: lines[index + 1]).count {
                endParagraph()
                var rows = [row(line, number: index + 1, name: name)]
                index += 2
                while index < lines.count, isTableRow(lines[index]) {
                    rows.append(row(lines[index], number: index + 1, name: name))
                    index += 1
                }
                blocks.append(.table(Grid(rows: rows, label: nil)))
                continue
            }
            if !inFence, let heading = heading(trimmed) {
                endParagraph()
                if title == nil, heading.level == 1 { title = heading.text }
                blocks.append(.heading(level: heading.level, text: heading.text))
            } else if trimmed.isEmpty, !inFence {
                endParagraph()
            } else {
                paragraph.append(line)
            }
            index += 1
        }
        endParagraph()
        return SourceDocument(name: name, title: title, blocks: blocks)
    }

    static func heading(_ line: String) -> (level: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count == hashes || line.dropFirst(hashes).first == " " else { return nil }
        var text = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimmingCharacters(in: .whitespaces))
    }

    static func isTableRow(_ line: String) -> Bool {
        line.contains("|") && !line.trimmingCharacters(in: .whitespaces).isEmpty
    }

    static func isDelimiterRow(_ line: String) -> Bool {
        let parts = cells(of: line).map { $0.text.trimmingCharacters(in: .whitespaces) }
        return !parts.isEmpty && parts.allSatisfy { part in
            var core = Substring(part)
            if core.hasPrefix(":") { core = core.dropFirst() }
            if core.hasSuffix(":") { core = core.dropLast() }
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }

    /// The cells of one row with the column (in characters, 1-based) where each one's text starts.
    static func cells(of line: String) -> [(text: String, column: Int)] {
        let characters = Array(line)
        var start = 0, end = characters.count
        while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
        while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
        if start < end, characters[start] == "|" { start += 1 }
        if end > start, characters[end - 1] == "|", end - 2 < start || characters[end - 2] != "\\" { end -= 1 }
        var cells: [(String, Int)] = []
        var current = "", cellStart = start, i = start
        while i < end {
            let c = characters[i]
            if c == "\\", i + 1 < end, characters[i + 1] == "|" {
                current.append("|"); i += 2; continue
            }
            if c == "|" {
                cells.append((current, cellStart)); current = ""; cellStart = i + 1
            } else {
                current.append(c)
            }
            i += 1
        }
        cells.append((current, cellStart))
        return cells.map { text, start in
            let leading = text.prefix { $0 == " " || $0 == "\t" }.count
            return (text.trimmingCharacters(in: .whitespaces), start + leading + 1)
        }
    }

    private static func row(_ line: String, number: Int, name: String) -> [Cell] {
        cells(of: line).map { Cell(unescapeBreaks($0.text), at: Place(file: name, kind: .flat, line: number, column: $0.column)) }
    }

    /// `<br>` is how a line break is written inside a GFM table cell.
    private static func unescapeBreaks(_ text: String) -> String {
        text.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "<br/>", with: "\n")
            .replacingOccurrences(of: "<br />", with: "\n")
    }
}
