import Foundation

/// The client-side search index, shipped as a `.js` file so search works from `file://`
/// with no server. Compact rows `[kind, title, url, context, strong text, weak text]`; strong
/// text ranks above weak text. A step's row refers to other rows by number instead of
/// repeating them (at 2,000 processes its process's title and path were 2.3 MB of the index):
/// `["s", "1. name", "#step-1", "<its process's row>", outputs…, duties…, "<its responsible
/// party's row>"]`, the party being a role's row (`r`) or a department's (`d`).
/// Only published content is in it.
enum SearchIndex {
    static let path = "assets/search-index.js"
    /// Page and department bodies are cut here: enough to find them and show the match, small
    /// enough to load fast (see README, Search, for the sizes measured).
    static let bodyLimit = 1_000
    /// A plain page's whole text is searched, up to this many characters (a page longer than
    /// this is rare: 0.3 % of a 4,686-page handbook; see README, Search).
    static let pageLimit = 20_000

    /// Handed to `flush` in pieces as it is written; returns the rest. `roleRoute`: where a
    /// role's result leads (its page when the theme has role pages).
    static func encode(_ handbook: Handbook, strings: [String: String],
                       roleRoute: (_ department: String, _ role: String) -> String = Routes.role,
                       flush: (inout [UInt8]) -> Void) -> [UInt8] {
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
        // Department and role rows come after every process and step: their numbers, known
        // before the steps that name them.
        var partyRow: [Party: Int] = [:]
        var next = handbook.processes.reduce(0) { $0 + 1 + $1.steps.count }
        for department in handbook.departments {
            partyRow[Party(departmentID: department.id, roleID: nil)] = partyRow[Party(departmentID: department.id, roleID: nil)] ?? next
            next += 1
            for role in department.roles {
                partyRow[Party(departmentID: department.id, roleID: role.id)] = partyRow[Party(departmentID: department.id, roleID: role.id)] ?? next
                next += 1
            }
        }
        var row = 0
        for process in handbook.processes {
            let url = Routes.href(Routes.process(process.id))
            let draft = process.status == .approved ? "" : " [\(strings[process.status.rawValue] ?? "")]"
            let processRow = String(row)
            append(["p", process.title + draft, url, process.category ?? "",
                    [process.summary ?? "", process.goals.joined(separator: " ")].joined(separator: " "),
                    plain(process.bodyHTML, limit: bodyLimit)])
            row += 1
            for step in process.steps {
                let party = partyRow[step.responsible] ?? partyRow[Party(departmentID: step.responsible.departmentID, roleID: nil)]
                append(["s", "\(step.id). \(step.name)", "#" + Routes.href(Routes.stepAnchor(step.id)), processRow,
                        ([step.deadline ?? ""] + step.outputs).joined(separator: " "),
                        step.dutiesText + " " + step.input.joined(separator: " "), party.map(String.init) ?? ""])
                row += 1
            }
        }
        for department in handbook.departments {
            let url = Routes.href(Routes.department(department.id))
            append(["d", department.name, url, "", department.roles.map(\.name).joined(separator: " "),
                    plain(department.descriptionHTML, limit: bodyLimit)])
            for role in department.roles {
                append(["r", role.name, Routes.href(roleRoute(department.id, role.id)), department.name, "", ""])
            }
        }
        for page in handbook.pages {
            append(["g", page.title, Routes.href(page.route), "", page.description ?? "", plain(page.bodyHTML, limit: pageLimit)])
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
