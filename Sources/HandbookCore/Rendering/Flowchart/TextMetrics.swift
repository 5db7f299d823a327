/// Estimated text widths for SVG labels, without a font at build time: CJK and other
/// full-width characters take one em, Latin and digits about 0.6 em.
enum TextMetrics {
    static func width(of character: Character, fontSize: Double) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar) ? fontSize : fontSize * 0.62
    }

    static func width(of text: some StringProtocol, fontSize: Double) -> Double {
        text.reduce(0) { $0 + width(of: $1, fontSize: fontSize) }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD: true
        default: false
        }
    }

    /// Greedy wrapping to `maxWidth`: breaks between any two CJK characters, and at spaces
    /// in Latin text where it can; a word longer than a line is cut.
    ///
    /// Words are slices of `text` taken as they are found (each CJK character one, a Latin run
    /// with its leading space one): every step name of every flowchart is wrapped here.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        // Step names are nearly always ASCII and CJK, where every scalar is a character of its
        // own: wrapped scalar by scalar, the same lines without breaking the text into
        // grapheme clusters (the larger part of wrapping's cost).
        if text.unicodeScalars.allSatisfy(standsAlone) { return wrapScalars(text, maxWidth: maxWidth, fontSize: fontSize) }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        func place(_ word: Substring) {
            let wordWidth = width(of: word, fontSize: fontSize)
            if lineWidth + wordWidth <= maxWidth || line.isEmpty && wordWidth <= maxWidth {
                line += word
                lineWidth += wordWidth
                return
            }
            if !line.isEmpty {
                lines.append(line.trimmingTrailingSpace)
                line = ""
                lineWidth = 0
            }
            for character in word.first == " " ? word.dropFirst() : word {
                let w = width(of: character, fontSize: fontSize)
                if lineWidth + w > maxWidth, !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += w
            }
        }
        var wordStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.unicodeScalars.first.map(isWide) ?? false {
                if wordStart < index { place(text[wordStart..<index]) }
                place(text[index..<next])
                wordStart = next
            } else if character == " " {
                if wordStart < index { place(text[wordStart..<index]) }
                wordStart = index
            }
            index = next
        }
        if wordStart < text.endIndex { place(text[wordStart...]) }
        if !line.isEmpty { lines.append(line.trimmingTrailingSpace) }
        return lines.isEmpty ? [""] : lines
    }
}

extension TextMetrics {
    /// A scalar that is a whole character whatever comes before or after it: printable ASCII,
    /// CJK ideographs and punctuation, kana, Hangul syllables, full-width forms. Combining
    /// marks, joiners, variation selectors, jamo and line breaks are not.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x3000...0x3029, 0x3030...0x303F, 0x3041...0x3096, 0x30A0...0x30FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF01...0xFF60: true
        default: false
        }
    }

    /// `wrap` for text whose scalars all stand alone (`standsAlone`): the same greedy breaking,
    /// over its UTF-8, where such text has two kinds of character: one byte (ASCII, narrow) and
    /// three (every stand-alone scalar above ASCII is wide and in U+3000–U+FFFF).
    fileprivate static func wrapScalars(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        var text = text
        return text.withUTF8 { bytes -> [String] in
            let narrow = fontSize * 0.62
            var lines: [String] = []
            var line: [UInt8] = []
            var lineWidth = 0.0
            func endLine(trimming: Bool) {
                if trimming { while line.last == 0x20 { line.removeLast() } }
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                lineWidth = 0
            }
            func place(_ start: Int, _ end: Int) {
                var wordWidth = 0.0
                var index = start
                while index < end {
                    wordWidth += bytes[index] < 0x80 ? narrow : fontSize
                    index += bytes[index] < 0x80 ? 1 : 3
                }
                if lineWidth + wordWidth <= maxWidth || line.isEmpty && wordWidth <= maxWidth {
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    lineWidth += wordWidth
                    return
                }
                if !line.isEmpty { endLine(trimming: true) }
                index = bytes[start] == 0x20 ? start + 1 : start
                while index < end {
                    let size = bytes[index] < 0x80 ? 1 : 3
                    let width = size == 1 ? narrow : fontSize
                    if lineWidth + width > maxWidth, !line.isEmpty { endLine(trimming: false) }
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + size]))
                    lineWidth += width
                    index += size
                }
            }
            var wordStart = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] >= 0x80 {
                    if wordStart < index { place(wordStart, index) }
                    place(index, index + 3)
                    index += 3
                    wordStart = index
                } else {
                    if bytes[index] == 0x20 {
                        if wordStart < index { place(wordStart, index) }
                        wordStart = index
                    }
                    index += 1
                }
            }
            if wordStart < bytes.count { place(wordStart, bytes.count) }
            if !line.isEmpty { endLine(trimming: true) }
            return lines.isEmpty ? [""] : lines
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var value = self
        while value.last == " " { value.removeLast() }
        return value
    }
}
