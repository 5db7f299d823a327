import CCmark

extension Markdown {
    /// What one render finds besides the HTML: links with their places, raw HTML (dropped
    /// pieces, or the ids it gives when kept). Used by the document's walk and by the tables'.
    struct Collector {
        let columns: ColumnMap
        let unsafeHTML: Bool
        var links: [MarkdownLink] = []
        var rawHTML: RawHTMLPieces?
        var htmlAnchors: [String] = []
        /// Link openings already given to a link (see `ColumnMap.linkPosition`).
        private var claimed = Set<Int>()

        init(columns: ColumnMap, unsafeHTML: Bool) {
            self.columns = columns
            self.unsafeHTML = unsafeHTML
        }

        /// Records a link or image cmark reports at `line`:`byteColumn` of the source; returns its URL.
        mutating func link(_ node: OpaquePointer, line: Int, byteColumn: Int, lastLine: Int) -> String {
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let place = columns.linkPosition(line: line, byteColumn: byteColumn,
                                             image: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                                             destination: url, lastLine: max(lastLine, line), claimed: &claimed)
            links.append(MarkdownLink(destination: url, line: place.line, column: place.column))
            return url
        }

        /// A piece of raw HTML: an anchor source when it is kept, counted when it is dropped.
        /// Comments are neither: dropping one hides nothing.
        mutating func html(_ node: OpaquePointer, line: Int, column: Int) {
            guard let literal = cmark_node_get_literal(node) else { return }
            let text = String(cString: literal)
            if unsafeHTML {
                htmlAnchors += RawHTMLAnchors.ids(in: text)
                return
            }
            guard !text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }).hasPrefix("<!--") else { return }
            if rawHTML == nil {
                rawHTML = RawHTMLPieces(count: 1, line: line, column: column)
            } else {
                rawHTML?.count += 1
            }
        }
    }
}

/// Raw HTML that a render dropped (`unsafe_html` off): how many pieces, and where the first is.
public struct RawHTMLPieces: Sendable, Hashable {
    public var count: Int
    public var line: Int
    public var column: Int
}

/// The ids raw HTML gives a page: `id` on any element, `name` on `<a>` (what a `#fragment`
/// finds in a browser).
enum RawHTMLAnchors {
    static func ids(in html: String) -> [String] {
        let bytes = Array(html.utf8)
        var found: [String] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, isLetter(bytes[index + 1]) else { index += 1; continue }
            index += 1
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") { index += 1 }
            let tag = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            // Attributes up to the tag's end.
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
                let attributeStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") { index += 1 }
                let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    if index == attributeStart, index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                    continue
                }
                index += 1
                var value: ArraySlice<UInt8>
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = bytes[valueStart..<min(index, bytes.count)]
                    if index < bytes.count { index += 1 }
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = bytes[valueStart..<index]
                }
                if attribute == "id" || (attribute == "name" && tag == "a"), !value.isEmpty {
                    found.append(decodedEntities(String(decoding: value, as: UTF8.self)))
                }
            }
        }
        return found
    }

    /// The few entities an id is likely to be written with.
    private static func decodedEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

import Foundation
