/// Where a YAML text's characters sit in the file, when that is not simply its value laid out
/// line by line: a plain or quoted text continued on further lines (each line break and the
/// next line's indentation read as one space), a folded `>` block, escapes (`\t`, `\u4e2d`)
/// and doubled quotes. Kept for a step's duties, whose links are reported at their place.
struct ScalarSource: Sendable, Equatable {
    /// The file's text from where the value starts to where the scalar ends.
    var text: String
    var style: YAMLNode.Scalar.Style
    /// Where `text` starts in the file.
    var start: SourcePosition

    /// The file position of the value's character at `line` and `column` (from 1, as cmark
    /// reports a link in the value), found by walking value and source together; nil when they
    /// cannot be matched up to it.
    func position(line: Int, column: Int, in value: String) -> SourcePosition? {
        let value = Array(value), source = Array(text)
        var target = 0, currentLine = 1
        while currentLine < line, target < value.count {
            if value[target] == "\n" { currentLine += 1 }
            target += 1
        }
        target += column - 1
        guard target >= 0, target < value.count else { return nil }
        var i = 0
        for j in 0...target {
            guard let matched = match(value[j], source, from: i) else { return nil }
            if j == target { return place(matched.at, in: source) }
            i = matched.next
        }
        return nil
    }

    /// Where `character` of the value is in `source` at or after `from`, and where the next one may start.
    private func match(_ character: Character, _ source: [Character], from: Int) -> (at: Int, next: Int)? {
        var i = from
        while i < source.count {
            let current = source[i]
            // In double quotes a backslash always starts an escape, even one meaning a backslash.
            if current == character, !(style == .doubleQuoted && current == "\\") {
                // A doubled quote inside single quotes is one quote of the value.
                if style == .singleQuoted, current == "'", i + 1 < source.count, source[i + 1] == "'" { return (i, i + 2) }
                return (i, i + 1)
            }
            if style == .doubleQuoted, current == "\\", i + 1 < source.count {
                let escape = source[i + 1]
                if escape == "\n" || escape == "\r\n" {
                    i += 2  // an escaped line break joins the lines with nothing between
                    while i < source.count, source[i] == " " || source[i] == "\t" { i += 1 }
                    continue
                }
                let length = escape == "x" ? 4 : escape == "u" ? 6 : escape == "U" ? 10 : 2
                let end = min(source.count, i + length)
                // An escape the value no longer holds (trimmed, as a leading `\t`) is stepped over.
                if Self.unescaped(escape, digits: source[min(end, i + 2)..<end]) == character { return (i, end) }
                i = end
                continue
            }
            if current == "\n" || current == "\r\n", character == " " || character == "\n" {
                // A line break folded into a space, or kept as the value's line break. The next
                // line's indentation is skipped as the characters after it are matched (spaces
                // kept from a more indented line may match part of it: only their own place is off).
                return (i, i + 1)
            }
            // Indentation, the quote or the block's header line: not part of the value.
            i += 1
        }
        return nil
    }

    /// The character a double-quoted escape stands for (`t` → tab, `u` + 4 hex digits → …).
    private static func unescaped(_ escape: Character, digits: ArraySlice<Character>) -> Character? {
        switch escape {
        case "x", "u", "U":
            return UInt32(String(digits), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
        case "0": return "\u{0}"
        case "a": return "\u{7}"
        case "b": return "\u{8}"
        case "t", "\t": return "\t"
        case "n": return "\n"
        case "v": return "\u{B}"
        case "f": return "\u{C}"
        case "r": return "\r"
        case "e": return "\u{1B}"
        case "N": return "\u{85}"
        case "_": return "\u{A0}"
        case "L": return "\u{2028}"
        case "P": return "\u{2029}"
        default: return escape  // `\\`, `\"`, `\/`, `\ ` stand for themselves
        }
    }

    private func place(_ index: Int, in source: [Character]) -> SourcePosition {
        var line = start.line, column = start.column
        for character in source[..<index] {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourcePosition(path: start.path, line: line, column: column)
    }
}
