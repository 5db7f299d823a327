/// A file split into its YAML frontmatter and Markdown body, with the line each starts on.
struct Frontmatter: Sendable {
    var yaml: String?
    /// File line of the first YAML line.
    var yamlFirstLine: Int
    var body: String
    /// File line of the first body line.
    var bodyFirstLine: Int
    /// The file starts with `---` and no `key: value` follows: a thematic break (a line drawn
    /// across), read as Markdown, not the start of frontmatter.
    var thematicBreak = false

    /// Frontmatter is present when the first line is `---`; it ends at the next `---` or `...`.
    static func split(_ text: String, path: String) -> Result<Frontmatter, Diagnostic> {
        // Lines are found as byte offsets over the UTF-8 (a newline byte is always a character
        // boundary), then sliced once: walking `String` indexes and trimming `Character`s line by
        // line was 5 % of loading a handbook.
        var copy = text
        let found: Offsets? = copy.withUTF8 { Self.offsets(in: $0) }
        guard let found else { return .success(Frontmatter(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1)) }
        if found.thematicBreak {
            return .success(Frontmatter(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1, thematicBreak: true))
        }
        guard let yamlEnd = found.yamlEnd else { return .failure(unterminated(path)) }
        let utf8 = text.utf8
        func at(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        let body = found.bodyStart < utf8.count ? String(text[at(found.bodyStart)...]) : ""
        return .success(Frontmatter(yaml: String(text[at(found.yamlStart)..<at(yamlEnd)]), yamlFirstLine: 2,
                                    body: body, bodyFirstLine: found.bodyLine))
    }

    /// Byte offsets of the frontmatter; `yamlEnd` is nil when it is not closed.
    private struct Offsets {
        var yamlStart: Int
        var yamlEnd: Int?
        var bodyStart = 0
        var bodyLine = 0
        var thematicBreak = false
    }

    /// nil when the first line is not `---`: the text has no frontmatter.
    private static func offsets(in bytes: UnsafeBufferPointer<UInt8>) -> Offsets? {
        func lineEnd(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            return index
        }
        let firstEnd = lineEnd(from: 0)
        guard isDelimiter(bytes, 0, firstEnd, closing: false) else { return nil }
        var found = Offsets(yamlStart: firstEnd + 1)
        guard firstEnd < bytes.count else { return found }
        // The first line that is not blank decides: YAML (`key:`, `# comment`, the closing
        // `---`) or Markdown after a thematic break.
        var probe = firstEnd + 1
        while probe < bytes.count {
            let end = lineEnd(from: probe)
            if (probe..<end).contains(where: { bytes[$0] != 0x20 && bytes[$0] != 0x09 && bytes[$0] != 0x0D }) {
                if !looksLikeYAML(bytes, probe, end) && !isDelimiter(bytes, probe, end, closing: true) {
                    found.thematicBreak = true
                    return found
                }
                break
            }
            probe = end + 1
        }
        var lineStart = firstEnd + 1, line = 2
        while true {
            let end = lineEnd(from: lineStart)
            if isDelimiter(bytes, lineStart, end, closing: true) {
                // The YAML ends before the newline preceding the delimiter (none when it is empty).
                found.yamlEnd = lineStart == found.yamlStart ? lineStart : lineStart - 1
                found.bodyStart = end + 1
                found.bodyLine = line + 1
                return found
            }
            guard end < bytes.count else { return found }
            lineStart = end + 1
            line += 1
        }
    }

    /// `key:` (then a space or the line's end), `"key":`, `# comment`, `- item`, `{…}`.
    private static func looksLikeYAML(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end, bytes[index] == 0x20 { index += 1 }
        guard index < end else { return true }
        switch bytes[index] {
        case UInt8(ascii: "#"), UInt8(ascii: "{"): return true
        case UInt8(ascii: "-"): return index + 1 < end && bytes[index + 1] == 0x20
        default: break
        }
        while index < end {
            if bytes[index] == UInt8(ascii: ":") {
                return index + 1 == end || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 || bytes[index + 1] == 0x0D
            }
            index += 1
        }
        return false
    }

    /// `---` (or `...` when closing), then only spaces and tabs.
    private static func isDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, closing: Bool) -> Bool {
        var last = end
        while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        guard last - start == 3 else { return false }
        let mark = bytes[start]
        guard mark == UInt8(ascii: "-") || (closing && mark == UInt8(ascii: ".")) else { return false }
        return bytes[start + 1] == mark && bytes[start + 2] == mark
    }

    private static func unterminated(_ path: String) -> Diagnostic {
        .error("handbook.frontmatter.unterminated",
               Phrase("文件头从这里开始，但后面没有结束的 `---` 行", en: "frontmatter starts here but has no closing `---` line"),
               at: SourcePosition(path: path, line: 1, column: 1),
               notes: [Phrase("如果第一行的 `---` 是想画一条分隔线，请改用 `***`，或在它前面空一行",
                              en: "if this `---` is meant as a thematic break (a line across), write `***` or put an empty line before it")])
    }
}
