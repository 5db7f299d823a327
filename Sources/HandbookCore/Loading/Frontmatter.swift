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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isDelimiter(first, closing: false) else {
            return .success(Frontmatter(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1))
        }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { isDelimiter($0, closing: true) }) else {
            return .failure(.error("handbook.frontmatter.unterminated",
                "frontmatter starts here but has no closing `---` line",
                at: SourcePosition(path: path, line: 1, column: 1)))
        }
        let yaml = lines[..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return .success(Frontmatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: end + 3))
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
