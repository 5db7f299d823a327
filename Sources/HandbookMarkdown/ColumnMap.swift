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

    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return max(byteColumn, 1) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        guard end > start else { return 1 }
        let prefix = String(decoding: bytes[start..<end], as: UTF8.self)
        return prefix.count + 1
    }
}
