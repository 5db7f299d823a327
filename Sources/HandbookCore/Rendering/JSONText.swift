/// JSON written directly as UTF-8: `handbook.json` and the search index are the two largest
/// files of a big handbook, and Foundation's `JSONEncoder` (boxing every value, sorting keys
/// per object) took longer than rendering hundreds of pages.
indirect enum JSONText {
    case string(String)
    case array([JSONText])
    /// Keys are written sorted, so output is byte-identical between builds. Pairs, not a
    /// dictionary: written in the order given when that is already sorted (as the literals
    /// are), no key is hashed. A key appears once.
    case object(KeyValuePairs<String, JSONText>)
    /// An array whose items are made one at a time as they are written, then dropped: the
    /// thousands of processes in `handbook.json` never exist as one tree.
    case items(count: Int, make: (Int) -> JSONText)
    case null

    init(_ text: String?) { self = text.map(JSONText.string) ?? .null }
    init(_ texts: [String]) { self = .array(texts.map(JSONText.string)) }

    /// `pretty`: two-space indentation, one value per line. Written into `out`, as UTF-8; once
    /// `out` holds `OutputFile.chunk` bytes after an array item, it is handed to `flush`.
    func write(into out: inout [UInt8], pretty: Bool, depth: Int = 0, flush: ((inout [UInt8]) -> Void)? = nil) {
        func newline(_ depth: Int) {
            if pretty { Self.newline(depth, into: &out) }
        }
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .string(let text):
            Self.quote(text, into: &out)
        case .array(let items):
            Self.items(count: items.count, { items[$0] }, into: &out, pretty: pretty, depth: depth, flush: flush)
        case .items(let count, let make):
            Self.items(count: count, make, into: &out, pretty: pretty, depth: depth, flush: flush)
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            // Absent optionals are left out, as JSONEncoder did.
            var present = fields.filter { if case .null = $0.value { false } else { true } }
            if !present.indices.dropFirst().allSatisfy({ present[$0 - 1].key < present[$0].key }) {
                present.sort { $0.key < $1.key }
            }
            for (index, field) in present.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                Self.quote(field.key, into: &out)
                out.append(contentsOf: pretty ? " : ".utf8 : ":".utf8)
                field.value.write(into: &out, pretty: pretty, depth: depth + 1, flush: flush)
            }
            if !present.isEmpty { newline(depth) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func items(count: Int, _ item: (Int) -> JSONText, into out: inout [UInt8], pretty: Bool, depth: Int,
                              flush: ((inout [UInt8]) -> Void)?) {
        out.append(UInt8(ascii: "["))
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(depth + 1, into: &out) }
            item(index).write(into: &out, pretty: pretty, depth: depth + 1, flush: flush)
            if out.count >= OutputFile.chunk { flush?(&out) }
        }
        if pretty && count > 0 { newline(depth, into: &out) }
        out.append(UInt8(ascii: "]"))
    }

    private static func newline(_ depth: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// A JSON string: quote, backslash and control characters escaped, the rest as UTF-8.
    /// Copied in runs between the bytes to escape (most strings have none).
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
