import Foundation
import HandbookTemplate

/// A page's or an item's fields as templates see them.
typealias Model = [TemplateKey: TemplateValue]

/// Builds what templates see: typed dictionaries of text, flags and lists (`Model`), one builder per
/// page kind (see the `ViewModels+*.swift` files). Links are site-root links (`hb-root:/…`)
/// that the renderer turns into relative ones for the page they land on.
///
/// A class: page closures capture it, and copying the struct retained every field (objects all
/// cores share) per capture, a cost that grew faster than the handbook.
final class ViewModels: Sendable {
    let handbook: Handbook
    private let dutyIndex: Lazy<DutyIndex>
    var duties: DutyIndex { dutyIndex.value }
    let strings: [String: String]
    /// The date printed on pages, from SOURCE_DATE_EPOCH when set.
    let printedDate: String
    /// Renders a fragment template (e.g. `checklistRow`) for rows repeated across pages.
    let renderFragment: @Sendable (String, Model) -> String
    /// Checklist rows, a slot per step of `handbook.processes`.
    let fragments: FragmentCache
    /// Role pages' rows for steps a role is consulted or informed on, by step and letters (the
    /// role's own and its department's): a department-wide duty is on every role's page.
    let roleRows: FragmentCache

    /// The header's entries for each page kind, its section marked (`navigation`), built once.
    private let navByKind: [String: TemplateValue]
    private let navPlain: TemplateValue
    /// The header on plain pages, by top-level folder ("" for the others): its section marked.
    let navBySection: [String: TemplateValue]
    /// Each plain page's position in `handbook.pages`, by content path.
    let pageIndex: [String: Int]
    /// The parts of `frame` that are the same on every page, built once.
    private let site: TemplateValue
    let stringsValue: TemplateValue
    private let printStyle: TemplateValue
    /// Links every page repeats (thousands of times on a large handbook), made once.
    private let departmentLinks: [String: Model]
    /// Every department's and role's link as `partyLink` makes it, and as a duty row shows it (a
    /// department as a whole labelled as such), made once: duty rows name a party per row, and
    /// each made its link again (two lookups by name, a copy of the department's link, an insert).
    private let partyLinks: [Party: (link: Model, dutyRow: TemplateValue)]
    /// A duty row's RACI letters with their labels, by the row's letter bits, made once.
    let letterLists: [TemplateValue]
    /// In `handbook.processes` order.
    private let processLinks: Lazy<[Model]>
    /// What rows read of each step, in one array in handbook order: department, training and
    /// matrix rows ask for steps tens of thousands of times.
    let stepTable: Lazy<StepTable>
    /// `changeMark`'s answers, by process index, each step's (see there).
    let changeMarkTable: [[TemplateValue]?]
    /// `hasDelta`'s answers, by `department/role`.
    let deltaKnown = Locked<[String: Bool]>([:])
    /// By process index: the version each step last changed in (`ProcessHistory.lastChanged`),
    /// for a process whose file today is its latest version; nil for others. A row asked its
    /// process's history, a copy of every comparison of it, once per row.
    let lastChangedTable: Lazy<[[String: Int]?]>

    init(handbook: Handbook, printedDate: String,
         renderFragment: @escaping @Sendable (String, Model) -> String = { _, _ in "" }) {
        self.handbook = handbook
        dutyIndex = Lazy { DutyIndex(handbook) }
        strings = UIStrings.table(handbook.config.language)
        self.printedDate = printedDate
        self.renderFragment = renderFragment
        fragments = FragmentCache(steps: handbook.processes.reduce(0) { $0 + $1.steps.count })
        roleRows = FragmentCache(steps: fragments.count)
        let tops = Self.headerSections(handbook.pageTree)
        let (byKind, plain) = Self.navigation(strings: strings, hasPages: tops.more, sections: tops.listed)
        (navByKind, navPlain) = (byKind, plain)
        navBySection = Dictionary([("", byKind["page"] ?? plain)] + tops.listed.map { ($0.folder, byKind["page:" + $0.folder] ?? plain) },
                                  uniquingKeysWith: { a, _ in a })
        pageIndex = Dictionary(handbook.pages.enumerated().map { ($1.contentPath, $0) }, uniquingKeysWith: { a, _ in a })
        let departmentLinks = Dictionary(handbook.departments.map { department -> (String, Model) in
            (department.id, ["name": .string(department.name), "href": .string(RootLink.to(Routes.department(department.id)))])
        }, uniquingKeysWith: { first, _ in first })
        self.departmentLinks = departmentLinks
        // The first department or role with an id wins, as in `partyLink`'s lookups.
        var partyLinks: [Party: (link: Model, dutyRow: TemplateValue)] = [:]
        for department in handbook.departments where partyLinks[Party(departmentID: department.id, roleID: nil)] == nil {
            let link = departmentLinks[department.id] ?? [:]
            var wide = link
            wide["role"] = .string(strings["departmentWide"]!)
            // `roleHref: false` on a department as a whole, so that its role label does not take
            // a `roleHref` from the page around it (a training sheet has one).
            wide["roleHref"] = false
            // A department named alone has no role: said, so that `{{#role}}` inside it does not
            // find one of the page around it.
            var alone = link
            alone["role"] = false
            alone["roleHref"] = false
            partyLinks[Party(departmentID: department.id, roleID: nil)] = (alone, .object(wide))
            for role in department.roles where partyLinks[Party(departmentID: department.id, roleID: role.id)] == nil {
                var roleLink = link
                roleLink["role"] = .string(role.name)
                roleLink["roleHref"] = .string(RootLink.to(Routes.role(department.id, role: role.id)))
                partyLinks[Party(departmentID: department.id, roleID: role.id)] = (roleLink, .object(roleLink))
            }
        }
        self.partyLinks = partyLinks
        let letterLabels = strings
        letterLists = (0..<1 << Involvement.allCases.count).map { bits in
            .list(Involvement.allCases.filter { bits & 1 << $0.order != 0 }.map {
                ["letter": .string($0.rawValue), "label": .string(letterLabels[$0.rawValue] ?? "")]
            })
        }
        let table = strings
        processLinks = Lazy { handbook.processes.map { Self.processLink($0, handbook: handbook, strings: table) } }
        stepTable = Lazy { StepTable(handbook, separator: table["listSeparator"]!) }
        lastChangedTable = Lazy {
            handbook.processes.map { process in handbook.history[process.id].flatMap { $0.latestChanges == nil ? nil : $0.lastChanged } }
        }
        site = Self.site(handbook.config)
        changeMarkTable = handbook.history.isEmpty ? [] : Self.changeMarks(handbook, strings: strings)
        stringsValue = TemplateValue(strings)
        printStyle = .string(PrintStyle.css(header: ([handbook.config.organization].compactMap { $0 } + [handbook.config.title]).joined(separator: " · "),
                                            language: handbook.config.language))
    }

    /// Keys every page has: site, UI strings, navigation, and breadcrumbs (`首页 › title` unless
    /// the page's builder gives a longer trail; none on the home page).
    func frame(title: String, kind: String) -> Model {
        var model: Model = [
            "site": site, "t": stringsValue, "pageTitle": .string(title), "kind": .string(kind),
            "printedDate": .string(printedDate), "draft": false, "printStyle": printStyle, "nav": navByKind[kind] ?? navPlain,
        ]
        model["breadcrumbs"] = breadcrumbs([], current: title)
        return model
    }

    private static func site(_ config: HandbookConfig) -> TemplateValue {
        var site: Model = [
            "title": .string(config.title),
            "language": .string(config.language.rawValue),
            "homeHref": .string(RootLink.to(Routes.home)),
            "stylesheet": .string(RootLink.to(Routes.stylesheet)),
            "matrixHref": .string(RootLink.to(Routes.matrix)),
            "searchHref": .string(RootLink.to(Routes.search)),
            "reviewHref": .string(RootLink.to(Routes.review)),
            "searchIndex": .string(RootLink.to(SearchIndex.path)),
            "searchScript": .string(RootLink.to("assets/search.js")),
            "printScript": .string(RootLink.to("assets/print.js")),
            "trainingPlanHref": .string(RootLink.to(Routes.trainingPlan)),
            "filterScript": .string(RootLink.to("assets/filter.js")),
            "deltaScript": .string(RootLink.to("assets/delta.js")),
            "root": .string(RootLink.prefix),
        ]
        if let organization = config.organization { site["organization"] = .string(organization) }
        return .object(site)
    }

    /// `示例科技有限公司 · 流程手册 · …` for the top of every printed page.
    func runningHeader(_ parts: [String]) -> String {
        ([handbook.config.organization].compactMap { $0 } + [handbook.config.title] + parts).joined(separator: " · ")
    }

    func departmentName(_ id: String) -> String { handbook.department(id)?.name ?? id }

    func departmentLink(_ id: String) -> Model {
        departmentLinks[id] ?? ["name": .string(departmentName(id)), "href": .string(RootLink.to(Routes.department(id)))]
    }

    /// `客服部（客服专员）` with the department linked.
    func partyLink(_ party: Party) -> Model {
        if let made = partyLinks[party] { return made.link }
        var link = departmentLink(party.departmentID)
        if let roleID = party.roleID {
            link["role"] = .string(handbook.department(party.departmentID)?.role(roleID)?.name ?? roleID)
            link["roleHref"] = .string(RootLink.to(Routes.role(party.departmentID, role: roleID)))
        }
        return link
    }

    /// A party as a duty row lists it: a department as a whole says so.
    func dutyRowParty(_ party: Party) -> TemplateValue {
        if let made = partyLinks[party] { return made.dutyRow }
        var item = partyLink(party)
        if party.roleID == nil {
            item["role"] = .string(strings["departmentWide"]!)
            item["roleHref"] = false
        }
        return .object(item)
    }

    /// Every process's link, by position in `handbook.processes` (passing the process itself
    /// would copy it, a retain per field), for pages that list many processes. Taken once per
    /// page: each read goes through the table's lock, which the cores would contend for per row.
    var processLinkTable: [Model] { processLinks.value }

    /// Made for a page that needs only this one (a process page, what `serve` renders after an
    /// edit), without making the table.
    func processLink(alone process: Process) -> Model {
        Self.processLink(process, handbook: handbook, strings: strings)
    }

    private static func processLink(_ process: Process, handbook: Handbook, strings: [String: String]) -> Model {
        let owner = handbook.department(process.ownerID)?.name ?? process.ownerID
        var link: Model = [
            "title": .string(process.title), "href": .string(RootLink.to(Routes.process(process.id))),
            "owner": ["name": .string(owner), "href": .string(RootLink.to(Routes.department(process.ownerID)))],
            "status": .string(strings[process.status.rawValue] ?? process.status.rawValue),
        ]
        // Always set: a missing key is looked up in the enclosing sections (a draft sheet).
        link["draft"] = .bool(process.status != .approved)
        if let version = process.version { link["version"] = .string(version) }
        if let effective = process.effective { link["effective"] = .string(effective) }
        // "版本 1.2 · 生效日期 2026-01-01", either part alone without a stray separator.
        let dates = [process.version.map { "\(strings["version"] ?? "") \($0)" },
                     process.effective.map { "\(strings["effective"] ?? "") \($0)" }].compactMap { $0 }
        if !dates.isEmpty { link["dates"] = .string(dates.joined(separator: " · ")) }
        if let summary = process.summary { link["summary"] = .string(summary) }
        return link
    }

    /// Items joined for display ("投诉工单、回访记录" or "form, record"): one lookup for the
    /// template instead of a section per item.
    func list(_ items: [String]) -> String {
        items.joined(separator: strings["listSeparator"]!)
    }
}
