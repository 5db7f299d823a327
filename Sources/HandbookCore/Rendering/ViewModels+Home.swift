import Foundation
import HandbookTemplate

extension ViewModels {
    /// Short at any size: the home text, an entry per section, the categories with their
    /// counts (linking to the processes index), the last processes changed and the documents.
    /// The full lists live on the indexes (at 2,000 processes the home page was 62,566 px long).
    func home() -> Model {
        var model = frame(title: handbook.config.title, kind: "home")
        model["isHome"] = true  // its title is the site's, not "title · title"
        model["breadcrumbs"] = false
        if let home = handbook.home {
            model["body"] = .string(home.bodyHTML)
            model["bodyHasTitle"] = .bool(home.bodyHTML.hasPrefix("<h1"))
        }
        let states = handbook.processes.map(reviewState)
        let overdue = states.filter { if case .overdue? = $0 { true } else { false } }.count
        let dueSoon = states.filter { if case .dueSoon? = $0 { true } else { false } }.count
        let sheets = handbook.departments.reduce(0) { $0 + 1 + $1.roles.count }
        let reviewDetail = overdue + dueSoon == 0 ? strings["noneOverdue"]!
            : [overdue > 0 ? counted("overdueCount", overdue) : nil, dueSoon > 0 ? counted("dueSoonCount", dueSoon) : nil]
                .compactMap { $0 }.joined(separator: strings["listSeparator"]!)
        model["tiles"] = .list([
            tile("processes", Routes.processIndex, counted("processCount", handbook.processes.count)),
            tile("departments", Routes.departmentIndex, counted("departmentCount", handbook.departments.count)),
            tile("matrix", Routes.matrix, strings["matrixTile"]!),
            tile("training", Routes.trainingIndex, counted("checklistCount", sheets)),
            tile("reviewNav", Routes.review, reviewDetail, alert: overdue > 0),
        ])
        let byCategory = processesByCategory()
        model["hasCategories"] = .bool(!byCategory.isEmpty)
        model["categories"] = .list(byCategory.map { name, processes in
            ["name": .string(categoryName(name)), "count": .string(String(processes.count)),
             "href": .string(RootLink.to(Routes.processIndex, fragment: Self.categoryAnchor(name)))]
        })
        let links = processLinkTable
        let recent = recentChanges(limit: 10)
        model["recent"] = .list(recent.map { .object(recentChangeModel($0, links: links)) })
        model["hasRecent"] = .bool(!recent.isEmpty)
        model["hasPages"] = .bool(!handbook.pages.isEmpty)
        // The top of the page tree: its sections (with how many pages each holds) and the
        // top-level pages, not every page (4,657 links made a 670 KB home page).
        model["pages"] = .list(handbook.pageTree.sections[0].entries.map { .object(entryModel($0)) })
        return model
    }

    private func tile(_ label: String, _ route: String, _ detail: String, alert: Bool = false) -> TemplateValue {
        ["label": .string(strings[label]!), "href": .string(RootLink.to(route)), "detail": .string(detail), "alert": .bool(alert)]
    }

    func search() -> Model {
        var model = frame(title: strings["search"]!, kind: "search")
        model["breadcrumbs"] = breadcrumbs([], current: strings["search"]!)
        let kinds = ["p": strings["process"]!, "s": strings["step"]!, "d": strings["department"]!,
                     "r": strings["role"]!, "g": strings["page"]!]
        let words = ["count": strings["searchCount"]!, "none": strings["searchNone"]!, "shown": strings["searchShown"]!,
                     "more": strings["searchMore"]!, "responsible": strings["searchResponsible"]!, "roleSteps": strings["searchRoleSteps"]!,
                     "loading": strings["searchLoading"]!]
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
        var model = frame(title: strings["notFound"]!, kind: "notfound")
        model["breadcrumbs"] = breadcrumbs([], current: strings["notFound"]!)
        return model
    }
}
