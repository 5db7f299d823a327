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
        var links: [MarkdownLink] = []
        var headings: [MarkdownHeading] = []
        var slugs = SlugSet(reserved: reservedAnchors)
        var pipeTables: [Int] = []
        var headingNodes: [OpaquePointer] = []
        var ordinalsLine = 0
        var ordinals: [String: Int] = [:]

        guard let iterator = cmark_iter_new(doc) else {
            return RenderedMarkdown(html: "", links: [], headings: [])
        }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let line = Int(cmark_node_get_start_line(node))
                let byteColumn = Int(cmark_node_get_start_column(node))
                // Earlier links on this line to the same place: which of them this one is. Links
                // come in document order, so the count starts again on each new line.
                if line != ordinalsLine { (ordinalsLine, ordinals) = (line, [:]) }
                let ordinal = ordinals[url, default: 0]
                ordinals[url] = ordinal + 1
                links.append(MarkdownLink(
                    destination: url, line: line,
                    column: columns.linkColumn(line: line, byteColumn: byteColumn,
                                               image: cmark_node_get_type(node) == CMARK_NODE_IMAGE, destination: url,
                                               ordinal: ordinal)))
                if let replacement = rewriteLink(url) {
                    cmark_node_set_url(node, replacement)
                }
            case CMARK_NODE_HEADING:
                let title = plainText(of: node)
                headings.append(MarkdownHeading(
                    level: Int(cmark_node_get_heading_level(node)), text: title,
                    anchor: slugs.unique(Slug.make(title)), line: Int(cmark_node_get_start_line(node))))
                headingNodes.append(node)
            case CMARK_NODE_PARAGRAPH:
                let line = Int(cmark_node_get_start_line(node))
                if line >= 1, line < columns.lineCount, looksLikePipeTable(columns.line(line), columns.line(line + 1)) {
                    pipeTables.append(line)
                }
            default:
                break
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
        guard let rendered = cmark_render_html(doc, renderOptions) else {
            return RenderedMarkdown(html: "", links: links, headings: headings)
        }
        defer { free(rendered) }
        let html = addHeadingIDs(String(cString: rendered), headings: headings, nonce: nonce)
        return RenderedMarkdown(html: html, links: links, headings: headings, pipeTableLines: pipeTables)
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

    /// `| a | b |` followed by `|---|---|`. Asked of every paragraph, and of every step's
    /// duties: most are told apart by their first byte.
    private static func looksLikePipeTable(_ firstLine: ArraySlice<UInt8>, _ secondLine: ArraySlice<UInt8>) -> Bool {
        // Only white space (`.whitespaces`: tab and the Zs spaces) is trimmed, so the line is no
        // table row when its first other byte is neither `|` nor the lead byte of a non-ASCII
        // space (U+00A0 is C2 A0; U+1680, U+2000…U+205F and U+3000 start with E1 to E3). Chinese
        // text starts with E4 to E9.
        let lead = firstLine.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        guard let lead, lead == UInt8(ascii: "|") || lead == 0xC2 || (0xE1...0xE3).contains(lead) else { return false }
        let first = String(decoding: firstLine, as: UTF8.self), second = String(decoding: secondLine, as: UTF8.self)
        let head = first.trimmingCharacters(in: .whitespaces), rule = second.trimmingCharacters(in: .whitespaces)
        return head.hasPrefix("|") && head.dropFirst().contains("|") && rule.hasPrefix("|")
            && rule.contains("-") && rule.allSatisfy { "|-: ".contains($0) }
    }

    /// The text of a node's inlines, walked with an iterator: a deeply nested heading must not
    /// overflow the stack.
    private static func plainText(of node: OpaquePointer) -> String {
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
