import Foundation

extension Substring {
    /// Where `needle` first occurs, compared byte for byte. Foundation's `range(of:)` goes
    /// through NSString and grapheme folding, which was a visible cost of every step's
    /// inline Markdown; the needles here are ASCII tags, so bytes are what to compare.
    func firstByteRange(of needle: String) -> Range<Index>? {
        let bytes = utf8
        var needleBytes = needle.utf8.makeIterator()
        guard let first = needleBytes.next() else { return nil }
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: first) {
            if bytes[found...].starts(with: needle.utf8) {
                return found..<bytes.index(found, offsetBy: needle.utf8.count)
            }
            start = bytes.index(after: found)
        }
        return nil
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var value = self
        while value.hasSuffix(suffix) { value.removeLast(suffix.count) }
        return value
    }

    func components(_ separator: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.firstByteRange(of: separator) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// Escapes text for an HTML attribute value or element content. Byte by byte (the five
    /// characters are ASCII), and none copied when there is nothing to escape: every flowchart
    /// label passes through here.
    public var htmlAttributeEscaped: String {
        guard utf8.contains(where: { Self.htmlEscapes[Int($0)] != nil }) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        appendHTMLEscaped(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of this text to `out` with `& < > " '` escaped, as
    /// `htmlAttributeEscaped` gives it (for markup written as bytes, like the flowcharts).
    public func appendHTMLEscaped(to out: inout [UInt8]) {
        for byte in utf8 {
            if let escape = Self.htmlEscapes[Int(byte)] { out += escape } else { out.append(byte) }
        }
    }

    /// The escape of each byte that needs one, by byte value.
    private static let htmlEscapes: [[UInt8]?] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "&"): Array("&amp;".utf8)
        case UInt8(ascii: "<"): Array("&lt;".utf8)
        case UInt8(ascii: ">"): Array("&gt;".utf8)
        case UInt8(ascii: "\""): Array("&quot;".utf8)
        case UInt8(ascii: "'"): Array("&#39;".utf8)
        default: nil
        }
    }
}
