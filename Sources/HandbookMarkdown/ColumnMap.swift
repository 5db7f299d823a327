/// The source's lines, by byte offset: converts cmark's byte columns into character columns, as
/// an editor counts them, and gives a line's bytes.
struct ColumnMap {
    private var lineStarts: [Int] = [0]
    private let bytes: [UInt8]

    init(text bytes: [UInt8]) {
        self.bytes = bytes
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(index + 1)
        }
    }

    var lineCount: Int { lineStarts.count }

    /// Line `number` (from 1, at most `lineCount`) without its newline.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        let start = lineStarts[number - 1]
        return bytes[start..<(number < lineStarts.count ? lineStarts[number] - 1 : bytes.count)]
    }

    /// The character column of a link or image cmark reports at `byteColumn`. On a paragraph's
    /// later lines cmark counts from the paragraph's first column, not from where the line's
    /// text starts once its indentation (or a lazy continuation's missing list marker) is
    /// taken off; so the column is checked against the line: a `[` (`![`, `<`) whose bracket
    /// closes right before `(destination`. When the reported one is not, the line's `ordinal`-th
    /// such opening for this destination is taken (links keep their order on a line).
    func linkColumn(line: Int, byteColumn: Int, image: Bool, destination: String, ordinal: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return characterColumn(line: line, byteColumn: byteColumn) }
        let text = Array(self.line(line))
        let wanted = Array(destination.utf8)
        func leadsTo(_ index: Int) -> Bool {
            guard index >= 0, index < text.count else { return false }
            if !image, text[index] == UInt8(ascii: "<") {
                // An autolink; an e-mail one is written without the `mailto:` cmark adds.
                let bare = wanted.starts(with: Array("mailto:".utf8)) ? Array(wanted.dropFirst(7)) : wanted
                return !bare.isEmpty && text[(index + 1)...].starts(with: bare)
            }
            var at = index
            if image {
                guard text[at] == UInt8(ascii: "!"), at + 1 < text.count else { return false }
                at += 1
            }
            guard text[at] == UInt8(ascii: "[") else { return false }
            // The matching `]`, then `(` and the destination, perhaps in `<…>`.
            var depth = 0
            var scan = at
            while scan < text.count {
                let byte = text[scan]
                if byte == UInt8(ascii: "\\") { scan += 2; continue }
                if byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { break }
                }
                scan += 1
            }
            guard scan + 1 < text.count, text[scan + 1] == UInt8(ascii: "(") else { return false }
            var target = scan + 2
            while target < text.count, text[target] == UInt8(ascii: " ") { target += 1 }
            if target < text.count, text[target] == UInt8(ascii: "<") { target += 1 }
            return wanted.isEmpty || text[target...].starts(with: wanted)
        }
        let reported = byteColumn - 1
        if leadsTo(reported) { return characterColumn(line: line, byteColumn: byteColumn) }
        let candidates = text.indices.filter(leadsTo)
        if ordinal < candidates.count { return characterColumn(line: line, byteColumn: candidates[ordinal] + 1) }
        return characterColumn(line: line, byteColumn: byteColumn)
    }

    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return max(byteColumn, 1) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        guard end > start else { return 1 }
        let prefix = String(decoding: bytes[start..<end], as: UTF8.self)
        return prefix.count + 1
    }
}
