import Foundation
import HandbookTemplate

extension ViewModels {
    func home() -> Model {
        var model = frame(title: handbook.config.title, kind: "home")
        model["isHome"] = true  // its title is the site's, not "title · title"
        if let home = handbook.home {
            model["body"] = .string(home.bodyHTML)
            model["bodyHasTitle"] = .bool(home.bodyHTML.hasPrefix("<h1"))
        }
        var categories: [String: [Int]] = [:]
        let links = processLinkTable
        for (index, process) in handbook.processes.enumerated() { categories[process.category ?? "", default: []].append(index) }
        model["categories"] = .list(categories.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map { name in
            ["name": .string(name.isEmpty ? strings["otherProcesses"]! : name),
             "processes": TemplateValue(categories[name]!.map { links[$0] })]
        })
        model["departments"] = TemplateValue(departmentTree(parent: nil))
        model["hasPages"] = .bool(!handbook.pages.isEmpty)
        model["pages"] = .list(handbook.pages.map { ["title": .string($0.title), "href": .string(RootLink.to(Routes.page($0.contentPath)))] })
        return model
    }

    /// Departments nested under their parents, top level first.
    private func departmentTree(parent: String?) -> [Model] {
        handbook.departments.filter { $0.parentID == parent }.map { department in
            var item = departmentLink(department.id)
            let children = departmentTree(parent: department.id)
            item["children"] = TemplateValue(children)
            // Always set: a missing key would be looked up in the parent item, recursing forever.
            item["hasChildren"] = .bool(!children.isEmpty)
            return item
        }
    }

    func page(_ page: Page) -> Model {
        var model = frame(title: page.title, kind: "page")
        model["body"] = .string(page.bodyHTML)
        if !page.bodyHTML.hasPrefix("<h1") { model["heading"] = .string(page.title) }
        return model
    }

    func search() -> Model {
        var model = frame(title: strings["search"]!, kind: "search")
        let kinds = ["p": strings["process"]!, "s": strings["step"]!, "d": strings["department"]!,
                     "r": strings["role"]!, "g": strings["page"]!]
        let words = ["count": strings["searchCount"]!, "none": strings["searchNone"]!, "shown": strings["searchShown"]!,
                     "more": strings["searchMore"]!, "responsible": strings["searchResponsible"]!, "roleSteps": strings["searchRoleSteps"]!]
        model["searchKindList"] = .list(["p", "s", "d", "r", "g"].map { ["key": .string($0), "name": .string(kinds[$0]!)] })
        model["searchKinds"] = .string(json(kinds))
        model["searchWords"] = .string(json(words))
        return model
    }

    private func json(_ value: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    func notFound() -> Model {
        frame(title: strings["notFound"]!, kind: "notfound")
    }
}
