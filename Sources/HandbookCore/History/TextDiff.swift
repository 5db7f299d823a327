import Foundation

/// A word-level diff that works for Chinese: Latin text is compared word by word, CJK text (no
/// spaces between words) character by character. Lines are matched first, then the words of
/// each changed run of lines, so a long body costs little more than its changes.
enum TextDiff {
    enum Kind: Sendable, Equatable { case same, removed, added }

    struct Piece: Sendable, Equatable {
        var kind: Kind
        var text: String
    }

    static func diff(_ old: String, _ new: String) -> [Piece] {
        // Most bodies and fields are the same from one version to the next: compared as bytes.
        if Bytes.same(old, new) { return old.isEmpty ? [] : [Piece(kind: .same, text: old)] }
        let oldLines = lines(old), newLines = lines(new)
        var pieces: [Piece] = []
        var removed: [Substring] = [], added: [Substring] = []
        func flushChanged() {
            guard !removed.isEmpty || !added.isEmpty else { return }
            let a = tokens(removed.joined()), b = tokens(added.joined())
            for (kind, range, fromOld) in edits(a, b) {
                append(kind, (fromOld ? a : b)[range].joined(), to: &pieces)
            }
            removed = []
            added = []
        }
        for (kind, range, fromOld) in edits(oldLines, newLines) {
            let lines = fromOld ? oldLines[range] : newLines[range]
            switch kind {
            case .same:
                flushChanged()
                append(.same, lines.joined(), to: &pieces)
            case .removed: removed += lines
            case .added: added += lines
            }
        }
        flushChanged()
        return pieces
    }

    /// Whether a diff changed anything.
    static func changes(_ pieces: [Piece]) -> Bool { pieces.contains { $0.kind != .same } }

    private static func append(_ kind: Kind, _ text: String, to pieces: inout [Piece]) {
        guard !text.isEmpty else { return }
        if pieces.last?.kind == kind { pieces[pieces.count - 1].text += text } else { pieces.append(Piece(kind: kind, text: text)) }
    }

    /// Lines with their line breaks (`\r\n` kept whole). Found in the UTF-8 bytes: walking the
    /// text by characters was a third of the time the comparisons took.
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = bytes.index(after: newline)
            result.append(text[start..<next])
            start = next
        }
        if start < bytes.endIndex { result.append(text[start...]) }
        return result
    }

    /// A Latin word (letters, digits), a run of spaces, or one character of anything else (a
    /// CJK character, a punctuation mark).
    static func tokens(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            var end = text.index(after: index)
            if isWordCharacter(character) {
                while end < text.endIndex, isWordCharacter(text[end]) { end = text.index(after: end) }
            } else if character.isWhitespace, !character.isNewline {
                while end < text.endIndex, text[end].isWhitespace, !text[end].isNewline { end = text.index(after: end) }
            }
            result.append(text[index..<end])
            index = end
        }
        return result
    }

    /// Letters and digits of alphabetic scripts; a Han, kana or Hangul character stands alone.
    private static func isWordCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        if scalar.isASCII { return character.isLetter || character.isNumber || character == "_" }
        switch scalar.properties.generalCategory {
        case .otherLetter: return false  // Han, kana, Hangul: no spaces between their words
        default: return character.isLetter || character.isNumber
        }
    }

    /// Myers' diff of two sequences: runs of (kind, range, in old or new), in order. Common
    /// ends are cut off first; past `limit` differences the rest is one removal and one addition.
    static func edits<T: Hashable>(_ a: [T], _ b: [T], limit: Int = 2_000) -> [(Kind, Range<Int>, Bool)] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var result: [(Kind, Range<Int>, Bool)] = []
        if prefix > 0 { result.append((.same, 0..<prefix, true)) }
        let n = a.count - prefix - suffix, m = b.count - prefix - suffix
        let middle = middleEdits(a, b, from: prefix, n: n, m: m, limit: limit)
        result += middle
        if suffix > 0 { result.append((.same, a.count - suffix..<a.count, true)) }
        return result
    }

    private static func middleEdits<T: Hashable>(_ a: [T], _ b: [T], from start: Int, n: Int, m: Int,
                                                 limit: Int) -> [(Kind, Range<Int>, Bool)] {
        if n == 0 && m == 0 { return [] }
        let whole: [(Kind, Range<Int>, Bool)] = [(.removed, start..<start + n, true), (.added, start..<start + m, false)].filter { !$0.1.isEmpty }
        if n == 0 || m == 0 { return whole }
        let max = n + m
        let offset = max
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        // The trace keeps a copy of `v` per difference: bounded to about 32 MB.
        let bound = Swift.min(max, limit, 4_000_000 / (2 * max + 2))
        outer: for d in 0...bound {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[start + x] == b[start + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break outer }
            }
        }
        guard found else { return whole }
        // Walk back through the trace: each step is a diagonal run, then one removal or addition.
        var steps: [(Kind, Int)] = []  // kind and index in a (removed, same) or b (added)
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let (previousX, previousY) = d == 0 ? (0, 0) : (v[offset + previousK], v[offset + previousK] - previousK)
            while x > previousX && y > previousY { x -= 1; y -= 1; steps.append((.same, x)) }
            if d > 0 {
                if x == previousX { y -= 1; steps.append((.added, y)) } else { x -= 1; steps.append((.removed, x)) }
            }
        }
        var result: [(Kind, Range<Int>, Bool)] = []
        for (kind, index) in steps.reversed() {
            let absolute = start + index
            if let last = result.last, last.0 == kind, last.1.upperBound == absolute {
                result[result.count - 1].1 = last.1.lowerBound..<absolute + 1
            } else {
                result.append((kind, absolute..<absolute + 1, kind != .added))
            }
        }
        return result
    }
}

/// Texts compared as their UTF-8 bytes: `==` on strings compares canonical equivalence, a slow
/// path for every non-ASCII text, and `utf8.elementsEqual` walks byte by byte.
enum Bytes {
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }
}
