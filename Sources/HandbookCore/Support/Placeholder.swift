extension String {
    /// The text with every `placeholder` (a UI string's `{v}`, `{title}`…) replaced by `value`.
    /// Byte by byte in UTF-8: Foundation's `replacingOccurrences` went through its string
    /// search for every heading of every changes page and delta sheet row (a third of what
    /// making a changes page's model cost).
    func filling(_ placeholder: String, with value: String) -> String {
        var text = self
        return text.withUTF8 { bytes in
            let key = Array(placeholder.utf8)
            guard let first = key.first, bytes.count >= key.count else { return self }
            var out: [UInt8] = []
            var index = 0
            var found = false
            while index < bytes.count {
                if bytes[index] == first, index + key.count <= bytes.count,
                   UnsafeBufferPointer(rebasing: bytes[index..<index + key.count]).elementsEqual(key) {
                    if !found {
                        out.reserveCapacity(bytes.count + value.utf8.count)
                        out.append(contentsOf: bytes[0..<index])
                        found = true
                    }
                    out.append(contentsOf: value.utf8)
                    index += key.count
                } else {
                    if found { out.append(bytes[index]) }
                    index += 1
                }
            }
            return found ? String(decoding: out, as: UTF8.self) : self
        }
    }
}
