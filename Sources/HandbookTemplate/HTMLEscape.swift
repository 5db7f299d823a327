/// HTML escaping straight into the output bytes: `& < > " '`, for element content and attribute
/// values alike. The one escaper of the project: templates, Markdown heading anchors, flowchart
/// labels and the preview server's error overlay all go through it.
///
/// Most values (names, dates, Chinese prose) contain none of the five special characters,
/// so the first pass only looks for one and, finding none, copies the whole UTF-8 view at once.
public enum HTMLEscape {
    /// The five escaped bytes (`"` `&` `'` `<` `>`) are all below 64, so one 64-bit mask
    /// answers "is this byte special?" with a compare, a shift and an and.
    static let specialMask: UInt64 =
        (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C) | (1 << 0x3E)

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 64 && (specialMask &>> UInt64(byte)) & 1 != 0
    }

    static let amp: [UInt8] = Array("&amp;".utf8)
    static let lt: [UInt8] = Array("&lt;".utf8)
    static let gt: [UInt8] = Array("&gt;".utf8)
    static let quot: [UInt8] = Array("&quot;".utf8)
    static let apos: [UInt8] = Array("&#39;".utf8)

    /// `text` escaped; `text` itself when nothing in it needs escaping.
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: isSpecial) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(escaping: text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` HTML-escaped.
    @inline(__always)
    public static func append(escaping text: String, to out: inout [UInt8]) {
        // Native strings are always contiguous; the fallback is for bridged ones.
        if text.utf8.withContiguousStorageIfAvailable({ append(escaping: $0, to: &out) }) == nil {
            var copy = text
            copy.withUTF8 { append(escaping: $0, to: &out) }
        }
    }

    /// Appends `text` as it is.
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    static func append(escaping bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let count = bytes.count
        var index = 0
        while index < count, !isSpecial(bytes[index]) { index += 1 }
        if index == count {
            out.append(contentsOf: bytes)
            return
        }
        // Copy the runs between special bytes in bulk, the entities in between.
        var runStart = 0
        while index < count {
            let byte = bytes[index]
            if isSpecial(byte) {
                if runStart < index {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                switch byte {
                case 0x26: out.append(contentsOf: amp)
                case 0x3C: out.append(contentsOf: lt)
                case 0x3E: out.append(contentsOf: gt)
                case 0x22: out.append(contentsOf: quot)
                default: out.append(contentsOf: apos)
                }
                runStart = index + 1
            }
            index += 1
        }
        if runStart < count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }
}
