import Foundation

/// The client-side search index, shipped as a `.js` file so search works from `file://`
/// with no server. Compact rows `[kind, title, url, context, strong text, weak text]`; strong
/// text ranks above weak text. A step's row refers to other rows by number instead of
/// repeating them (at 2,000 processes its process's title and path were 2.3 MB of the index):
/// `["s", "1. name", "#step-1", "<its process's row>", outputs…, duties…, "<its responsible
/// party's row>"]`, the party being a role's row (`r`) or a department's (`d`).
/// Only published content is in it.
///
/// A plain page's row holds its first `previewLimit` characters; its whole text is in a part,
/// `assets/search-text-N.js`, which `search.js` loads with a script tag (no fetch: it works from
/// `file://`) once a reader searches, one after another, showing results as they come. A tree
/// of 4,656 pages had one 43.6 MB index, all loaded before the first result; see README, Search.
enum SearchIndex {
    static let path = "assets/search-index.js"
    /// A plain page's text in its row, enough for the snippet shown before its part arrives.
    static let previewLimit = 120
    /// About this many bytes of pages' HTML make one part (their text is less).
    static let partBytes = 2_000_000
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
            append(["g", page.title, Routes.href(page.route), "", page.description ?? "", plain(page.bodyHTML, limit: previewLimit)])
        }
        out.append(contentsOf: "];\nwindow.HANDBOOK_SEARCH_PARTS = \(parts(handbook.pages).count);\n".utf8)
        return out
    }

    static func partPath(_ number: Int) -> String { "assets/search-text-\(number).js" }

    /// Runs of pages (indices into `handbook.pages`), one a part, cut by their HTML's size:
    /// known while planning, before any text is made.
    static func parts(_ pages: [Page]) -> [Range<Int>] {
        var parts: [Range<Int>] = [], start = 0, bytes = 0
        for (index, page) in pages.enumerated() {
            bytes += min(page.bodyHTML.utf8.count, pageLimit * 4)
            if bytes >= partBytes {
                parts.append(start..<index + 1)
                (start, bytes) = (index + 1, 0)
            }
        }
        if start < pages.count { parts.append(start..<pages.count) }
        return parts
    }

    /// A part: `HANDBOOK_SEARCH_PART(first row, [whole text of each page])`, rows numbered as
    /// in the index (pages come after every process, step, department and role).
    static func encodePart(_ handbook: Handbook, pages: Range<Int>, flush: (inout [UInt8]) -> Void) -> [UInt8] {
        let before = handbook.processes.reduce(0) { $0 + 1 + $1.steps.count } + handbook.departments.reduce(0) { $0 + 1 + $1.roles.count }
        var out = Array("HANDBOOK_SEARCH_PART(\(before + pages.lowerBound), [".utf8)
        for index in pages {
            if index > pages.lowerBound { out.append(UInt8(ascii: ",")) }
            JSONText(plain(handbook.pages[index].bodyHTML, limit: pageLimit)).write(into: &out, pretty: false)
            if out.count >= OutputFile.chunk { flush(&out) }
        }
        out.append(contentsOf: "]);\n".utf8)
        return out
    }

    /// Text of an HTML fragment: tags dropped, entities for the escaped characters undone,
    /// white space (Unicode's, as written in UTF-8) collapsed to single spaces, at most `limit`
    /// characters. In the bytes, counting scalars; only a text with more scalars than `limit` is
    /// cut by characters (never fewer than scalars): going through every body's scalars and
    /// characters was most of the search index's time at 5,000 pages (0.9 s of CPU, more than
    /// rendering every page).
    static func plain(_ html: String, limit: Int) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var text: [UInt8] = []
            text.reserveCapacity(min(bytes.count, limit * 3))
            // Enough scalars for `limit` characters of up to 8 scalars each (a family emoji has 7).
            let cap = limit > Int.max / 16 ? Int.max : limit * 8 + 16
            var inTag = false, space = false, count = 0, index = 0
            while index < bytes.count, count < cap {
                let byte = bytes[index]
                // A `>` ends a tag, or stands for one where none was open: white space either way.
                if byte == UInt8(ascii: ">") { inTag = false; space = !text.isEmpty; index += 1; continue }
                if inTag || byte == UInt8(ascii: "<") { inTag = true; index += 1; continue }
                let blank = whiteSpaceWidth(bytes, at: index)
                if blank > 0 { space = !text.isEmpty; index += blank; continue }
                if space {
                    text.append(UInt8(ascii: " "))
                    count += 1
                    space = false
                }
                // Each entity is undone once: `&amp;lt;` stays `&lt;`, as it was written.
                if byte == UInt8(ascii: "&"),
                   let (entity, character) = entities.first(where: { bytes[index...].starts(with: $0.0) }) {
                    text.append(character)
                    index += entity.count
                } else {
                    let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                    let end = min(index + width, bytes.count)
                    text.append(contentsOf: bytes[index..<end])
                    index = end
                }
                count += 1
            }
            let plain = String(decoding: text, as: UTF8.self)
            return count <= limit ? plain : String(plain.prefix(limit))
        }
    }

    /// The length in bytes of the white space character at `index`, or 0: Unicode's White_Space
    /// in UTF-8 (ASCII's, U+0085, U+00A0, U+1680, U+2000–200A, U+2028/2029, U+202F, U+205F, U+3000).
    private static func whiteSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || (0x09...0x0D).contains(byte) { return 1 }
        guard byte >= 0xC2, byte <= 0xE3, index + 1 < bytes.count else { return 0 }
        let second = bytes[index + 1]
        if byte == 0xC2 { return second == 0x85 || second == 0xA0 ? 2 : 0 }
        guard index + 2 < bytes.count else { return 0 }
        let third = bytes[index + 2]
        switch (byte, second) {
        case (0xE1, 0x9A): return third == 0x80 ? 3 : 0
        case (0xE2, 0x80): return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
        case (0xE2, 0x81): return third == 0x9F ? 3 : 0
        case (0xE3, 0x80): return third == 0x80 ? 3 : 0
        default: return 0
        }
    }

    private static let entities: [([UInt8], UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
        (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]
}
