/// Plain pages' addresses, sections, old addresses and the frontmatter keys of other tools:
/// what the resolver needs about pages besides their bodies.
enum PageResolver {
    /// Which file is each folder's page; the top's is the home text, never a page.
    static func folderPages(_ rawPages: [RawPage]) -> [String: String] {
        var chosen = FolderPages.chosen(rawPages.lazy.filter { $0.file.kind == .page }.map(\.file.contentPath))
        chosen[""] = nil
        return chosen
    }

    static func route(_ raw: RawPage, folderPages: [String: String]) -> String {
        if raw.file.kind == .home { return Routes.home }
        let path = raw.file.contentPath
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        return folderPages[folder] == path ? FolderPages.route(ofFolder: folder) : Routes.page(path)
    }

    /// Folders holding published pages (at any depth) without a page of their own: each gets a
    /// generated section page, which links to the folder's address reach.
    static func generatedSections(published: [String], folderPages: [String: String]) -> [String] {
        var folders = Set<String>()
        for path in published {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts.removeLast()
            }
        }
        let published = Set(published)
        return folders.filter { folder in
            folderPages[folder].map(published.contains) != true && !PageTree.reserved.contains(String(folder.split(separator: "/")[0]))
        }.sorted()
    }

    /// `aliases: [/old/path/]` → `old/path/index.html`; a name without a leading `/` is taken
    /// from the page's folder, as Hugo does. Addresses are content-space (for the link index).
    static func aliases(_ raw: RawPage) -> (addresses: [(address: String, route: String, position: SourcePosition)], [Diagnostic]) {
        var found: [(String, String, SourcePosition)] = []
        var diagnostics: [Diagnostic] = []
        let path = raw.file.contentPath
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        for alias in raw.meta.aliases {
            var text = alias.value
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
            let decoded = text.removingPercentEncoding ?? text
            let isFile = decoded.hasSuffix(".html") || decoded.hasSuffix(".htm")
            guard !decoded.contains("://"), !decoded.hasPrefix("//"), !decoded.isEmpty,
                  let joined = LinkIndex.join(folder, decoded), !joined.isEmpty else {
                diagnostics.append(.error("handbook.page.alias",
                    Phrase("旧地址 `\(alias.value)` 不是站内的一个地址（应写成 /old/path/ 这样）",
                           en: "the old address `\(alias.value)` is not an address inside the site (write it as /old/path/)"),
                    at: alias.position))
                continue
            }
            let parts = joined.split(separator: "/").map { Routes.segment(String($0)) }
            let route = isFile ? parts.joined(separator: "/") : (parts + ["index.html"]).joined(separator: "/")
            let address = isFile ? Routes.stem(joined.hasSuffix(".htm") ? String(joined.dropLast(4)) : String(joined.dropLast(5))) : joined
            found.append((address, route, alias.position))
        }
        return (found, diagnostics)
    }

    /// How many times each value is written, and its first place (by path, then line): one
    /// summary warning per value instead of one per page.
    private static func tally(_ written: [(value: String, position: SourcePosition)]) -> [String: (first: SourcePosition, count: Int)] {
        var byValue: [String: (first: SourcePosition, count: Int)] = [:]
        for (value, position) in written {
            if let found = byValue[value] {
                let first = (found.first.path, found.first.line) <= (position.path, position.line) ? found.first : position
                byValue[value] = (first, found.count + 1)
            } else {
                byValue[value] = (position, 1)
            }
        }
        return byValue
    }

    /// One warning per `status` value of another tool (`active`), with how many pages have it.
    static func otherStatuses(_ rawPages: [RawPage]) -> [Diagnostic] {
        let byValue = tally(rawPages.compactMap { $0.meta.otherStatus.map { ($0.value, $0.position) } })
        return byValue.sorted { $0.key < $1.key }.map { value, found in
            let others = found.count - 1
            return .warning("handbook.page.other-status",
                Phrase("`status: \(value)` 不是本手册的状态，这些页面按已批准发布" + (others > 0 ? "（另有 \(others) 个页面）" : ""),
                       en: "`status: \(value)` is not a handbook status; the page\(others > 0 ? "s are" : " is") published as approved"
                           + (others > 0 ? " (and \(others) more page\(others == 1 ? "" : "s"))" : "")),
                at: found.first,
                notes: [Phrase("本手册的状态是 `draft`、`review`、`approved`、`retired`；不发布请写 `draft` 或 `retired`",
                               en: "handbook's statuses are draft, review, approved and retired; write draft or retired to keep a page unpublished")])
        }
    }

    /// One warning per key of another tool (`layout`, `menu`): how many pages have it, and
    /// where first. Keys listed in `ignore_keys:` are not reported.
    static func foreignKeys(_ rawPages: [RawPage], ignore: Set<String>) -> [Diagnostic] {
        let byKey = tally(rawPages.flatMap { raw in
            raw.meta.foreignKeys.filter { !ignore.contains($0.value) }.map { ($0.value, $0.position) }
        })
        return byKey.sorted { $0.key < $1.key }.map { key, found in
            let others = found.count - 1
            let zhMore = others > 0 ? "，另有 \(others) 个页面也写了它" : ""
            let enMore = others > 0 ? " (and in \(others) more page\(others == 1 ? "" : "s"))" : ""
            return .warning("handbook.frontmatter.unknown-key",
                Phrase("页面不使用 `\(key)` 这个键，已忽略\(zhMore)", en: "pages do not use the key `\(key)`; ignored\(enMore)"),
                at: found.first,
                notes: [Phrase("它若属于别的工具，在 handbook.yml 写 `ignore_keys: [\(key)]` 即不再提示",
                               en: "if another tool uses it, `ignore_keys: [\(key)]` in handbook.yml silences this")])
        }
    }
}

import Foundation
