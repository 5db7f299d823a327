import CCmark

extension Markdown {
    /// `## Title {#custom-id}` (kramdown, Hugo, Pandoc; also `{#id .class}`, `{: #id}`): the
    /// attribute list is taken off the heading's text, and its id returned. A trailing `{…}`
    /// that is not an attribute list (`{{< shortcode >}}`, `{x}`) stays text.
    static func headingAttributes(_ heading: OpaquePointer) -> String? {
        // The heading's trailing text nodes: cmark splits text at `_` and other delimiters.
        var nodes: [OpaquePointer] = []
        var node = cmark_node_last_child(heading)
        while let current = node, cmark_node_get_type(current) == CMARK_NODE_TEXT {
            nodes.insert(current, at: 0)
            node = cmark_node_previous(current)
        }
        guard !nodes.isEmpty else { return nil }
        let text = nodes.map { cmark_node_get_literal($0).map { String(cString: $0) } ?? "" }.joined()
        guard let (kept, id) = attributeList(text) else { return nil }
        cmark_node_set_literal(nodes[0], kept)
        for extra in nodes.dropFirst() {
            cmark_node_unlink(extra)
            cmark_node_free(extra)
        }
        return id
    }

    /// The text before a trailing `{#id .class key=value}` and the id in it; nil when the text
    /// does not end with such a list.
    static func attributeList(_ text: String) -> (kept: String, id: String?)? {
        let trimmed = text.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        guard trimmed.last == "}", let open = trimmed.lastIndex(of: "{") else { return nil }
        let before = trimmed[..<open]
        guard before.isEmpty || before.last == " " || before.last == "\t" else { return nil }
        var tokens = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // kramdown's `{: #id}` and `{:#id}`.
        if tokens.first == ":" { tokens.removeFirst() } else if let first = tokens.first, first.hasPrefix(":") { tokens[0] = String(first.dropFirst()) }
        guard !tokens.isEmpty else { return nil }
        var id: String?
        for token in tokens {
            if token.hasPrefix("#"), token.count > 1 {
                id = String(token.dropFirst())
            } else if token.hasPrefix("."), token.count > 1 {
                continue
            } else if let equals = token.firstIndex(of: "="), equals != token.startIndex {
                continue
            } else {
                return nil
            }
        }
        let kept = String(before.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        return (kept, id)
    }
}
