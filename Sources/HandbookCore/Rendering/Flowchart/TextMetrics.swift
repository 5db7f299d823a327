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

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var value = self
        while value.last == " " { value.removeLast() }
        return value
    }
}
