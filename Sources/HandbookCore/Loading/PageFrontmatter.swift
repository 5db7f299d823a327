/// A plain page's frontmatter: the keys handbook uses, those Hugo and Jekyll share with it
/// (`draft`, `weight`, `aliases`, `redirect_from`), and the rest set aside to be reported once
/// per key over the whole handbook (a converted site has `layout:` on thousands of pages).
enum PageFrontmatter {
    static let keys = ["title", "description", "weight", "order", "status", "draft", "lang", "aliases",
                       "redirect_from", "tags", "date", "owner"]
    static let statuses = ProcessStatus.allCases.map(\.rawValue)
    /// Keys of Hugo, Jekyll and Docusaurus that look like ours but are theirs: never taken for a typo.
    static let otherTools: Set<String> = ["redirect_to", "permalink", "layout", "menu", "linkTitle", "categories", "summary",
                                          "keywords", "sidebar", "toc", "url", "slug", "type", "author", "authors", "tag"]

    static func read(_ map: Fields, at start: SourcePosition, reader: inout YAMLReader) -> PageMeta {
        var meta = PageMeta()
        for (key, _) in map.pairs {
            guard let name = key.scalar?.string, !keys.contains(name) else { continue }
            // Close to a key of ours: a typo, said at its place; otherwise another tool's key.
            if !otherTools.contains(name), let near = Suggestion.nearest(to: name, in: keys) {
                reader.report(.warning("handbook.frontmatter.unknown-key",
                    Phrase("页面不认识 `\(name)` 这个键", en: "unknown key `\(name)` in a page"),
                    at: reader.position(key), notes: [Phrase("是不是想写 \(near)？", en: "did you mean \(near)?")]))
            } else {
                meta.foreignKeys.append(Located(name, at: reader.position(key)))
            }
        }
        meta.title = reader.string(map, "title", in: "page", at: start)?.value
        meta.description = reader.string(map, "description", in: "page", at: start)?.value
        meta.lang = reader.string(map, "lang", in: "page", at: start)?.value
        meta.date = reader.string(map, "date", in: "page", at: start)?.value
        meta.owner = reader.string(map, "owner", in: "page", at: start)?.value
        meta.tags = reader.strings(map, "tags").map(\.value)
        meta.aliases = reader.strings(map, "aliases") + reader.strings(map, "redirect_from")
        for key in ["weight", "order"] {
            guard let text = reader.string(map, key, in: "page", at: start) else { continue }
            if let number = Int(text.value) {
                meta.weight = meta.weight ?? number
            } else {
                reader.report(.error("handbook.yaml.type",
                    Phrase("`\(key)` 应当是整数（排序用），这里写的是 `\(text.value)`",
                           en: "`\(key)` must be a whole number (it orders pages), found `\(text.value)`"),
                    at: text.position))
            }
        }
        if let draft = reader.bool(map, "draft"), draft { meta.status = .draft }
        if let status = reader.string(map, "status", in: "page", at: start) {
            if let value = ProcessStatus(rawValue: status.value) {
                meta.status = value
            } else if Suggestion.nearest(to: status.value, in: statuses) == nil {
                // Another tool's status (GitLab's working groups: `active`): the page is
                // published, and the value reported once for the handbook (`PageResolver`).
                meta.otherStatus = status
            } else {
                reader.report(.error("handbook.page.unknown-status",
                    Phrase("未知的状态 `\(status.value)`：请写 `draft`、`review`、`approved` 或 `retired`",
                           en: "unknown status `\(status.value)`; use draft, review, approved or retired"),
                    at: status.position,
                    notes: Suggestion.note(for: status.value, in: statuses)))
                // A typo of a status: not published while it is unclear.
                meta.status = .draft
            }
        }
        return meta
    }
}
