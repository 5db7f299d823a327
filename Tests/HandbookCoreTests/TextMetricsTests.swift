import HandbookMarkdown
import Testing
@testable import HandbookCore

/// Label wrapping and the SVG writer's numbers, against the straightforward versions they replaced.
@Suite("Flowchart text and numbers")
struct TextMetricsTests {
    /// At 13 px a CJK character is 13 wide, a Latin one 8.06: nine CJK characters after "1 " fill 134.
    @Test("Wrapping: CJK breaks anywhere, Latin at spaces, long words cut", arguments: [
        ("1 提交投诉工单", 134.0, 13.0, ["1 提交投诉工单"]),
        ("1 提交客户投诉工单并通知品保部", 134.0, 13.0, ["1 提交客户投诉工单并", "通知品保部"]),
        ("2 Review the complaint ticket", 134.0, 13.0, ["2 Review the", "complaint ticket"]),
        ("Supercalifragilisticexpialidocious", 60.0, 13.0, ["Superca", "lifragi", "listice", "xpialid", "ocious"]),
        ("", 134.0, 13.0, [""]),
    ])
    func wrap(text: String, width: Double, size: Double, lines: [String]) {
        #expect(TextMetrics.wrap(text, maxWidth: width, fontSize: size) == lines)
    }

    @Test("Wrapping over slices gives the lines the token list gave, on mixed random labels")
    func wrapMatchesTokenList() {
        let pieces = ["投诉", "工单", "审核", " ", "  ", "a", "Review", "complaint", "e\u{301}", "👩‍👩‍👧", "。", "、",
                      "（", "）", "-", "QA", "\u{3000}", "x"]
        var generator = SplitMix64(seed: 11)  // the same labels every run
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let width = Double(Int.random(in: 10...160, using: &generator))
            let size = [11.0, 13.0].randomElement(using: &generator)!
            #expect(TextMetrics.wrap(text, maxWidth: width, fontSize: size) == Self.tokenWrap(text, maxWidth: width, fontSize: size),
                    "\(text.debugDescription) \(width) \(size)")
        }
    }

    @Test("Labels of stand-alone scalars (ASCII, CJK, kana, Hangul) wrap scalar by scalar to the same lines")
    func scalarWrapMatchesTokenList() {
        let pieces = ["投诉", "工单", " ", "  ", "Review", "QA", "。", "（", "）", "カタカナ", "ひらがな", "한국어",
                      "ＡＢ", "\u{3000}", "\u{3029}", "\u{3030}", "\u{3096}", "\u{30A0}", "\u{FF60}", "㐀", "-", "x"]
        var generator = SplitMix64(seed: 12)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.unicodeScalars.allSatisfy(TextMetrics.standsAlone))
            let width = Double(Int.random(in: 10...160, using: &generator))
            let size = [11.0, 13.0].randomElement(using: &generator)!
            // As bytes: `String`'s `==` is canonical equivalence.
            #expect(TextMetrics.wrap(text, maxWidth: width, fontSize: size).map { Array($0.utf8) }
                    == Self.tokenWrap(text, maxWidth: width, fontSize: size).map { Array($0.utf8) },
                    "\(text.debugDescription) \(width) \(size)")
        }
    }

    @Test("Every stand-alone scalar is a character of its own beside any other, three UTF-8 bytes wide above ASCII")
    func standAloneScalarsNeverJoin() {
        let accepted = (0...0xFFFF).compactMap(Unicode.Scalar.init).filter(TextMetrics.standsAlone)
        // The ranges' ends, and one of each kind, as neighbours.
        let neighbours: [Unicode.Scalar] = ["a", " ", "~", "\u{3000}", "\u{3029}", "\u{3030}", "\u{303F}", "\u{3041}", "\u{3096}",
                                            "\u{30A0}", "\u{30FF}", "\u{4E00}", "\u{AC00}", "\u{D7A3}", "\u{FF01}", "\u{FF60}"]
        var joined: [String] = []
        for scalar in accepted {
            if scalar.value >= 0x80, scalar.utf8.count != 3 || !TextMetrics.isWide(scalar) { joined.append("U+\(String(scalar.value, radix: 16)) not 3 bytes and wide") }
            for neighbour in neighbours {
                for pair in [[neighbour, scalar], [scalar, neighbour]] where String(String.UnicodeScalarView(pair)).count != 2 {
                    joined.append(pair.map { "U+" + String($0.value, radix: 16) }.joined(separator: " "))
                }
            }
        }
        #expect(joined.isEmpty, "\(joined.prefix(10))")
        // Marks just outside the ranges, which do join.
        for mark: Unicode.Scalar in ["\u{302A}", "\u{302F}", "\u{3099}", "\u{309A}", "\u{FF9E}", "\u{FF9F}", "\u{FE0F}", "\u{200D}"] {
            #expect(!TextMetrics.standsAlone(mark))
        }
    }

    @Test("Scalars that join their neighbours into one character send a label the slow way", arguments: [
        "e\u{301}", "\u{1F469}\u{200D}\u{1F467}", "\r\n", "\u{1100}\u{1161}", "\u{845B}\u{E0100}", "\u{304B}\u{3099}", "\u{7B}\u{FE0F}",
    ])
    func joiningScalars(text: String) {
        #expect(!text.unicodeScalars.allSatisfy(TextMetrics.standsAlone))
        #expect(TextMetrics.wrap(text, maxWidth: 20, fontSize: 13) == Self.tokenWrap(text, maxWidth: 20, fontSize: 13))
    }

    @Test("Numbers: rounded half away from zero, negative with a minus", arguments: [
        (0.0, "0"), (0.4, "0"), (0.5, "1"), (-0.5, "-1"), (-3.2, "-3"), (9.5, "10"), (112.0, "112"),
        (2092.49, "2092"), (1_234_567.0, "1234567"),
    ])
    func number(value: Double, text: String) {
        var svg = SVGBytes()
        svg.number(value)
        #expect(svg.string == text)
        #expect(svg.string == String(Int(value.rounded())))
    }

    @Test("Escaped text: the five characters, nothing else")
    func escaped() {
        var svg = SVGBytes()
        svg.escaped("a&b<c>d\"e'f 投诉 ↺")
        #expect(svg.string == "a&amp;b&lt;c&gt;d&quot;e&#39;f 投诉 ↺")
        #expect(svg.string == "a&b<c>d\"e'f 投诉 ↺".htmlAttributeEscaped)
        #expect("投诉 ↺".htmlAttributeEscaped == "投诉 ↺")
    }

    /// The earlier implementation: the text cut into a list of token strings first.
    static func tokenWrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character.unicodeScalars.first.map(TextMetrics.isWide) ?? false {
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(character))
            } else if character == " " {
                if !current.isEmpty { tokens.append(current) }
                current = " "
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        func trimmed(_ line: String) -> String {
            var value = line
            while value.last == " " { value.removeLast() }
            return value
        }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        for word in tokens {
            let wordWidth = TextMetrics.width(of: word, fontSize: fontSize)
            if lineWidth + wordWidth <= maxWidth || line.isEmpty && wordWidth <= maxWidth {
                line += word
                lineWidth += wordWidth
                continue
            }
            if !line.isEmpty {
                lines.append(trimmed(line))
                line = ""
                lineWidth = 0
            }
            for character in word.first == " " ? String(word.dropFirst()) : word {
                let w = TextMetrics.width(of: character, fontSize: fontSize)
                if lineWidth + w > maxWidth, !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += w
            }
        }
        if !line.isEmpty { lines.append(trimmed(line)) }
        return lines.isEmpty ? [""] : lines
    }
}
