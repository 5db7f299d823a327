/// A parsed template as a tree, the shape in which whitespace rules are easiest to apply.
/// `TemplateProgram` then flattens it for rendering.
indirect enum ParseNode {
    /// `startsLine`: the first byte begins a line of the source (block reindentation needs it).
    case text([UInt8], startsLine: Bool)
    /// A name split at dots; `[]` is `{{.}}`.
    case variable([String], escaped: Bool)
    case section([String], [ParseNode], inverted: Bool)
    /// `indent`: the whitespace before a standalone partial, added to each of its lines.
    case partial(String, indent: [UInt8])
    /// Only the parent's direct blocks survive: everything else inside a parent tag is ignored.
    case parent(String, indent: [UInt8], arguments: [(name: String, body: [ParseNode])])
    /// A block outside a parent: `body` is the default; an override is indented by `indent`.
    case block(String, indent: [UInt8], body: [ParseNode])
}

enum TemplateParser {
    static func parse(_ text: String) throws(TemplateSyntaxError) -> (nodes: [ParseNode], references: [TemplateReference], names: [TemplateNameUse]) {
        let bytes = Array(text.utf8)
        var tokenizer = TemplateTokenizer(bytes: bytes)
        try tokenizer.run()
        var lines = TemplateStandalone(bytes: bytes, tokens: tokenizer.tokens)
        try lines.matchSections()
        let references = self.references(lines.tokens, bytes)
        let names = self.names(lines.tokens, bytes)
        lines.removeStandaloneLines()
        return (buildTree(lines.tokens, bytes), references, names)
    }

    /// Every name looked up (interpolations, sections, inverted sections) with its position.
    private static func names(_ tokens: [Token], _ bytes: [UInt8]) -> [TemplateNameUse] {
        tokens.filter { [.variable, .unescaped, .section, .inverted].contains($0.tag) }.map { token in
            let at = TemplateSyntaxError(message: "", offset: token.start, in: bytes)
            return TemplateNameUse(name: token.name, line: at.line, column: at.column)
        }
    }

    /// Every `{{> name}}` and `{{< name}}` with its position, and whether a section or inverted
    /// section encloses it (which may render nothing, so it can stop a recursion).
    private static func references(_ tokens: [Token], _ bytes: [UInt8]) -> [TemplateReference] {
        tokens.filter { $0.tag == .partial || $0.tag == .parent }.map { token in
            var guarded = false
            var outer = token.enclosing
            while outer >= 0, !guarded {
                guarded = tokens[outer].tag == .section || tokens[outer].tag == .inverted
                outer = tokens[outer].enclosing
            }
            let at = TemplateSyntaxError(message: "", offset: token.start, in: bytes)
            return TemplateReference(name: token.name, line: at.line, column: at.column, guarded: guarded)
        }
    }

    private static func buildTree(_ tokens: [Token], _ bytes: [UInt8]) -> [ParseNode] {
        // The children of each open section, parent or block; frame 0 is the template itself.
        var frames: [[ParseNode]] = [[]]
        for token in tokens {
            guard let kind = token.tag else {
                if token.start < token.end {
                    let startsLine = token.start == 0 || bytes[token.start - 1] == 0x0A
                    appendText(Array(bytes[token.start..<token.end]), startsLine: startsLine, to: &frames[frames.count - 1])
                }
                continue
            }
            switch kind {
            case .variable, .unescaped:
                frames[frames.count - 1].append(.variable(splitName(token.name), escaped: kind == .variable))
            case .partial:
                frames[frames.count - 1].append(.partial(token.name, indent: token.indent))
            case .section, .inverted, .parent, .block:
                frames.append([])
            case .close:
                let children = frames.removeLast()
                let node = closedNode(tokens[token.partner], children: children, tokens: tokens)
                frames[frames.count - 1].append(node)
            case .comment, .delimiters:
                break
            }
        }
        return frames[0]
    }

    private static func closedNode(_ opener: Token, children: [ParseNode], tokens: [Token]) -> ParseNode {
        switch opener.tag! {
        case .section, .inverted:
            return .section(splitName(opener.name), children, inverted: opener.tag == .inverted)
        case .parent:
            var arguments: [(name: String, body: [ParseNode])] = []
            for case let .block(name, _, body) in children { arguments.append((name, body)) }
            return .parent(opener.name, indent: opener.indent, arguments: arguments)
        default:
            if opener.enclosing >= 0, tokens[opener.enclosing].tag == .parent {
                // An argument: drop its own indentation so the parent's block can apply its own.
                return .block(opener.name, indent: [], body: dedent(children, by: opener.intrinsic ?? []))
            }
            return .block(opener.name, indent: opener.intrinsic ?? opener.indent, body: children)
        }
    }

    /// Merges adjacent text (left over around removed comments and standalone lines).
    private static func appendText(_ bytes: [UInt8], startsLine: Bool, to nodes: inout [ParseNode]) {
        if case .text(let previous, let previousStartsLine)? = nodes.last {
            nodes[nodes.count - 1] = .text(previous + bytes, startsLine: previousStartsLine)
        } else {
            nodes.append(.text(bytes, startsLine: startsLine))
        }
    }

    static func splitName(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }

    /// Removes `prefix` from the start of every source line in `nodes`, and from the
    /// indentation of partials, parents and blocks inside them. Arguments of nested parents
    /// were already dedented against their own indentation, so they are left alone.
    static func dedent(_ nodes: [ParseNode], by prefix: [UInt8]) -> [ParseNode] {
        guard !prefix.isEmpty else { return nodes }
        func strip(_ indent: [UInt8]) -> [UInt8] {
            indent.starts(with: prefix) ? Array(indent[prefix.count...]) : indent
        }
        return nodes.compactMap { node -> ParseNode? in
            switch node {
            case .text(let bytes, let startsLine):
                let result = dedentText(bytes, startsLine: startsLine, prefix: prefix)
                return result.isEmpty ? nil : .text(result, startsLine: startsLine)
            case .section(let name, let body, let inverted):
                return .section(name, dedent(body, by: prefix), inverted: inverted)
            case .block(let name, let indent, let body):
                return .block(name, indent: strip(indent), body: dedent(body, by: prefix))
            case .partial(let name, let indent):
                return .partial(name, indent: strip(indent))
            case .parent(let name, let indent, let arguments):
                return .parent(name, indent: strip(indent), arguments: arguments)
            case .variable:
                return node
            }
        }
    }

    private static func dedentText(_ bytes: [UInt8], startsLine: Bool, prefix: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var atLineStart = startsLine
        var index = 0
        while index < bytes.count {
            if atLineStart, bytes[index...].starts(with: prefix) { index += prefix.count }
            atLineStart = false
            while index < bytes.count {
                let byte = bytes[index]
                result.append(byte)
                index += 1
                if byte == 0x0A { atLineStart = true; break }
            }
        }
        return result
    }
}
