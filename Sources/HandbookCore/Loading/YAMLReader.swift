import Yams

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
        let root: Node?
        do {
            // The basic resolver: no regex tag resolution per scalar (values are read as text here;
            // null and bool come from the scalar itself), about twice as fast on large handbooks.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            diagnostics.append(diagnostic(for: error, in: yaml))
            return nil
        }
        guard let root else { return Fields(Node.Mapping([])) }
        if root.null != nil { return Fields(Node.Mapping([])) }
        guard let mapping = root.mapping else {
            diagnostics.append(.error("handbook.yaml.type", "frontmatter must be a mapping of `key: value` lines, found \(root.kindName)",
                                      at: position(root)))
            return nil
        }
        return Fields(mapping)
    }

    func position(_ node: Node) -> SourcePosition {
        guard let mark = node.mark else { return SourcePosition(path: path, line: lineOffset + 1, column: 1) }
        return position(mark)
    }

    /// libyaml counts columns in Unicode scalars; editors count characters (an emoji family
    /// or an accent written as two scalars is one column).
    func position(_ mark: Mark) -> SourcePosition {
        var column = mark.column
        if mark.line >= 1, mark.line <= lines.count, !lines[mark.line - 1].utf8.prefix(max(0, mark.column - 1)).allSatisfy({ $0 < 0x80 }) {
            let scalars = lines[mark.line - 1].unicodeScalars
            if let end = scalars.index(scalars.startIndex, offsetBy: mark.column - 1, limitedBy: scalars.endIndex) {
                column = String(scalars[scalars.startIndex..<end]).count + 1
            }
        }
        return SourcePosition(path: path, line: mark.line + lineOffset, column: column)
    }

    func value(_ map: Fields, _ key: String) -> Node? {
        guard let value = map.pair(key)?.value else { return nil }
        return value.null == nil ? value : nil
    }

    func keyNode(_ map: Fields, _ key: String) -> Node? {
        map.pair(key)?.key
    }

    /// Warns about keys that are not part of the format, with the nearest known key.
    mutating func checkKeys(_ map: Fields, known: [String], in context: String) {
        for (key, _) in map.mapping {
            guard let name = key.scalar?.string, !known.contains(name) else { continue }
            diagnostics.append(.warning("handbook.frontmatter.unknown-key",
                "unknown key `\(name)` in \(context)", at: position(key),
                notes: Suggestion.note(for: name, in: known)))
        }
    }

    mutating func requireMapping(_ node: Node, _ what: String) -> Fields? {
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

    mutating func scalar(_ node: Node, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            typeError(node, "\(what) must be text", found: node)
            return nil
        }
        let text = scalar.string.trimmedWhitespace
        return Located(text, at: textPosition(node, style: scalar.style))
    }

    /// Where a scalar's text starts: after the quote of a quoted scalar, on the first content
    /// line (at its indentation) of a `|` or `>` block.
    private func textPosition(_ node: Node, style: Node.Scalar.Style) -> SourcePosition {
        var at = position(node)
        switch style {
        case .singleQuoted, .doubleQuoted:
            at.column += 1
        case .literal, .folded:
            guard let mark = node.mark else { break }
            var index = mark.line  // the line after the indicator, 0-based
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
        return sequence.compactMap { $0.null == nil ? scalar($0, "each item of `\(key)`") : nil }
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

    private mutating func typeError(_ node: Node, _ message: String, found: Node) {
        diagnostics.append(.error("handbook.yaml.type", "\(message), found \(found.kindName)", at: position(node)))
    }

    private func diagnostic(for error: Error, in yaml: String) -> Diagnostic {
        let start = SourcePosition(path: path, line: lineOffset + 1, column: 1)
        guard let yamlError = error as? YamlError else {
            return .error("handbook.yaml.syntax", "invalid YAML: \(error)", at: start)
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error("handbook.yaml.syntax", "invalid YAML: \(detail)", at: position(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error("handbook.yaml.duplicate-key",
                "duplicate key `\(duplicates.joined(separator: "`, `"))` in a mapping",
                at: secondOccurrence(of: duplicates.first ?? "", in: yaml, from: context.mark) ?? position(context.mark))
        default:
            return .error("handbook.yaml.syntax", "invalid YAML: \(yamlError)", at: start)
        }
    }
}

extension YAMLReader {
    /// Yams points a duplicate key at its mapping; find the repeated key line itself.
    fileprivate func secondOccurrence(of key: String, in yaml: String, from mark: Mark) -> SourcePosition? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= mark.line {
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            // Keys of this mapping only: at its column, not a nested mapping's `name:`.
            guard line.count - trimmed.count == mark.column - 1 || (index + 1 == mark.line && line.count - trimmed.count >= mark.column - 1),
                  trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" else { continue }
            seen += 1
            if seen == 2 {
                return SourcePosition(path: path, line: index + 1 + lineOffset, column: line.count - trimmed.count + 1)
            }
        }
        return nil
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: "text"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

import Foundation

/// A mapping with its keys indexed once: a document's fields are each looked up by name, and a
/// linear search per lookup (copying nodes) was a tenth of loading.
struct Fields {
    let mapping: Node.Mapping
    private let index: [String: Int]

    init(_ mapping: Node.Mapping) {
        self.mapping = mapping
        var index: [String: Int] = [:]
        index.reserveCapacity(mapping.count)
        for (offset, pair) in mapping.enumerated() {
            if case .scalar(let key) = pair.key, index[key.string] == nil { index[key.string] = offset }
        }
        self.index = index
    }

    /// The first `key: value` pair with this key.
    func pair(_ key: String) -> (key: Node, value: Node)? {
        index[key].map { mapping[mapping.index(mapping.startIndex, offsetBy: $0)] }
    }
}

extension String {
    /// Without leading and trailing white space (Unicode White_Space), without Foundation's
    /// bridging in the common case where there is none.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}
