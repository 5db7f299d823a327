/// Where a quoted value that libyaml read across lines began. A quote left open is usually
/// closed by the next quote in the file, lines later; libyaml then stops after that quote
/// (`did not find expected key`) and names nothing near the mistake. Frontmatter rarely has a
/// quoted value over several lines on purpose, so one ending on the error's line is pointed at.
enum QuoteScan {
    /// The line (0-based) and character column (1-based) of the quote that opens a value
    /// continued over several lines and closed on line `end` (0-based), if there is one.
    static func opening(closingOn end: Int, in lines: LineTable) -> (line: Int, column: Int)? {
        var open: (quote: Character, line: Int, column: Int)?
        var found: (line: Int, column: Int)?
        for index in 0..<min(end + 1, lines.count) {
            let line = Array(lines[index])
            var column = 0
            while column < line.count {
                let char = line[column]
                if let current = open {
                    if current.quote == "\"", char == "\\" {
                        column += 2
                        continue
                    }
                    if char == current.quote {
                        if char == "'", column + 1 < line.count, line[column + 1] == "'" {
                            column += 2
                            continue
                        }
                        if index == end, current.line < index { found = (current.line, current.column) }
                        open = nil
                    }
                } else if char == "#", column == 0 || line[column - 1] == " " {
                    break
                } else if char == "\"" || char == "'", startsValue(line, before: column) {
                    open = (char, index, column + 1)
                }
                column += 1
            }
        }
        return found
    }

    /// A quote opens a value after `key: `, `- `, `[`, `{`, `,` or at the start of a line; in
    /// the middle of a plain text (`他说"好"`) it is just a character.
    private static func startsValue(_ line: [Character], before column: Int) -> Bool {
        var index = column - 1
        while index >= 0, line[index] == " " { index -= 1 }
        guard index >= 0 else { return true }
        return [":", "-", "[", "{", ",", "?"].contains(line[index]) && (index + 1 < column || line[index] != ":" && line[index] != "-")
    }
}
