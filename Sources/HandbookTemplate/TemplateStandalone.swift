/// Pairs opening and closing tags, then removes standalone lines: a line holding only
/// whitespace and tags that print nothing disappears from the output (the spec's "Standalone"
/// rules), so templates can put `{{#section}}` on its own line without leaving blank lines.
struct TemplateStandalone {
    let bytes: [UInt8]
    var tokens: [Token]

    /// Sets `partner` and `enclosing`; reports unmatched and mismatched tags.
    mutating func matchSections() throws(TemplateSyntaxError) {
        var open: [Int] = []
        for index in tokens.indices {
            guard let kind = tokens[index].tag else { continue }
            tokens[index].enclosing = open.last ?? -1
            switch kind {
            case .section, .inverted, .parent, .block:
                open.append(index)
            case .close:
                let name = tokens[index].name
                guard let top = open.last else {
                    throw error("closing tag '{{/\(name)}}' has no opening tag", at: index)
                }
                guard tokens[top].name == name else {
                    let opener = tokens[top]
                    throw error("closing tag '{{/\(name)}}' does not match '{{\(opener.tag!.sigil)\(opener.name)}}'", at: index)
                }
                open.removeLast()
                tokens[top].partner = index
                tokens[index].partner = top
                tokens[index].enclosing = open.last ?? -1
            default:
                break
            }
        }
        if let top = open.last {
            throw error("'{{\(tokens[top].tag!.sigil)\(tokens[top].name)}}' is never closed", at: top)
        }
    }

    /// Walks the template line by line and trims every standalone line.
    mutating func removeStandaloneLines() {
        var lineStart = 0
        var lineTags: [Int] = []
        var lineHasContent = false
        for index in tokens.indices {
            if let kind = tokens[index].tag {
                if kind.canStandAlone { lineTags.append(index) } else { lineHasContent = true }
                continue
            }
            // Tags may span lines (multi-line comments); only newlines in text end a line.
            let end = tokens[index].end
            var offset = tokens[index].start
            while offset < end {
                let byte = bytes[offset]
                if byte == 0x0A {
                    if !lineHasContent { finishLine(lineTags, lineStart: lineStart, lineEnd: offset + 1) }
                    lineStart = offset + 1
                    lineTags.removeAll(keepingCapacity: true)
                    lineHasContent = false
                } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                    lineHasContent = true
                }
                offset += 1
            }
        }
        if !lineHasContent { finishLine(lineTags, lineStart: lineStart, lineEnd: bytes.count) }
    }

    /// The shapes of standalone line this engine knows.
    private enum Shape {
        /// One tag alone, or `{{<parent}}{{/parent}}`, `{{<parent}}{{$block}}`, `{{/block}}{{/parent}}`.
        case wholeLine
        /// `{{$block}}{{/block}}`: the spec keeps this line's ending (see ~inheritance "Standalone block").
        case emptyBlock
    }

    private func shape(of tags: [Int]) -> Shape? {
        if tags.count == 1 { return .wholeLine }
        guard tags.count == 2, tokens[tags[0]].end == tokens[tags[1]].start else { return nil }
        let first = tokens[tags[0]], second = tokens[tags[1]]
        switch (first.tag!, second.tag!) {
        case (.parent, .close) where first.partner == tags[1]:
            return .wholeLine
        case (.block, .close) where first.partner == tags[1]:
            return .emptyBlock
        case (.parent, .block) where second.enclosing == tags[0]:
            return .wholeLine
        case (.close, .close):
            // A parent's last argument closing together with the parent.
            let block = tokens[first.partner], parent = tokens[second.partner]
            return block.tag == .block && parent.tag == .parent && block.enclosing == second.partner ? .wholeLine : nil
        default:
            return nil
        }
    }

    private mutating func finishLine(_ tags: [Int], lineStart: Int, lineEnd: Int) {
        guard let first = tags.first, let last = tags.last, let shape = shape(of: tags) else { return }
        let indent = Array(bytes[lineStart..<tokens[first].start])
        // Leading whitespace is the end of the text token just before the first tag.
        if first > 0, tokens[first - 1].tag == nil {
            tokens[first - 1].end = max(tokens[first - 1].start, lineStart)
        }
        // Trailing whitespace and the newline are the start of the text token after the last tag.
        if last + 1 < tokens.count, tokens[last + 1].tag == nil {
            var cut = lineEnd
            if shape == .emptyBlock, cut > 0, bytes[cut - 1] == 0x0A {
                cut -= 1
                if cut > 0, bytes[cut - 1] == 0x0D { cut -= 1 }
            }
            tokens[last + 1].start = min(max(tokens[last + 1].start, cut), tokens[last + 1].end)
        }
        switch tokens[first].tag! {
        case .partial, .parent, .block: tokens[first].indent = indent
        default: break
        }
        // A block tag ending its line takes its indentation from the line below.
        if shape == .wholeLine, tokens[last].tag == .block {
            var end = lineEnd
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
            tokens[last].intrinsic = Array(bytes[lineEnd..<end])
        }
    }

    private func error(_ message: String, at index: Int) -> TemplateSyntaxError {
        TemplateSyntaxError(message: message, offset: tokens[index].start, in: bytes)
    }
}
