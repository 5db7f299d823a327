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
                append(["r", role.name, Routes.href(Routes.training(department.id, role: role.id)), department.name, "", ""])
            }
        }
        for page in handbook.pages {
            append(["g", page.title, Routes.href(Routes.page(page.contentPath)), "", "", plain(page.bodyHTML, limit: bodyLimit)])
        }
        out.append(contentsOf: "];\n".utf8)
        return out
    }

    /// Text of an HTML fragment: tags dropped, entities for the escaped characters undone.
    static func plain(_ html: String, limit: Int) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">" { inTag = false; text.append(" "); continue }
            if !inTag { text.append(character) }
        }
        if text.utf8.contains(UInt8(ascii: "&")) {
            text = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return String(collapsed.prefix(limit))
    }
}
