import Foundation

/// The client-side search index, shipped as a `.js` file so search works from `file://`
/// with no server. Compact rows: `[kind, title, url, context, strong text, weak text]`;
/// strong text ranks above weak text. Only published content is in it.
enum SearchIndex {
    static let path = "assets/search-index.js"
    /// Page and department bodies are cut here: enough to find them, small enough to load fast.
    static let bodyLimit = 400

    /// Handed to `flush` in pieces as it is written; returns the rest.
    static func encode(_ handbook: Handbook, strings: [String: String], flush: (inout [UInt8]) -> Void) -> [UInt8] {
        var out = Array("window.HANDBOOK_SEARCH = [".utf8)
        out.reserveCapacity(OutputFile.chunk * 2)
        // Each row written as it is made: the index never exists whole, as rows or as text.
        var first = true
        func append(_ row: [String]) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONText(row).write(into: &out, pretty: false)
            if out.count >= OutputFile.chunk { flush(&out) }
        }
        for process in handbook.processes {
            let url = Routes.href(Routes.process(process.id))
            let draft = process.status == .approved ? "" : " [\(strings[process.status.rawValue] ?? "")]"
            append(["p", process.title + draft, url, process.category ?? "",
                         [process.summary ?? "", process.goals.joined(separator: " ")].joined(separator: " "),
                         plain(process.bodyHTML, limit: bodyLimit)])
            for step in process.steps {
                append(["s", "\(step.id). \(step.name)", url + "#" + Routes.href(Routes.stepAnchor(step.id)),
                             process.title + draft,
                             ([step.deadline ?? ""] + step.outputs).joined(separator: " "),
                             step.dutiesText + " " + step.input.joined(separator: " ")])
            }
        }
        for department in handbook.departments {
            let url = Routes.href(Routes.department(department.id))
            append(["d", department.name, url, "", department.roles.map(\.name).joined(separator: " "),
                         plain(department.descriptionHTML, limit: bodyLimit)])
            for role in department.roles {
                append(["r", role.name, Routes.href(Routes.role(department.id, role: role.id)), department.name, "", ""])
            }
        }
        for page in handbook.pages {
            append(["g", page.title, Routes.href(Routes.page(page.contentPath)), "", "", plain(page.bodyHTML, limit: bodyLimit)])
        }
        out.append(contentsOf: "];\n".utf8)
        return out
    }

    /// Text of an HTML fragment: tags dropped, entities for the escaped characters undone,
    /// white space collapsed to single spaces, at most `limit` characters. Tags and entities are
    /// ASCII, so they are found in the bytes, and white space among the scalars: walking the
    /// characters (grapheme clusters) of every body was a visible cost of the build.
    static func plain(_ html: String, limit: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(html.utf8.count)
        var inTag = false
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: ">"): inTag = false; text.append(UInt8(ascii: " "))
            case _ where inTag: break
            case UInt8(ascii: "&"):
                // Each entity is undone once: `&amp;lt;` stays `&lt;`, as it was written.
                if let (entity, character) = entities.first(where: { bytes[(index - 1)...].starts(with: $0.0) }) {
                    text.append(character)
                    index += entity.count - 1
                } else {
                    text.append(byte)
                }
            default: text.append(byte)
            }
        }
        var collapsed = String.UnicodeScalarView()
        var space = false
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            if scalar.isWhiteSpace {
                space = !collapsed.isEmpty
            } else {
                if space { collapsed.append(" ") }
                space = false
                collapsed.append(scalar)
            }
        }
        return String(String(collapsed).prefix(limit))
    }

    private static let entities: [([UInt8], UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
        (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]
}
