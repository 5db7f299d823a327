/// Finds what could run script in an SVG or XML file, which browsers open as documents of the
/// site's own origin: script elements (in any namespace: `<svg:script>`, XHTML's `<h:script>`),
/// elements that embed other documents, event-handler attributes, `javascript:` URLs (also when
/// spelled with character references), entity declarations (which could spell them) and XSLT
/// stylesheets. A plain drawing has none of these and is published; a file with one is not.
///
/// Deliberately strict: anything it cannot read as text (a NUL byte, as in UTF-16) counts as active.
enum ActiveMarkup {
    /// Extensions scanned; any other file is published or withheld by extension alone.
    static let scanned: Set<String> = ["svg", "xml", "xsd", "rng", "rss", "atom", "rdf"]

    struct Finding: Equatable {
        var line: Int
        var column: Int
        var what: String
    }

    // Not `foreignObject`: draw.io puts its HTML labels in one; what could run inside it (a
    // script, a handler, a frame, a script URL) is found like anywhere else.
    private static let embedding: Set<String> = ["script", "iframe", "embed", "object", "frame", "handler", "listener"]

    /// The first construct that could run script, with its 1-based line and column (in characters).
    static func find(in bytes: [UInt8]) -> Finding? {
        var scanner = Scanner(bytes)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> Finding? {
            if bytes.contains(0) { return Finding(line: 1, column: 1, what: "text that is not UTF-8") }
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    advance()
                    continue
                }
                let at = index
                if starts(with: "<!--") {
                    skip(past: "-->")
                } else if starts(with: "<![cdata[") {
                    skip(past: "]]>")
                } else if starts(with: "<!entity") {
                    return finding(at, "an entity declaration")
                } else if starts(with: "<?xml-stylesheet") {
                    // A CSS stylesheet styles; any other (XSLT) can turn the file into a page with script.
                    let start = index
                    skip(past: "?>")
                    let instruction = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
                    if !instruction.contains("text/css") { return finding(at, "an XSLT stylesheet") }
                } else if starts(with: "<?") {
                    skip(past: "?>")  // a processing instruction ends at `?>`, not at the first `>`
                } else if starts(with: "<!") {
                    // A declaration, read to its `>` outside quoted literals. A document type with an
                    // internal subset can give elements default attributes (an `onload`) or spell
                    // URLs with entities: it counts as active.
                    if let found = declaration(at) { return found }
                } else if starts(with: "</") {
                    skip(past: ">")
                } else if let found = tag(at) {
                    return found
                }
            }
            return nil
        }

        private mutating func declaration(_ at: Int) -> Finding? {
            var quote: UInt8?
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "[") {
                    return finding(at, "a document type with an internal subset")
                } else if byte == UInt8(ascii: ">") {
                    advance()
                    return nil
                }
                advance()
            }
            return nil
        }

        /// An opening tag: its element name, then each attribute's name and value.
        private mutating func tag(_ at: Int) -> Finding? {
            advance()  // <
            let name = localName(readName())
            if embedding.contains(name) { return finding(at, "a <\(name)> element") }
            while index < bytes.count {
                skipWhitespace()
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: ">") {
                    advance()
                    return nil
                }
                if bytes[index] == UInt8(ascii: "/") {
                    advance()
                    continue
                }
                let attributeAt = index
                let attribute = localName(readName())
                if attribute.isEmpty {
                    advance()  // a stray byte: step over it
                    continue
                }
                if attribute.hasPrefix("on") { return finding(attributeAt, "an event handler `\(attribute)`") }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
                advance()
                skipWhitespace()
                let value = readValue()
                if Self.isScriptURL(value) { return finding(attributeAt, "a script URL in `\(attribute)`") }
            }
            return nil
        }

        /// `javascript:` or `vbscript:` once character references are decoded and the
        /// whitespace and control characters browsers ignore in a URL are dropped.
        static func isScriptURL(_ raw: [UInt8]) -> Bool {
            var decoded: [UInt8] = []
            var index = 0
            while index < raw.count {
                let byte = raw[index]
                if byte == UInt8(ascii: "&"), let (scalar, length) = reference(raw, index) {
                    if scalar < 0x80 { decoded.append(UInt8(scalar)) } else { decoded.append(0x80) }
                    index += length
                    continue
                }
                decoded.append(byte)
                index += 1
            }
            let squeezed = decoded.filter { $0 > 0x20 }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            return squeezed.starts(with: Array("javascript:".utf8)) || squeezed.starts(with: Array("vbscript:".utf8))
        }

        /// A character reference at `start` (`&#106;`, `&#x6A;`, `&amp;` and the other predefined
        /// ones, the `;` optional as browsers allow): its scalar and length.
        private static func reference(_ raw: [UInt8], _ start: Int) -> (UInt32, Int)? {
            var index = start + 1
            if index < raw.count, raw[index] == UInt8(ascii: "#") {
                index += 1
                var hex = false
                if index < raw.count, raw[index] | 0x20 == UInt8(ascii: "x") { hex = true; index += 1 }
                var value: UInt32 = 0
                let digitsStart = index
                while index < raw.count, let digit = digitValue(raw[index], hex: hex), value < 0x110000 {
                    value = value * (hex ? 16 : 10) + digit
                    index += 1
                }
                guard index > digitsStart else { return nil }
                if index < raw.count, raw[index] == UInt8(ascii: ";") { index += 1 }
                return (value, index - start)
            }
            for (name, scalar) in [("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27), ("colon", 0x3A), ("tab", 0x09), ("newline", 0x0A)] {
                let bytes = Array(name.utf8)
                if raw.count >= index + bytes.count, Array(raw[index..<index + bytes.count]).map({ $0 | 0x20 }) == bytes {
                    var length = 1 + bytes.count
                    if start + length < raw.count, raw[start + length] == UInt8(ascii: ";") { length += 1 }
                    return (UInt32(scalar), length)
                }
            }
            return nil
        }

        private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        private mutating func readName() -> [UInt8] {
            let start = index
            while index < bytes.count, !isWhitespace(bytes[index]),
                  ![UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<")].contains(bytes[index]) {
                advance()
            }
            return Array(bytes[start..<index])
        }

        private mutating func readValue() -> [UInt8] {
            guard index < bytes.count else { return [] }
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                advance()
                let start = index
                while index < bytes.count, bytes[index] != quote { advance() }
                let value = Array(bytes[start..<index])
                if index < bytes.count { advance() }
                return value
            }
            let start = index
            while index < bytes.count, !isWhitespace(bytes[index]), bytes[index] != UInt8(ascii: ">") { advance() }
            return Array(bytes[start..<index])
        }

        /// The name after its namespace prefix, in lower case (`svg:Script` → `script`).
        private func localName(_ name: [UInt8]) -> String {
            let local = name.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).last ?? []
            return String(decoding: local.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }

        private func starts(with text: String) -> Bool {
            let pattern = Array(text.utf8)
            guard bytes.count - index >= pattern.count else { return false }
            for offset in pattern.indices where bytes[index + offset] | (pattern[offset] >= 0x61 ? 0x20 : 0) != pattern[offset] {
                return false
            }
            return true
        }

        private mutating func skip(past end: String) {
            while index < bytes.count, !starts(with: end) { advance() }
            for _ in 0..<end.utf8.count where index < bytes.count { advance() }
        }

        private mutating func skipWhitespace() {
            while index < bytes.count, isWhitespace(bytes[index]) { advance() }
        }

        private func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        }

        private mutating func advance() { index += 1 }

        /// What was found at byte `offset`, placed by line and column as a file's bad byte is.
        private func finding(_ offset: Int, _ what: String) -> Finding {
            let at = SourceFile.position(ofByte: offset, in: bytes[...], path: "")
            return Finding(line: at.line, column: at.column, what: what)
        }
    }
}
