import Foundation

/// Builds what templates see: plain dictionaries of text, flags and lists, one builder per
/// page kind (see the `ViewModels+*.swift` files). Links are site-root links (`hb-root:/…`)
/// that the renderer turns into relative ones for the page they land on.
struct ViewModels: Sendable {
    let handbook: Handbook
    let duties: DutyIndex
    let strings: [String: String]
    /// The date printed on pages, from SOURCE_DATE_EPOCH when set.
    let printedDate: String
    /// Renders a fragment template (e.g. `checklistRow`) for rows repeated across pages.
    let renderFragment: @Sendable (String, [String: Any]) -> String
    let fragments = FragmentCache()

    /// Plain pages in the header, built once: at most `navLimit`, then a link to the full list on
    /// the home page (a handbook with hundreds of guides must not repeat them on every page).
    let nav: [[String: String]]
    static let navLimit = 8

    init(handbook: Handbook, printedDate: String,
         renderFragment: @escaping @Sendable (String, [String: Any]) -> String = { _, _ in "" }) {
        self.handbook = handbook
        duties = DutyIndex(handbook)
        strings = UIStrings.table(handbook.config.language)
        self.printedDate = printedDate
        self.renderFragment = renderFragment
        var nav: [[String: String]] = handbook.pages.prefix(Self.navLimit).map {
            ["title": $0.title, "href": RootLink.to(Routes.page($0.contentPath))]
        }
        if handbook.pages.count > Self.navLimit {
            nav.append(["title": strings["allPages"]!, "href": RootLink.to(Routes.home, fragment: "pages")])
        }
        self.nav = nav
    }

    /// Keys every page has: site, UI strings, navigation.
    func frame(title: String, kind: String) -> [String: Any] {
        var site: [String: Any] = [
            "title": handbook.config.title,
            "language": handbook.config.language.rawValue,
            "homeHref": RootLink.to(Routes.home),
            "stylesheet": RootLink.to(Routes.stylesheet),
            "matrixHref": RootLink.to(Routes.matrix),
            "searchHref": RootLink.to(Routes.search),
            "searchIndex": RootLink.to(SearchIndex.path),
            "searchScript": RootLink.to("assets/search.js"),
            "root": RootLink.prefix,
        ]
        if let organization = handbook.config.organization { site["organization"] = organization }
        return [
            "site": site, "t": strings, "pageTitle": title, "kind": kind, "printedDate": printedDate, "draft": false,
            "printStyle": PrintStyle.css(header: runningHeader([]), language: handbook.config.language),
            "nav": nav,
        ]
    }

    /// `示例科技有限公司 · 流程手册 · …` for the top of every printed page.
    func runningHeader(_ parts: [String]) -> String {
        ([handbook.config.organization].compactMap { $0 } + [handbook.config.title] + parts).joined(separator: " · ")
    }

    func departmentName(_ id: String) -> String { handbook.department(id)?.name ?? id }

    func departmentLink(_ id: String) -> [String: Any] {
        ["name": departmentName(id), "href": RootLink.to(Routes.department(id))]
    }

    /// `客服部（客服专员）` with the department linked.
    func partyLink(_ party: Party) -> [String: Any] {
        var link = departmentLink(party.departmentID)
        if let roleID = party.roleID {
            link["role"] = handbook.department(party.departmentID)?.role(roleID)?.name ?? roleID
        }
        return link
    }

    func processLink(_ process: Process) -> [String: Any] {
        var link: [String: Any] = [
            "title": process.title, "href": RootLink.to(Routes.process(process.id)),
            "owner": departmentLink(process.ownerID), "status": strings[process.status.rawValue] ?? process.status.rawValue,
        ]
        // Always set: a missing key is looked up in the enclosing sections (a draft sheet).
        link["draft"] = process.status != .approved
        if let version = process.version { link["version"] = version }
        if let effective = process.effective { link["effective"] = effective }
        if let summary = process.summary { link["summary"] = summary }
        return link
    }

    func stepHref(_ process: Process, _ step: Step) -> String {
        RootLink.to(Routes.process(process.id), fragment: Routes.stepAnchor(step.id))
    }

    /// Items joined for display ("投诉工单、回访记录" or "form, record"): one lookup for the
    /// template instead of a section per item.
    func list(_ items: [String]) -> String {
        items.joined(separator: strings["listSeparator"]!)
    }
}
