
/// Reads typed fields out of a frontmatter mapping, keeping each value's position and
/// collecting a diagnostic for every value of the wrong shape.
struct YAMLReader {
    let path: String
    /// Added to a YAML line to get the file line.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []
    /// The frontmatter's lines, to place block scalars' text where it starts.
    private var lines: [Substring] = []

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
        lines = yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(yaml)
        } catch {
            diagnostics.append(diagnostic(for: error))
            return nil
        }
        guard let root, !root.isNull else { return Fields() }
        guard let mapping = root.mapping else {
            diagnostics.append(.error("handbook.yaml.type", "frontmatter must be a mapping of `key: value` lines, found \(root.kindName)",
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
                "unknown key `\(name)` in \(context)", at: position(key),
                notes: Suggestion.note(for: name, in: known)))
        }
    }

    mutating func requireMapping(_ node: YAMLNode, _ what: String) -> Fields? {
        if let mapping = node.mapping { return Fields(mapping) }
        typeError(node, "\(what) must be a mapping of `key: value`", found: node)
        return nil
    }

    /// A text field. Numbers and dates are kept as written (`version: 2.1` is "2.1").
    mutating func string(_ map: Fields, _ key: String, required: Bool = false,
                         in context: String, at owner: SourcePosition) -> Located<String>? {
        guard let node = value(map, key) else {
            if required {
                let at = keyNode(map, key).map(position) ?? owner
                diagnostics.append(.error("handbook.frontmatter.missing-field",
                    "\(context) needs `\(key)`", at: at))
            }
            return nil
        }
        return scalar(node, "`\(key)`")
    }

    mutating func scalar(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            typeError(node, "\(what) must be text", found: node)
            return nil
        }
        let text = scalar.string.trimmedWhitespace
        return Located(text, at: textPosition(node, style: scalar.style))
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
            typeError(node, "`\(key)` must be a list of texts", found: node)
            return []
        }
        return sequence.compactMap { $0.isNull ? nil : scalar($0, "each item of `\(key)`") }
    }

    /// A list of mappings, each given back with its position.
    mutating func mappings(_ map: Fields, _ key: String) -> [(Fields, SourcePosition)] {
        guard let node = value(map, key) else { return [] }
        guard let sequence = node.sequence else {
            typeError(node, "`\(key)` must be a list", found: node)
            return []
        }
        return sequence.compactMap { item in
            requireMapping(item, "each item of `\(key)`").map { ($0, position(item)) }
        }
    }

    mutating func bool(_ map: Fields, _ key: String) -> Bool? {
        guard let node = value(map, key) else { return nil }
        if let value = node.bool { return value }
        typeError(node, "`\(key)` must be true or false", found: node)
        return nil
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    private mutating func typeError(_ node: YAMLNode, _ message: String, found: YAMLNode) {
        diagnostics.append(.error("handbook.yaml.type", "\(message), found \(found.kindName)", at: position(node)))
    }

    private func diagnostic(for failure: YAMLFailure) -> Diagnostic {
        let at = failure.mark.map(position) ?? SourcePosition(path: path, line: lineOffset + 1, column: 1)
        switch failure.kind {
        case .syntax:
            return .error("handbook.yaml.syntax", "invalid YAML: \(failure.message)", at: at)
        case .duplicateKey:
            return .error("handbook.yaml.duplicate-key", "duplicate key `\(failure.message)` in a mapping", at: at)
        }
    }
}

import Foundation

/// A mapping with its keys indexed once: a document's fields are each looked up by name, and a
/// linear search per lookup (copying nodes) was a tenth of loading.
struct Fields {
    let pairs: [(key: YAMLNode, value: YAMLNode)]
    private let index: [String: Int]

    init(_ mapping: YAMLNode.Mapping? = nil) {
        pairs = mapping?.pairs ?? []
        var index: [String: Int] = [:]
        index.reserveCapacity(pairs.count)
        for (offset, pair) in pairs.enumerated() {
            if case .scalar(let key) = pair.key, index[key.string] == nil { index[key.string] = offset }
        }
        self.index = index
    }

    /// The first `key: value` pair with this key.
    func pair(_ key: String) -> (key: YAMLNode, value: YAMLNode)? {
        index[key].map { pairs[$0] }
    }
}
