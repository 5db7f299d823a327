import CCmark
import Foundation

/// CommonMark rendering through libcmark. No C pointer leaves this file.
public enum Markdown {
    /// Renders a Markdown body. `rewriteLink` sees every link and image destination and may
    /// return a replacement (e.g. a `.md` source path turned into a page URL).
    /// `reservedAnchors` are ids the page already uses (template sections, `step-N` rows):
    /// headings get other anchors so no id appears twice on a page.
    public static func render(
        _ text: String,
        unsafeHTML: Bool = false,
        reservedAnchors: Set<String> = [],
        headingIDs: Slug.Style = .github,
        rewriteLink: (String) -> String? = { _ in nil }
    ) -> RenderedMarkdown {
        // Source positions while parsing (for diagnostics), not in the HTML.
        let renderOptions = unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let options = renderOptions | CMARK_OPT_SOURCEPOS
        let bytes = Array(text.utf8)
        guard let doc = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, options)
                }
            } ?? cmark_parse_document("", 0, options)
        }) else {
            return RenderedMarkdown(html: "", links: [], headings: [])
        }
        defer { cmark_node_free(doc) }

        let columns = ColumnMap(text: bytes)
        var found = Collector(columns: columns, unsafeHTML: unsafeHTML)
        var headings: [MarkdownHeading] = []
        var slugs = SlugSet(reserved: reservedAnchors)
        var headingNodes: [OpaquePointer] = []
        // Ids written `{#id}`, by heading: claimed again with definition terms' in page order.
        var customIDs: [String?] = []
        var tableParagraphs: [TableParagraph] = []

        guard let iterator = cmark_iter_new(doc) else {
            return RenderedMarkdown(html: "", links: [], headings: [])
        }
        defer { cmark_iter_free(iterator) }
        // A paragraph that holds a table is rendered apart (`renderTables`): what cmark made of
        // its lines is skipped until the walk leaves it.
        var skipping: OpaquePointer?
        var blockEnd = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if let current = skipping {
                if event == CMARK_EVENT_EXIT, node == current { skipping = nil }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = found.link(node, line: Int(cmark_node_get_start_line(node)),
                                     byteColumn: Int(cmark_node_get_start_column(node)), lastLine: blockEnd)
                if let replacement = rewriteLink(url) {
                    cmark_node_set_url(node, replacement)
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let line = Int(cmark_node_get_start_line(node))
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                found.html(node, line: line, column: columns.htmlColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)),
                                                                         literal: literal))
            case CMARK_NODE_HEADING:
                blockEnd = Int(cmark_node_get_end_line(node))
                let custom = headingAttributes(node)
                customIDs.append(custom)
                let title = plainText(of: node)
                headings.append(MarkdownHeading(
                    level: Int(cmark_node_get_heading_level(node)), text: title,
                    anchor: custom.map { slugs.claim($0) } ?? slugs.unique(Slug.make(title, style: headingIDs)),
                    line: Int(cmark_node_get_start_line(node))))
                headingNodes.append(node)
            case CMARK_NODE_PARAGRAPH:
                blockEnd = Int(cmark_node_get_end_line(node))
                if let parts = tableParts(of: node, columns) ?? definitionParts(of: node, columns) {
                    tableParagraphs.append(TableParagraph(node: node, parts: parts, headingsBefore: headings.count))
                    skipping = node
                }
            default:
                break
            }
        }
        var termAnchors: [String] = []
        if !tableParagraphs.isEmpty {
            // Headings and definition terms share one set of ids, given in page order as Hugo does.
            let tables = renderTables(tableParagraphs, text: bytes, options: options, renderOptions: renderOptions,
                                      found: &found, rewriteLink: rewriteLink) { lists in
                var slugs = SlugSet(reserved: reservedAnchors)
                var next = 0
                func claimHeadings(upTo end: Int) {
                    while next < end {
                        headings[next].anchor = customIDs[next].map { slugs.claim($0) } ?? slugs.unique(Slug.make(headings[next].text, style: headingIDs))
                        next += 1
                    }
                }
                var ids: [[String]] = []
                for list in lists {
                    claimHeadings(upTo: list.headingsBefore)
                    ids.append(list.terms.map { slugs.unique(Slug.make($0, style: headingIDs)) })
                }
                claimHeadings(upTo: headings.count)
                termAnchors = ids.flatMap { $0 }
                return ids
            }
            for (paragraph, html) in zip(tableParagraphs, tables) {
                guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
                cmark_node_set_on_enter(block, html)
                if cmark_node_replace(paragraph.node, block) != 0 {
                    cmark_node_free(paragraph.node)
                } else {
                    cmark_node_free(block)
                }
            }
        }

        // Each heading starts with a marker no text can know (a nonce per render), so that its id
        // goes on cmark's own `<hN>`, not on a raw `<h2>` written in the body (`unsafe_html`),
        // which took the first heading's id and moved every later one.
        let nonce = headingNodes.isEmpty ? "" : UUID().uuidString
        for (index, node) in headingNodes.enumerated() {
            guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(marker, Self.headingMarker(nonce, index))
            if cmark_node_prepend_child(node, marker) == 0 { cmark_node_free(marker) }
        }
        var links = found.links
        // Table cells' links were found after the walk: in order of lines, as the others are.
        if !tableParagraphs.isEmpty { links = links.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element) }
        var result = RenderedMarkdown(html: "", links: links, headings: headings)
        result.rawHTML = found.rawHTML
        result.htmlAnchors = found.htmlAnchors
        result.termAnchors = termAnchors
        result.tableCount = tableParagraphs.reduce(0) { $0 + $1.parts.filter(\.isTable).count }
        guard let rendered = cmark_render_html(doc, renderOptions) else { return result }
        defer { free(rendered) }
        result.html = addHeadingIDs(String(cString: rendered), headings: headings, nonce: nonce)
        return result
    }

    /// Renders inline Markdown (a step's duties): one paragraph, returned without `<p>`.
    public static func renderInline(
        _ text: String,
        unsafeHTML: Bool = false,
        rewriteLink: (String) -> String? = { _ in nil }
    ) -> RenderedMarkdown {
        var result = render(text, unsafeHTML: unsafeHTML, rewriteLink: rewriteLink)
        result.html = unwrappedParagraph(result.html)
        return result
    }

    /// `html` without its final line breaks and, when it is a single paragraph, without the
    /// `<p>` and `</p>` around it. Compared as bytes (every step's duties come through here;
    /// `hasSuffix` and `dropLast` on `String` walked grapheme clusters from the end).
    static func unwrappedParagraph(_ html: String) -> String {
        let bytes = html.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "\n") { end = bytes.index(before: end) }
        let open = "<p>".utf8, close = "</p>".utf8
        let trimmed = bytes[..<end]
        guard trimmed.count >= open.count + close.count, trimmed.starts(with: open),
              trimmed[trimmed.index(end, offsetBy: -close.count)...].elementsEqual(close),
              html.components("<p>") == 1
        else { return end == bytes.endIndex ? html : String(decoding: trimmed, as: UTF8.self) }
        return String(decoding: trimmed[trimmed.index(trimmed.startIndex, offsetBy: open.count)..<trimmed.index(end, offsetBy: -close.count)],
                      as: UTF8.self)
    }

    /// The text of a node's inlines, walked with an iterator: a deeply nested heading must not
    /// overflow the stack.
    static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    static func headingMarker(_ nonce: String, _ index: Int) -> String { "<!--hb-\(nonce)-\(index)-->" }

    /// cmark renders headings as bare `<hN>`, each followed by its marker; give each its anchor.
    private static func addHeadingIDs(_ html: String, headings: [MarkdownHeading], nonce: String) -> String {
        guard !headings.isEmpty else { return html }
        var output = ""
        output.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = Substring(html)
        for (index, heading) in headings.enumerated() {
            let tag = "<h\(heading.level)>" + headingMarker(nonce, index)
            guard let range = rest.firstByteRange(of: tag) else { continue }
            output += rest[..<range.lowerBound]
            output += "<h\(heading.level) id=\"\(heading.anchor.htmlAttributeEscaped)\">"
            rest = rest[range.upperBound...]
        }
        output += rest
        return output
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
