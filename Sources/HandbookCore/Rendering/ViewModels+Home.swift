import Foundation

extension ViewModels {
    func home() -> [String: Any] {
        var model = frame(title: handbook.config.title, kind: "home")
        if let home = handbook.home {
            model["body"] = home.bodyHTML
            model["bodyHasTitle"] = home.bodyHTML.hasPrefix("<h1")
        }
        var categories: [String: [Process]] = [:]
        for process in handbook.processes { categories[process.category ?? "", default: []].append(process) }
        model["categories"] = categories.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map { name in
            ["name": name.isEmpty ? strings["otherProcesses"]! : name,
             "processes": categories[name]!.map(processLink)] as [String: Any]
        }
        model["departments"] = departmentTree(parent: nil)
        model["hasPages"] = !handbook.pages.isEmpty
        model["pages"] = handbook.pages.map { ["title": $0.title, "href": RootLink.to(Routes.page($0.contentPath))] }
        return model
    }

    /// Departments nested under their parents, top level first.
    private func departmentTree(parent: String?) -> [[String: Any]] {
        handbook.departments.filter { $0.parentID == parent }.map { department in
            var item = departmentLink(department.id)
            let children = departmentTree(parent: department.id)
            item["children"] = children
            // Always set: a missing key would be looked up in the parent item, recursing forever.
            item["hasChildren"] = !children.isEmpty
            return item
        }
    }

    func page(_ page: Page) -> [String: Any] {
        var model = frame(title: page.title, kind: "page")
        model["body"] = page.bodyHTML
        if !page.bodyHTML.hasPrefix("<h1") { model["heading"] = page.title }
        return model
    }

    func search() -> [String: Any] {
        var model = frame(title: strings["search"]!, kind: "search")
        let kinds = ["p": strings["process"]!, "s": strings["step"]!, "d": strings["department"]!,
                     "r": strings["role"]!, "g": strings["page"]!]
        let words = ["count": strings["searchCount"]!, "none": strings["searchNone"]!]
        model["searchKinds"] = json(kinds)
        model["searchWords"] = json(words)
        return model
    }

    private func json(_ value: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    func notFound() -> [String: Any] {
        frame(title: strings["notFound"]!, kind: "notfound")
    }
}
