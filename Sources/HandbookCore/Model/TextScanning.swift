import Foundation

extension Unicode.Scalar {
    /// Unicode's White_Space property, from a fixed list: `properties.isWhitespace` looks the
    /// scalar up in the property tables, a visible cost when asked of every character of every
    /// body. The list has not changed since Unicode 6.3.
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension String {
    /// Without leading and trailing white space (Unicode White_Space), without Foundation's
    /// bridging in the common case where there is none.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].isWhiteSpace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isWhiteSpace { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension String {
    /// Whether the UTF-8 holds `byte`, found with `memchr`: asked of every file (a carriage
    /// return? a YAML alias?), where stepping through `utf8` one index at a time was visible.
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }
}
