/// A file split into its YAML frontmatter and Markdown body, with the line each starts on.
struct Frontmatter: Sendable {
    var yaml: String?
    /// File line of the first YAML line.
    var yamlFirstLine: Int
    var body: String
    /// File line of the first body line.
    var bodyFirstLine: Int

    /// Frontmatter is present when the first line is `---`; it ends at the next `---` or `...`.
    static func split(_ text: String, path: String) -> Result<Frontmatter, Diagnostic> {
        // Lines found over UTF-8 (a newline byte is always a character boundary), sliced, not joined.
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index { utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex }
        let firstEnd = lineEnd(from: text.startIndex)
        guard isDelimiter(text[text.startIndex..<firstEnd], closing: false), firstEnd < text.endIndex else {
            if isDelimiter(text[text.startIndex..<firstEnd], closing: false) {
                return .failure(unterminated(path))
            }
            return .success(Frontmatter(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1))
        }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart, line = 2
        while true {
            let end = lineEnd(from: lineStart)
            if isDelimiter(text[lineStart..<end], closing: true) {
                // The YAML ends before the newline preceding the delimiter (none when it is empty).
                let yamlEnd = lineStart == yamlStart ? yamlStart : utf8.index(before: lineStart)
                let body = end < text.endIndex ? String(text[utf8.index(after: end)...]) : ""
                return .success(Frontmatter(yaml: String(text[yamlStart..<yamlEnd]), yamlFirstLine: 2,
                                            body: body, bodyFirstLine: line + 1))
            }
            guard end < text.endIndex else { return .failure(unterminated(path)) }
            lineStart = utf8.index(after: end)
            line += 1
        }
    }

    private static func unterminated(_ path: String) -> Diagnostic {
        .error("handbook.frontmatter.unterminated", "frontmatter starts here but has no closing `---` line",
               at: SourcePosition(path: path, line: 1, column: 1))
    }

    private static func isDelimiter(_ line: Substring, closing: Bool) -> Bool {
        let trimmed = line.trimmingTrailingSpaces
        return trimmed == "---" || (closing && trimmed == "...")
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var value = self
        while let last = value.last, last == " " || last == "\t" { value.removeLast() }
        return value
    }
}
