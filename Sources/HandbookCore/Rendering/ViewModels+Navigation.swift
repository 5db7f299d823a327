import HandbookTemplate

/// The header's entries and every page's breadcrumbs: how a reader finds their way from any page.
extension ViewModels {
    /// One header entry: the index page it opens and the page kinds that belong to its section.
    private struct Section {
        var label: String
        var href: String
        var indexKind: String?
        var kinds: Set<String>
    }

    /// The header for each page kind, made once: the same six entries, the one of the page's
    /// section marked `aria-current` ("page" on the index itself, "true" below it). Plain pages
    /// are their first top-level sections (`sections`, marked on pages in them), then, when
    /// `hasPages`, one 文档 entry leading to their list on the home page, not a link each.
    static func navigation(strings: [String: String], hasPages: Bool,
                           sections: [(label: String, href: String, folder: String)] = []) -> (byKind: [String: TemplateValue], plain: TemplateValue) {
        var list = [
            Section(label: strings["processes"]!, href: RootLink.to(Routes.processIndex), indexKind: "processIndex", kinds: ["process", "feedback"]),
            Section(label: strings["departments"]!, href: RootLink.to(Routes.departmentIndex), indexKind: "departmentIndex", kinds: ["department", "role"]),
            Section(label: strings["matrix"]!, href: RootLink.to(Routes.matrix), indexKind: "matrix", kinds: []),
            Section(label: strings["training"]!, href: RootLink.to(Routes.trainingIndex), indexKind: "trainingIndex", kinds: ["training"]),
            Section(label: strings["reviewNav"]!, href: RootLink.to(Routes.review), indexKind: "review", kinds: []),
        ]
        // The top sections of the plain pages, then 文档 for the rest (top-level pages, sections
        // beyond the first few), which leads to their list on the home page.
        for top in sections {
            list.append(Section(label: top.label, href: top.href, indexKind: nil, kinds: ["page:" + top.folder]))
        }
        if hasPages {
            list.append(Section(label: strings["pages"]!, href: RootLink.to(Routes.home, fragment: "pages"), indexKind: nil, kinds: ["page"]))
        }
        let all = list
        func entries(for kind: String?) -> TemplateValue {
            .list(all.map { section in
                let current: TemplateValue = section.indexKind == kind && kind != nil ? "page"
                    : kind.map(section.kinds.contains) == true ? "true" : false
                // `title` too: a theme's layout written for the plain-page entries reads it.
                return ["label": .string(section.label), "title": .string(section.label), "href": .string(section.href), "current": current]
            })
        }
        let kinds = all.flatMap { Array($0.kinds) + [$0.indexKind].compactMap { $0 } }
        return (Dictionary(kinds.map { ($0, entries(for: $0)) }, uniquingKeysWith: { a, _ in a }), entries(for: nil))
    }

    /// The header's page sections: the first top-level folders in the tree's order; `more` when
    /// some pages are not under them (top-level pages, further sections).
    static let headerSectionLimit = 4

    static func headerSections(_ tree: PageTree) -> (listed: [(label: String, href: String, folder: String)], more: Bool) {
        let top = tree.sections[0]
        var listed: [(label: String, href: String, folder: String)] = []
        var more = false
        for entry in top.entries {
            if case .section(let index) = entry, let route = tree.sections[index].route, listed.count < headerSectionLimit {
                listed.append((tree.sections[index].name, RootLink.to(route), tree.sections[index].folder))
            } else {
                more = true
            }
        }
        return (listed, more)
    }

    /// `首页 › … › current` as the layout shows it: every step but the last a link.
    func breadcrumbs(_ trail: [(name: String, href: String)], current: String) -> TemplateValue {
        let home: Model = ["name": .string(strings["home"]!), "href": .string(RootLink.to(Routes.home))]
        // `href: false` on the last, so that it does not find an `href` of the page around it.
        return ["items": .list([.object(home)] + trail.map { ["name": .string($0.name), "href": .string($0.href)] }
                               + [["name": .string(current), "href": false]])]
    }

    /// 流程 › 类别, above a process and its feedback form.
    func processTrail(_ process: Process) -> [(name: String, href: String)] {
        [(strings["processes"]!, RootLink.to(Routes.processIndex)),
         (categoryName(process.category), RootLink.to(Routes.processIndex, fragment: Self.categoryAnchor(process.category)))]
    }

    /// 部门 › its parents, top first, above a department (and, with the department, above a role).
    func departmentTrail(_ department: Department, including: Bool = false) -> [(name: String, href: String)] {
        var chain: [Department] = including ? [department] : []
        var seen: Set<String> = [department.id]
        var parentID = department.parentID
        // Parent cycles are refused by check; `seen` only keeps a broken model from looping.
        while let id = parentID, seen.insert(id).inserted, let parent = handbook.department(id) {
            chain.insert(parent, at: 0)
            parentID = parent.parentID
        }
        return [(strings["departments"]!, RootLink.to(Routes.departmentIndex))]
            + chain.map { ($0.name, RootLink.to(Routes.department($0.id))) }
    }

    func categoryName(_ category: String?) -> String {
        category.flatMap { $0.isEmpty ? nil : $0 } ?? strings["otherProcesses"]!
    }

    /// The id of a category's heading on the processes index: its name, spaces made dashes.
    static func categoryAnchor(_ category: String?) -> String {
        guard let category, !category.isEmpty else { return "uncategorized" }
        return "category-" + category.split(whereSeparator: \.isWhitespace).joined(separator: "-")
    }

    /// Category names in the order indexes show them (alphabetical, uncategorized last), each
    /// with its processes' positions in `handbook.processes`.
    func processesByCategory() -> [(name: String?, processes: [Int])] {
        var categories: [String: [Int]] = [:]
        for (index, process) in handbook.processes.enumerated() { categories[process.category ?? "", default: []].append(index) }
        return categories.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map { name in
            (name.isEmpty ? nil : name, categories[name]!)
        }
    }

    /// `{n}` in a UI string replaced.
    func counted(_ key: String, _ n: Int) -> String {
        strings[key]!.filling("{n}", with: String(n))
    }
}
