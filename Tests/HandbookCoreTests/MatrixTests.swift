import Foundation
import Testing
@testable import HandbookCore

/// The responsibility matrix, a page per department (`matrix/departments/<id>/`, processes × the
/// department's roles) with an index (`matrix/index.html`), and each process page's RACI table
/// (fixture `raci-matrix`: an approved, a draft and a retired process).
@Suite("Responsibility matrices")
struct MatrixTests {
    /// letter → step ids, per department name, per process title.
    typealias Cells = [String: [String: [String]]]

    static let approved: Cells = [
        "销售部": ["R": ["1", "3"], "A": ["1"], "C": ["2", "3"]],
        "财务部": ["R": ["2"], "A": ["2"], "I": ["1", "archive"]],
        "法务部": ["C": ["2"], "I": ["archive"]],
        "信息部": ["R": ["archive"]],
    ]
    /// The same per column of each department's own matrix: its roles, then 全部门 (the
    /// department as a whole) when it has such duties.
    static let byRole: [String: (columns: [String], cells: Cells)] = [
        "sales": (["销售代表", "销售主管", "全部门"],
                  ["销售代表": ["R": ["1"], "C": ["2"]], "销售主管": ["A": ["1"], "C": ["3"]], "全部门": ["R": ["3"]]]),
        "finance": (["会计", "财务总监", "全部门"],
                    ["会计": ["R": ["2"]], "财务总监": ["A": ["2"], "I": ["archive"]], "全部门": ["I": ["1"]]]),
        "legal": (["法务专员", "全部门"], ["法务专员": ["I": ["archive"]], "全部门": ["C": ["2"]]]),
        "it": (["全部门"], ["全部门": ["R": ["archive"]]]),
    ]
    static let stepNames = ["order-approval": ["1": "录入订单", "2": "信用审核", "3": "确认订单", "archive": "归档订单"],
                            "budget-plan": ["1": "起草预算DRAFTSENTINEL", "2": "录入系统DRAFTSENTINEL"]]
    static let departments = [("sales", "销售部"), ("finance", "财务部"), ("legal", "法务部"), ("it", "信息部")]

    func site(drafts: Bool = false) async throws -> BuiltSite {
        let site = try await TestHandbook(fixture: "raci-matrix").build(drafts: drafts)
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        return site
    }

    static func matches(_ pattern: String, in text: some StringProtocol) -> [[String]] {
        String(text).matches(of: try! Regex(pattern)).map { match in
            (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
        }
    }

    struct Step {
        var id: String
        var href: String
        var name: String
        var label: String
    }

    struct Row {
        var title: String
        var href: String
        var draft: Bool
        /// column name → letter → steps
        var cells: [String: [String: [Step]]]
        /// column name → letters in the order shown
        var letters: [String: [String]]
    }

    /// A department's matrix table, read back: its column names and rows.
    static func table(_ html: String) throws -> (columns: [String], rows: [Row]) {
        let table = try #require(html.range(of: "<table class=\"org-matrix\">").map { html[$0.lowerBound...] })
        let head = try #require(table.range(of: "</thead>").map { table[..<$0.lowerBound] })
        let columns = matches("<th scope=\"col\">([^<]*)</th>", in: head).map { $0[0] }
        let body = try #require(table.range(of: "</thead>").map { table[$0.upperBound...] })
        let rows = body.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { tr in
            let link = matches("^<a href=\"([^\"]*)\">([^<]*)</a>", in: tr).first ?? ["", ""]
            let tds = matches("<td>(.*?)</td>", in: tr).map { $0[0] }
            var row = Row(title: link[1], href: link[0], draft: tr.contains("class=\"badge draft\""), cells: [:], letters: [:])
            for (column, td) in zip(columns, tds) {
                let groups = matches("<abbr class=\"raci raci-([RACI])\" title=\"[^\"]*\">([RACI])</abbr>(.*?)</span>", in: td)
                row.letters[column] = groups.map { $0[0] }
                for group in groups {
                    #expect(group[0] == group[1], "class and text disagree in \(td)")
                    row.cells[column, default: [:]][group[0]] = matches("<a href=\"([^\"]*)\" title=\"([^\"]*)\" aria-label=\"([^\"]*)\">([^<]*)</a>", in: group[2])
                        .map { Step(id: HTML.decodeEntities($0[3]), href: HTML.decodeEntities($0[0]), name: HTML.decodeEntities($0[1]),
                                    label: HTML.decodeEntities($0[2])) }
                }
            }
            #expect(tds.count == columns.count, "row \(row.title) has \(tds.count) cells for \(columns.count) columns")
            return row
        }
        return (columns, rows)
    }

    /// Checks one row against the expected cells of `process`.
    static func verify(_ row: Row, process: String, expected: Cells) {
        #expect(row.href == "../../../" + Routes.process(process))
        for (column, letters) in expected {
            let order = letters.keys.sorted { Involvement(rawValue: $0)! < Involvement(rawValue: $1)! }
            #expect(row.letters[column] ?? [] == order, "\(process) × \(column): letters \(row.letters[column] ?? [])")
            for (letter, steps) in letters {
                let shown = row.cells[column]?[letter] ?? []
                #expect(shown.map(\.id) == steps, "\(process) × \(column) \(letter): \(shown.map(\.id))")
                for step in shown {
                    #expect(step.href == "../../../processes/\(process)/index.html#step-\(step.id)")
                    #expect(step.name == stepNames[process]?[step.id])
                    // Read out as "步骤 2 信用审核", not "2".
                    #expect(step.label == "步骤 \(step.id) \(step.name)")
                }
            }
        }
        #expect(Set(row.letters.filter { !$0.value.isEmpty }.keys) == Set(expected.filter { !$0.value.isEmpty }.keys),
                "\(process): letters in columns \(row.letters)")
    }

    @Test("Each department's matrix: its processes × its roles, each cell with exactly the right letters and steps")
    func departmentMatrices() async throws {
        let site = try await site()
        for (id, name) in Self.departments {
            let html = site.text(Routes.matrix(id))
            #expect(html.contains("<h1>职责矩阵 · \(name)</h1>"))
            let (columns, rows) = try Self.table(html)
            let expected = try #require(Self.byRole[id])
            #expect(columns == expected.columns, "\(id): \(columns)")
            #expect(rows.map(\.title) == ["订单审批流程"])
            let row = try #require(rows.first)
            #expect(!row.draft)
            Self.verify(row, process: "order-approval", expected: expected.cells)
        }
    }

    /// The trail read "首页 › 职责矩阵 · 销售部", one crumb without a link: a reader who came
    /// from a department had no way up to the other departments' matrices in the trail.
    @Test("A department's matrix has the trail 首页 › 职责矩阵 › 部门, the middle a link to the index")
    func trail() async throws {
        let site = try await site()
        let html = site.text(Routes.matrix("sales"))
        let trail = try #require(html.components(separatedBy: "<nav class=\"breadcrumbs\"").dropFirst().first?.components(separatedBy: "<ol>").dropFirst().first?
            .components(separatedBy: "</nav>").first)
        #expect(HTML.text(trail).replacingOccurrences(of: " ", with: "") == "首页职责矩阵销售部", "\(HTML.text(trail))")
        #expect(trail.contains("<a href=\"../../../matrix/index.html\">职责矩阵</a>"), "\(trail)")
        #expect(trail.contains("<span aria-current=\"page\">销售部</span>"))
    }

    @Test("A department's letters together are the department's share of the organisation's matrix")
    func rolesAddUpToTheDepartment() throws {
        for (id, name) in Self.departments {
            var merged: [String: [String]] = [:]
            for letters in Self.byRole[id]!.cells.values {
                for (letter, steps) in letters { merged[letter, default: []] += steps }
            }
            let order = ["1", "2", "3", "archive"]
            #expect(merged.mapValues { Set($0).sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } }
                    == Self.approved[name]!, "\(id)")
        }
    }

    @Test("The index links every department's matrix, in the organisation's order, with the counts per category")
    func index() async throws {
        let html = try await site().text(Routes.matrix)
        for (id, name) in Self.departments {
            #expect(html.contains("<a href=\"../matrix/departments/\(id)/index.html\">\(name)</a>"), "no link to \(id)'s matrix")
        }
        let head = try #require(html.components(separatedBy: "<thead>").dropFirst().first?.components(separatedBy: "</thead>").first)
        #expect(Self.matches("<th scope=\"col\"><a href=\"[^\"]*\">([^<]*)</a></th>", in: head).map { $0[0] }
                == ["财务部", "信息部", "法务部", "销售部"], "no parents: the handbook's order (by id)")
        // One category (none named): every department takes part in the one process.
        #expect(Self.matches("<td><a href=\"([^\"]*)\" aria-label=\"([^\"]*)\">1</a></td>", in: html).map { $0[0] }
                == ["finance", "it", "legal", "sales"].map { "../matrix/departments/\($0)/index.html#category-0" })
        #expect(html.contains("aria-label=\"销售部参与的其他流程：1 个\""))
    }

    @Test("Columns follow the organisation's tree, parents before children, not the files' order")
    func treeOrder() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Routes.matrix)
        let head = try #require(html.components(separatedBy: "<thead>").dropFirst().first?.components(separatedBy: "</thead>").first)
        let columns = Self.matches("<th scope=\"col\"><a href=\"[^\"]*\">([^<]*)</a></th>", in: head).map { $0[0] }
        // 总经办 heads finance, hr, operations (客服部, 采购部, 品保部 under it) and pmo.
        #expect(columns == ["总经办", "财务部", "人力资源部", "运营中心", "客服部", "采购部", "品保部", "流程管理办公室"])
        let list = Self.matches("<li class=\"depth-(\\d)\"><a href=\"[^\"]*\">([^<]*)</a></li>", in: html)
        #expect(list.map { $0[1] } == columns)
        #expect(list.map { $0[0] } == ["0", "1", "1", "1", "2", "2", "2", "1"])
    }

    @Test("Each department's page links its matrix")
    func linkedFromDepartments() async throws {
        let site = try await site()
        for (id, _) in Self.departments {
            #expect(site.text(Routes.department(id)).contains("<a class=\"button\" href=\"../../matrix/departments/\(id)/index.html\">职责矩阵</a>"))
        }
    }

    @Test("A department whose id is index.html has its matrix beside the index, not in its place")
    func indexNamedDepartment() async throws {
        let handbook = try TestHandbook(fixture: "raci-matrix", ["content/departments/odd.md": "---\nid: index.html\nname: 奇名部\n---\n"])
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        #expect(site.text(Routes.matrix).contains("<h1>职责矩阵</h1>"))
        #expect(site.text(Routes.matrix("index.html")).contains("<h1>职责矩阵 · 奇名部</h1>"))
        // Its page is beside the departments index, not in its place.
        #expect(Routes.department("index.html") == "departments/index%2Ehtml/index.html")
        #expect(site.text(Routes.department("index.html")).contains("<h1>奇名部</h1>"))
        #expect(site.text(Routes.departmentIndex).contains("奇名部"))
    }

    @Test("The legend explains R, A, C and I")
    func legend() async throws {
        let html = try await site().text(Routes.matrix("sales"))
        let legend = try #require(Self.matches("<p class=\"legend small\">(.*?)</p>", in: html).first?[0])
        let text = HTML.text(legend)
        for entry in ["图例", "R 负责", "A 批准", "C 协同", "I 知会"] {
            #expect(text.contains(entry), "legend lacks \(entry): \(text)")
        }
    }

    @Test("Drafts appear only with --drafts, marked; retired processes never")
    func drafts() async throws {
        let without = try await site()
        for (id, _) in Self.departments {
            #expect(!without.text(Routes.matrix(id)).contains("DRAFTSENTINEL"))
            #expect(!without.text(Routes.matrix(id)).contains("RETIREDSENTINEL"))
        }
        let with = try await site(drafts: true)
        let (_, rows) = try Self.table(with.text(Routes.matrix("legal")))
        #expect(rows.map(\.title) == ["预算草案流程DRAFTSENTINEL", "订单审批流程"], "sorted by id")
        let draft = try #require(rows.first)
        #expect(draft.draft, "the draft row carries its badge")
        Self.verify(draft, process: "budget-plan", expected: ["法务专员": ["R": ["1"]]])
        let (_, itRows) = try Self.table(with.text(Routes.matrix("it")))
        if let row = itRows.first { Self.verify(row, process: "budget-plan", expected: ["全部门": ["R": ["2"]]]) }
        for (id, _) in Self.departments { #expect(!with.text(Routes.matrix(id)).contains("RETIREDSENTINEL")) }
    }

    @Test("Every link of the matrix pages leads to an existing page and step row")
    func links() async throws {
        let site = try await site(drafts: true)
        let problems = LinkAudit.problems(in: site.folder).filter { $0.page.hasPrefix("matrix/") }
        #expect(problems.map(\.description) == [])
        #expect(site.files().filter { $0.hasPrefix("matrix/") && $0.hasSuffix(".html") }.count == 1 + Self.departments.count)
    }

    // MARK: Per-process RACI table

    /// The RACI table of a process page: columns, and per step row its letters and roles.
    static func raciTable(_ html: String) throws -> (columns: [String], rows: [(anchor: String, label: String, letters: [String], roles: [String])]) {
        let start = try #require(html.range(of: "<table class=\"raci-matrix\">"))
        let table = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] })
        let head = try #require(table.range(of: "</thead>").map { table[..<$0.lowerBound] })
        let columns = matches("<th scope=\"col\"><a href=\"[^\"]*\">([^<]*)</a></th>", in: head).map { $0[0] }
        let rows = table.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { tr in
            let link = matches("^<a href=\"#([^\"]*)\">([^<]*)</a>", in: tr).first ?? ["", ""]
            let cells = matches("<td(?: title=\"([^\"]*)\")?>([^<]*)</td>", in: tr)
            return (anchor: link[0], label: HTML.decodeEntities(link[1]), letters: cells.map { $0[1] }, roles: cells.map { $0[0] })
        }
        return (columns, rows)
    }

    @Test("The process page's RACI table: right letters per step × department, columns in order of appearance")
    func processTable() async throws {
        let html = try await site().text(Routes.process("order-approval"))
        let table = try Self.raciTable(html)
        #expect(table.columns == ["销售部", "财务部", "法务部", "信息部"])
        #expect(table.rows.map(\.anchor) == ["step-1", "step-2", "step-3", "step-archive"])
        #expect(table.rows.map(\.label) == ["1. 录入订单", "2. 信用审核", "3. 确认订单", "archive. 归档订单"])
        #expect(table.rows.map(\.letters) == [
            ["RA", "I", "", ""],
            ["C", "RA", "C", ""],
            ["RC", "", "", ""],
            ["", "I", "I", "R"],
        ])
        // The roles behind the letters are named in the cell's title.
        #expect(table.rows.first?.roles.first == "销售主管、销售代表")
        #expect(table.rows.last?.roles == ["", "财务总监", "法务专员", ""])
        // A cell without named roles has no title at all, not an empty one.
        #expect(!html.contains("title=\"\""))
        // Each row links to its step row, which exists.
        let ids = HTML.ids(in: html)
        for row in table.rows { #expect(ids.contains(row.anchor)) }
        #expect(HTML.text(html).contains("R 负责 · A 批准 · C 协同 · I 知会"))
    }

    @Test("The draft process page has its own RACI table with --drafts")
    func draftProcessTable() async throws {
        let site = try await site(drafts: true)
        let table = try Self.raciTable(site.text(Routes.process("budget-plan")))
        #expect(table.columns == ["法务部", "财务部", "信息部"])
        #expect(table.rows.map(\.letters) == [["R", "A", ""], ["", "", "R"]])
    }

    @Test("The matrix agrees with the department pages: a department's page lists the steps of its cells")
    func agreesWithDepartmentPages() async throws {
        let site = try await site()
        for (id, name) in [("sales", "销售部"), ("finance", "财务部"), ("legal", "法务部"), ("it", "信息部")] {
            let html = site.text(Routes.department(id))
            let steps = Set(Self.approved[name, default: [:]].values.joined())
            for step in steps {
                #expect(html.contains("processes/order-approval/index.html#step-\(step)"), "\(name) page lacks step \(step)")
            }
        }
    }
}
