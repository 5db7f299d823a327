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

    /// Where the link or image cmark reports at `line`:`byteColumn` is written, as a line and a
    /// character column. cmark's position is checked against the source: a `[` (`![`, `<`)
    /// whose bracket closes right before `(destination`. On a paragraph's later lines cmark
    /// counts from the paragraph's first column, not from where the line's text starts once its
    /// indentation (or a lazy continuation's missing list marker) is taken off; after a
    /// backslash hard break, or link reference definitions at the paragraph's start, it gives
    /// an earlier line. So when the reported place is not such an opening (or an earlier link
    /// took it), the first opening not yet `claimed` on that line or a later one of the block
    /// (up to `lastLine`) is taken: links come in document order.
    func linkPosition(line: Int, byteColumn: Int, image: Bool, destination: String, lastLine: Int,
                      claimed: inout Set<Int>) -> (line: Int, column: Int) {
        guard line >= 1, line <= lineStarts.count else { return (line, characterColumn(line: line, byteColumn: byteColumn)) }
        let wanted = Array(destination.utf8)
        // Whole lines are at most the file's size; a line's number and offset fit one Int.
        func key(_ line: Int, _ index: Int) -> Int { line << 32 | index }
        let reported = byteColumn - 1
        let text = Array(self.line(line))
        if Self.leads(text, at: reported, image: image, to: wanted), claimed.insert(key(line, reported)).inserted {
            return (line, characterColumn(line: line, byteColumn: byteColumn))
        }
        for number in line...max(line, min(lastLine, lineStarts.count)) {
            let bytes = number == line ? text : Array(self.line(number))
            for index in bytes.indices where Self.leads(bytes, at: index, image: image, to: wanted) && !claimed.contains(key(number, index)) {
                claimed.insert(key(number, index))
                return (number, characterColumn(line: number, byteColumn: index + 1))
            }
        }
        return (line, characterColumn(line: line, byteColumn: byteColumn))
    }

    /// The character column of raw HTML cmark reports at `byteColumn`: checked against the line
    /// as links are (on a paragraph's later lines cmark counts from the paragraph's first
    /// column); the first place on the line where `literal` starts when the reported one is not.
    func htmlColumn(line: Int, byteColumn: Int, literal: String) -> Int {
        guard line >= 1, line <= lineStarts.count else { return characterColumn(line: line, byteColumn: byteColumn) }
        let text = self.line(line)
        let wanted = Array(literal.utf8.prefix { $0 != UInt8(ascii: "\n") })
        guard !wanted.isEmpty else { return characterColumn(line: line, byteColumn: byteColumn) }
        let reported = text.startIndex + byteColumn - 1
        if reported >= text.startIndex, reported <= text.endIndex, text[reported...].starts(with: wanted) {
            return characterColumn(line: line, byteColumn: byteColumn)
        }
        for index in text.indices where text[index] == wanted[0] && text[index...].starts(with: wanted) {
            return characterColumn(line: line, byteColumn: index - text.startIndex + 1)
        }
        return characterColumn(line: line, byteColumn: byteColumn)
    }

    /// Whether a link (an image) written at `index` of `text` leads to `wanted`.
    private static func leads(_ text: [UInt8], at index: Int, image: Bool, to wanted: [UInt8]) -> Bool {
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

    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return max(byteColumn, 1) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        guard end > start else { return 1 }
        let prefix = String(decoding: bytes[start..<end], as: UTF8.self)
        return prefix.count + 1
    }
}
