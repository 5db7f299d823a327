/// Converts cmark's byte columns into character columns, as an editor counts them.
struct ColumnMap {
    private var lineStarts: [Int] = [0]
    private let bytes: [UInt8]

    init(text bytes: [UInt8]) {
        self.bytes = bytes
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(index + 1)
        }
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
