import Foundation
import HandbookTemplate

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
    func components(_ separator: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.firstByteRange(of: separator) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// Escaped for an HTML attribute value or element content (`HTMLEscape`); the text itself
    /// when nothing needs escaping.
    public var htmlAttributeEscaped: String { HTMLEscape.escaped(self) }
}
