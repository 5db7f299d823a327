import Foundation

/// Just enough HTML reading for the tests: attribute values, ids, one element by id.
enum HTML {
    /// Values of `name="…"` attributes, entities decoded.
    static func attributes(_ name: String, in html: String) -> [String] {
        let pattern = try! Regex("[\\s<]\(name)=\"([^\"]*)\"")
        return html.matches(of: pattern).compactMap { match in
            (match.output[1].substring).map { decodeEntities(String($0)) }
        }
    }

    /// Every relative or absolute link target of a page: `href` and `src`.
    static func links(in html: String) -> [String] {
        attributes("href", in: html) + attributes("src", in: html)
    }

    static func ids(in html: String) -> Set<String> { Set(attributes("id", in: html)) }

    static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The `<tag id="id" …>…</tag>` element, assuming no nested element of the same tag.
    static func element(_ tag: String, id: String, in html: String) -> String? {
        guard let start = html.range(of: "<\(tag) id=\"\(id)\"") else { return nil }
        guard let end = html.range(of: "</\(tag)>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Ids of the rows of the responsibility table, in order.
    static func stepRowIDs(in html: String) -> [String] {
        html.matches(of: try! Regex("<tr id=\"(step-[^\"]*)\"")).compactMap { $0.output[1].substring.map(String.init) }
    }

    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    /// The visible text of a fragment: tags removed, entities decoded, spaces collapsed.
    static func text(_ html: String) -> String {
        let stripped = html.replacing(try! Regex("<[^>]*>"), with: " ")
        return decodeEntities(stripped).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
