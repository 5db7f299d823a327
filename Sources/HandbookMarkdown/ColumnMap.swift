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
    /// taken off; so the column is checked against the line, and when no `[` (`![`, `<`) is
    /// there, the nearest one on the line is taken, preferring one followed by the destination.
    func linkColumn(line: Int, byteColumn: Int, image: Bool, destination: String) -> Int {
        guard line >= 1, line <= lineStarts.count else { return characterColumn(line: line, byteColumn: byteColumn) }
        let text = Array(self.line(line))
        func opens(_ index: Int) -> Bool {
            guard index >= 0, index < text.count else { return false }
            if image { return text[index] == UInt8(ascii: "!") && index + 1 < text.count && text[index + 1] == UInt8(ascii: "[") }
            return text[index] == UInt8(ascii: "[") || text[index] == UInt8(ascii: "<")
        }
        let reported = byteColumn - 1
        if opens(reported) { return characterColumn(line: line, byteColumn: byteColumn) }
        let wanted = Array(destination.utf8)
        func leadsTo(_ index: Int) -> Bool {
            !wanted.isEmpty && text.count - index >= wanted.count
                && (index...(text.count - wanted.count)).contains { text[$0..<$0 + wanted.count].elementsEqual(wanted) }
        }
        let candidates = text.indices.filter(opens)
        let best = candidates.filter(leadsTo).min { abs($0 - reported) < abs($1 - reported) }
            ?? candidates.min { abs($0 - reported) < abs($1 - reported) }
        return characterColumn(line: line, byteColumn: (best ?? reported) + 1)
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
