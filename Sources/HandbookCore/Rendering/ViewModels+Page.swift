import HandbookTemplate

/// Plain pages in their tree: breadcrumbs through the sections above, the section's sidebar,
/// "in this section" on a folder's page, previous / next in reading order; generated pages for
/// folders without a page of their own; redirect pages for old addresses.
extension ViewModels {
    /// A sidebar longer than this shows the entries around the current one and a link to all:
    /// a folder of 1,000 pages would otherwise repeat 1,000 links on each of them.
    static let sidebarLimit = 41

    private var tree: PageTree { handbook.pageTree }

    func page(_ page: Page) -> Model {
        let index = pageIndex[page.contentPath] ?? 0
        let section = tree.section(ofPage: page)
        var model = frame(title: page.title, kind: "page")
        if page.isFolderPage {
            model["breadcrumbs"] = breadcrumbs(sectionTrail(tree.sections[section].parent ?? 0), current: page.title)
            fillSection(section, into: &model, body: page.bodyHTML)
            fillNeighbours(.section(section), into: &model)
            model["sidebar"] = sidebar(of: tree.sections[section].parent ?? 0, current: .section(section))
        } else {
            model["breadcrumbs"] = breadcrumbs(sectionTrail(section), current: page.title)
            fillNeighbours(.page(index), into: &model)
            model["sidebar"] = sidebar(of: section, current: .page(index))
        }
        model["body"] = .string(page.bodyHTML)
        if !page.bodyHTML.hasPrefix("<h1") { model["heading"] = .string(page.title) }
        model["nav"] = navigation(forFolder: page.folder)
        // Unpublished pages are built only with --drafts, and say so.
        model["draft"] = .bool(page.status != .approved)
        if let lang = page.lang.flatMap({ $0.isEmpty ? nil : $0 }) ?? handbook.config.contentLanguage {
            model["pageLang"] = .string(lang)
            if Self.rightToLeft.contains(String(lang.lowercased().split(separator: "-")[0])) { model["pageDir"] = "rtl" }
        }
        var meta: [TemplateValue] = []
        if let owner = page.owner { meta.append(["label": .string(strings["pageOwner"]!), "value": .string(owner)]) }
        if let date = page.date { meta.append(["label": .string(strings["pageDate"]!), "value": .string(date)]) }
        if !page.tags.isEmpty { meta.append(["label": .string(strings["pageTags"]!), "value": .string(list(page.tags))]) }
        if page.status != .approved { meta.append(["label": .string(strings["status"]!), "value": .string(strings[page.status.rawValue] ?? page.status.rawValue)]) }
        model["pageMeta"] = .list(meta)
        model["hasPageMeta"] = .bool(!meta.isEmpty)
        if let description = page.description { model["description"] = .string(description) }
        return model
    }

    /// The page of a folder without one of its own: its name and what it holds.
    func sectionPage(_ section: Int) -> Model {
        let name = tree.sections[section].name
        var model = frame(title: name, kind: "page")
        model["breadcrumbs"] = breadcrumbs(sectionTrail(tree.sections[section].parent ?? 0), current: name)
        model["heading"] = .string(name)
        fillSection(section, into: &model, body: "")
        fillNeighbours(.section(section), into: &model)
        model["sidebar"] = sidebar(of: tree.sections[section].parent ?? 0, current: .section(section))
        model["nav"] = navigation(forFolder: tree.sections[section].folder)
        return model
    }

    /// Right-to-left scripts' language codes: a page in one is laid out from the right.
    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"]

    /// 文档 › 上级 › … : the sections from the top down to `section`, each linked when it has a page.
    private func sectionTrail(_ section: Int) -> [(name: String, href: String)] {
        tree.trail(to: section).map { index in
            let found = tree.sections[index]
            return (found.name, found.route.map { RootLink.to($0) } ?? RootLink.to(Routes.home, fragment: "pages"))
        }
    }

    /// An entry as lists show it: title, link, and for a section how many pages it holds.
    func entryModel(_ entry: PageTree.Entry, current: PageTree.Entry? = nil) -> Model {
        var item: Model
        switch entry {
        case .page(let index):
            let page = handbook.pages[index]
            item = ["title": .string(page.title), "href": .string(RootLink.to(page.route)), "isSection": false]
            if let description = page.description { item["description"] = .string(description) }
        case .section(let index):
            let section = tree.sections[index]
            item = ["title": .string(section.name), "href": section.route.map { .string(RootLink.to($0)) } ?? false, "isSection": true,
                    "count": .string(counted("pageCount", section.pageCount))]
            if let page = section.page, let description = handbook.pages[page].description { item["description"] = .string(description) }
        }
        item["current"] = entry == current ? "page" : false
        return item
    }

    private func fillSection(_ section: Int, into model: inout Model, body: String) {
        let entries = tree.sections[section].entries
        model["hasInSection"] = .bool(!entries.isEmpty)
        model["inSection"] = .list(entries.map { .object(entryModel($0)) })
    }

    private func fillNeighbours(_ entry: PageTree.Entry, into model: inout Model) {
        let (previous, next) = tree.neighbours(of: entry)
        model["previous"] = previous.map { .object(entryModel($0)) } ?? false
        model["next"] = next.map { .object(entryModel($0)) } ?? false
        model["hasPager"] = .bool(previous != nil || next != nil)
    }

    /// The section's entries, the current one marked; a long section shows the entries around
    /// the current one and a link to its page for the rest.
    private func sidebar(of section: Int, current: PageTree.Entry) -> TemplateValue {
        let found = tree.sections[section]
        var entries = found.entries[...]
        var more: TemplateValue = false
        if entries.count > Self.sidebarLimit, let at = entries.firstIndex(of: current) {
            let half = Self.sidebarLimit / 2
            let start = max(entries.startIndex, min(at - half, entries.endIndex - Self.sidebarLimit))
            entries = entries[start..<start + Self.sidebarLimit]
            let href: TemplateValue = found.route.map { .string(RootLink.to($0)) } ?? .string(RootLink.to(Routes.home, fragment: "pages"))
            more = ["label": .string(counted("sectionAll", found.entries.count)), "href": href]
        }
        let title = section == 0 ? strings["pages"]! : found.name
        let href: TemplateValue = section == 0 ? .string(RootLink.to(Routes.home, fragment: "pages"))
            : found.route.map { .string(RootLink.to($0)) } ?? false
        return ["title": .string(title), "href": href, "items": .list(entries.map { .object(entryModel($0, current: current)) }), "more": more]
    }

    /// The header with the page's top-level section marked.
    private func navigation(forFolder folder: String) -> TemplateValue {
        let top = folder.split(separator: "/").first.map(String.init) ?? ""
        return navBySection[top] ?? navBySection[""] ?? .list([])
    }

    /// A small page at an old address sending the browser on: a meta refresh and a link,
    /// both relative, so that it works from `file://` and under any path.
    static func redirectHTML(_ redirect: Redirect, strings: [String: String], language: String) -> String {
        let href = HTMLEscape.escaped(Routes.rootPrefix(of: redirect.route) + Routes.href(redirect.target))
        let title = HTMLEscape.escaped(redirect.title)
        return """
        <!DOCTYPE html>
        <html lang="\(HTMLEscape.escaped(language))">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <meta name="robots" content="noindex">
        <meta http-equiv="refresh" content="0; url=\(href)">
        <link rel="canonical" href="\(href)">
        </head>
        <body>
        <p>\(HTMLEscape.escaped(strings["movedTo"]!)) <a href="\(href)">\(title)</a></p>
        </body>
        </html>

        """
    }
}
