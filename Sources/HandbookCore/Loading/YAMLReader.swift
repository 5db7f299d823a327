
/// Reads typed fields out of a frontmatter mapping, keeping each value's position and
/// collecting a diagnostic for every value of the wrong shape.
struct YAMLReader {
    let path: String
    /// Added to a YAML line to get the file line.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []
    /// The frontmatter's lines, to place block scalars' text where it starts.
    private var lines = LineTable("")

    init(path: String, firstLine: Int) {
        self.path = path
        lineOffset = firstLine - 1
    }

    /// Parses frontmatter text; the root must be a mapping (or empty).
    mutating func parseMapping(_ yaml: String) -> Fields? {
        if let tooDeep = YAMLGuard.check(yaml, path: path, firstLine: lineOffset + 1) {
            diagnostics.append(tooDeep)
            return nil
        }
        lines = LineTable(yaml)
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(yaml)
        } catch {
            diagnostics.append(diagnostic(for: error))
            return nil
        }
        guard let root, !root.isNull else { return Fields() }
        guard let mapping = root.mapping else {
            diagnostics.append(.error("handbook.yaml.type", Phrase("文件头应由 `key: value` 各行组成，这里却是\(root.kindNameZh)", en: "frontmatter must be a mapping of `key: value` lines, found \(root.kindName)"),
                                      at: position(root)))
            return nil
        }
        return Fields(mapping)
    }

    func position(_ node: YAMLNode) -> SourcePosition {
        position(node.mark)
    }

    /// libyaml counts columns in Unicode scalars; editors count characters (an emoji family
    /// or an accent written as two scalars is one column).
    func position(_ mark: YAMLMark) -> SourcePosition {
        var column = mark.column
        if mark.line >= 1, mark.line <= lines.count, !lines[mark.line - 1].utf8.prefix(max(0, mark.column - 1)).allSatisfy({ $0 < 0x80 }) {
            let scalars = lines[mark.line - 1].unicodeScalars
            if let end = scalars.index(scalars.startIndex, offsetBy: mark.column - 1, limitedBy: scalars.endIndex) {
                column = String(scalars[scalars.startIndex..<end]).count + 1
            }
        }
        return SourcePosition(path: path, line: mark.line + lineOffset, column: column)
    }

    func value(_ map: Fields, _ key: String) -> YAMLNode? {
        guard let value = map.pair(key)?.value else { return nil }
        return value.isNull ? nil : value
    }

    func keyNode(_ map: Fields, _ key: String) -> YAMLNode? {
        map.pair(key)?.key
    }

    /// Warns about keys that are not part of the format, with the nearest known key.
    mutating func checkKeys(_ map: Fields, known: [String], in context: String) {
        for (key, _) in map.pairs {
            guard let name = key.scalar?.string, !known.contains(name) else { continue }
            diagnostics.append(.warning("handbook.frontmatter.unknown-key",
                Phrase("\(ReaderWords.zh(context))中没有 `\(name)` 这一项", en: "unknown key `\(name)` in \(context)"), at: position(key),
                notes: Suggestion.note(for: name, in: known)))
        }
    }

    mutating func requireMapping(_ node: YAMLNode, _ what: String) -> Fields? {
        if let mapping = node.mapping { return Fields(mapping) }
        typeError(node, Phrase("\(ReaderWords.zh(what))应由 `key: value` 各项组成", en: "\(what) must be a mapping of `key: value`"), found: node)
        return nil
    }

    /// A text field. Numbers and dates are kept as written (`version: 2.1` is "2.1").
    mutating func string(_ map: Fields, _ key: String, required: Bool = false,
                         in context: String, at owner: SourcePosition) -> Located<String>? {
        guard let node = value(map, key) else {
            if required {
                let at = keyNode(map, key).map(position) ?? owner
                diagnostics.append(.error("handbook.frontmatter.missing-field",
                    Phrase("\(ReaderWords.zh(context))缺少 `\(key)`", en: "\(context) needs `\(key)`"), at: at))
            }
            return nil
        }
        return scalar(node, "`\(key)`")
    }

    mutating func scalar(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            typeError(node, Phrase("\(ReaderWords.zh(what))应是文字", en: "\(what) must be text"), found: node)
            return nil
        }
        let text = scalar.string.trimmedWhitespace
        return Located(text, at: textPosition(node, style: scalar.style))
    }

    /// Where a text's characters are in the file, when they are not its value laid out line by
    /// line from `value.position` (see `ScalarSource`); nil for a `|` block and a text written as it reads.
    func source(of node: YAMLNode, value: Located<String>) -> ScalarSource? {
        guard let scalar = node.scalar, scalar.style != .literal else { return nil }
        let first = value.position.line - lineOffset, last = scalar.end.line
        guard first >= 1, first <= last, last <= lines.count else { return nil }
        var text = ""
        for line in first...last {
            var piece = Substring(lines[line - 1])
            if line == last {
                // libyaml counts the end's column in Unicode scalars.
                let scalars = piece.unicodeScalars
                let end = scalars.index(scalars.startIndex, offsetBy: max(0, scalar.end.column - 1), limitedBy: scalars.endIndex) ?? scalars.endIndex
                piece = Substring(scalars[..<end])
            }
            if line == first { piece = piece.dropFirst(max(0, value.position.column - 1)) }
            text += piece
            if line < last { text += "\n" }
        }
        if text == value.value { return nil }
        return ScalarSource(text: text, style: scalar.style, start: value.position)
    }

    /// Where a scalar's text starts: after the quote of a quoted scalar, on the first content
    /// line (at its indentation) of a `|` or `>` block.
    private func textPosition(_ node: YAMLNode, style: YAMLNode.Scalar.Style) -> SourcePosition {
        var at = position(node)
        switch style {
        case .singleQuoted, .doubleQuoted:
            at.column += 1
        case .literal, .folded:
            var index = node.mark.line  // the line after the indicator, 0-based
            while index < lines.count, lines[index].allSatisfy({ $0 == " " }) { index += 1 }
            if index < lines.count {
                at.line = index + 1 + lineOffset
                at.column = lines[index].prefix { $0 == " " }.count + 1
            }
        default:
            break
        }
        return at
    }

    /// A list of texts; a single text counts as a list of one.
    mutating func strings(_ map: Fields, _ key: String) -> [Located<String>] {
        guard let node = value(map, key) else { return [] }
        if node.scalar != nil { return scalar(node, "`\(key)`").map { [$0] } ?? [] }
        guard let sequence = node.sequence else {
            typeError(node, Phrase("`\(key)` 应是文字列表", en: "`\(key)` must be a list of texts"), found: node)
            return []
        }
        return sequence.compactMap { $0.isNull ? nil : scalar($0, "each item of `\(key)`") }
    }

    /// A list of mappings, each given back with its position.
    mutating func mappings(_ map: Fields, _ key: String) -> [(Fields, SourcePosition)] {
        guard let node = value(map, key) else { return [] }
        guard let sequence = node.sequence else {
            typeError(node, Phrase("`\(key)` 应是列表", en: "`\(key)` must be a list"), found: node)
            return []
        }
        return sequence.compactMap { item in
            requireMapping(item, "each item of `\(key)`").map { ($0, position(item)) }
        }
    }

    mutating func bool(_ map: Fields, _ key: String) -> Bool? {
        guard let node = value(map, key) else { return nil }
        if let value = node.bool { return value }
        typeError(node, Phrase("`\(key)` 应是 `true` 或 `false`", en: "`\(key)` must be true or false"), found: node)
        return nil
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    private mutating func typeError(_ node: YAMLNode, _ message: Phrase, found: YAMLNode) {
        diagnostics.append(.error("handbook.yaml.type", Phrase("\(message.zh)，这里却是\(found.kindNameZh)", en: "\(message.en), found \(found.kindName)"),
                                  at: position(node)))
    }

    private func diagnostic(for failure: YAMLFailure) -> Diagnostic {
        let at = failure.mark.map(position) ?? SourcePosition(path: path, line: lineOffset + 1, column: 1)
        switch failure.kind {
        case .syntax:
            if let start = failure.start.map(position) {
                // Reported where the unclosed quote or bracket opens; libyaml's own place is a note.
                return .error("handbook.yaml.syntax",
                              Phrase("YAML 写法有误：\(YAMLProblemWords.zh(failure.message))，从这里开始", en: "invalid YAML: \(failure.message), which starts here"),
                              at: start,
                              notes: [Phrase("读到第 \(at.line) 行第 \(at.column) 列才发现", en: "libyaml stopped reading at line \(at.line), column \(at.column)")])
            }
            var notes: [Phrase] = []
            if let mark = failure.mark, let quote = QuoteScan.opening(closingOn: mark.line - 1, in: lines) {
                // A quote left open lines above, closed by the next quote: libyaml stops here.
                let line = quote.line + 1 + lineOffset
                notes.append(Phrase("第 \(line) 行第 \(quote.column) 列的引号到这里才闭合：那里是否少了结束引号？",
                                    en: "the quote opened at line \(line), column \(quote.column) closes only here: is its closing quote missing there?"))
            }
            return .error("handbook.yaml.syntax", Phrase("YAML 写法有误：\(YAMLProblemWords.zh(failure.message))", en: "invalid YAML: \(failure.message)"),
                          at: at, notes: notes)
        case .duplicateKey:
            return .error("handbook.yaml.duplicate-key", Phrase("同一层里 `\(failure.message)` 写了两次", en: "duplicate key `\(failure.message)` in a mapping"), at: at)
        }
    }
}

import Foundation

/// A text's lines by the byte offsets where they start, found in one pass; a line is sliced out
/// only when a position needs it. Splitting every frontmatter into substrings up front was 3 %
/// of loading a handbook.
struct LineTable {
    private let text: String
    private let starts: [Int]

    init(_ text: String) {
        self.text = text
        var copy = text
        starts = copy.withUTF8 { bytes in
            var starts = [0]
            for index in bytes.indices where bytes[index] == 0x0A { starts.append(index + 1) }
            return starts
        }
    }

    var count: Int { starts.count }

    /// Line `index` (0-based) without its newline.
    subscript(index: Int) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: starts[index])
        let end = index + 1 < starts.count ? utf8.index(utf8.startIndex, offsetBy: starts[index + 1] - 1) : utf8.endIndex
        return text[start..<end]
    }
}

/// A mapping with its keys listed once: a document's fields are each looked up by name, and a
/// search over the pairs themselves (copying nodes) was a tenth of loading.
struct Fields {
    let pairs: [(key: YAMLNode, value: YAMLNode)]
    /// The keys in order, searched while the mapping is small (a frontmatter mapping has a dozen
    /// keys, mostly short enough to be stored inline, so comparing them costs less than building
    /// and hashing into a dictionary); `index` instead once it is large.
    private let keys: [String?]
    private let index: [String: Int]?
    /// Also where the composer stops comparing keys in order to find a repeated one.
    static let linearLimit = 24

    init(_ mapping: YAMLNode.Mapping? = nil) {
        pairs = mapping?.pairs ?? []
        keys = pairs.map { $0.key.scalar?.string }
        guard pairs.count > Self.linearLimit else {
            index = nil
            return
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(pairs.count)
        for (offset, pair) in pairs.enumerated() {
            if case .scalar(let key) = pair.key, index[key.string] == nil { index[key.string] = offset }
        }
        self.index = index
    }

    /// The first `key: value` pair with this key.
    func pair(_ key: String) -> (key: YAMLNode, value: YAMLNode)? {
        if let index { return index[key].map { pairs[$0] } }
        return keys.firstIndex { $0 == key }.map { pairs[$0] }
    }
}
