import Foundation
import Testing
@testable import HandbookCore

/// The organisation-wide matrix (`matrix/index.html`) and each process page's RACI table
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
    static let draft: Cells = [
        "销售部": [:],
        "财务部": ["A": ["1"]],
        "法务部": ["R": ["1"]],
        "信息部": ["R": ["2"]],
    ]
    static let stepNames = ["order-approval": ["1": "录入订单", "2": "信用审核", "3": "确认订单", "archive": "归档订单"],
                            "budget-plan": ["1": "起草预算DRAFTSENTINEL", "2": "录入系统DRAFTSENTINEL"]]

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

    struct Row {
        var title: String
        var href: String
        var draft: Bool
        /// department name → letter → [(step id, href, step name)]
        var cells: [String: [String: [(id: String, href: String, name: String)]]]
        /// department name → letters in the order shown
        var letters: [String: [String]]
    }

    /// The org matrix table, read back.
    static func rows(_ html: String) throws -> [Row] {
        let table = try #require(html.range(of: "<table class=\"org-matrix\">").map { html[$0.lowerBound...] })
        let head = try #require(table.range(of: "</thead>").map { table[..<$0.lowerBound] })
        let columns = matches("<th scope=\"col\"><a href=\"[^\"]*\">([^<]*)</a></th>", in: head).map { $0[0] }
        let body = try #require(table.range(of: "<tbody>").map { table[$0.upperBound...] })
        return body.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { tr in
            let link = matches("^<a href=\"([^\"]*)\">([^<]*)</a>", in: tr).first ?? ["", ""]
            let tds = matches("<td>(.*?)</td>", in: tr).map { $0[0] }
            var row = Row(title: link[1], href: link[0], draft: tr.contains("class=\"badge draft\""), cells: [:], letters: [:])
            for (column, td) in zip(columns, tds) {
                let groups = matches("<abbr class=\"raci raci-([RACI])\" title=\"[^\"]*\">([RACI])</abbr>(.*?)</span>", in: td)
                row.letters[column] = groups.map { $0[0] }
                for group in groups {
                    #expect(group[0] == group[1], "class and text disagree in \(td)")
                    row.cells[column, default: [:]][group[0]] = matches("<a href=\"([^\"]*)\" title=\"([^\"]*)\">([^<]*)</a>", in: group[2])
                        .map { (id: HTML.decodeEntities($0[2]), href: HTML.decodeEntities($0[0]), name: HTML.decodeEntities($0[1])) }
                }
            }
            #expect(tds.count == columns.count, "row \(row.title) has \(tds.count) cells for \(columns.count) columns")
            return row
        }
    }

    /// Checks one row against the expected cells of `process`.
    static func verify(_ row: Row, process: String, expected: Cells) {
        #expect(row.href == "../" + Routes.process(process))
        for (department, letters) in expected {
            let order = letters.keys.sorted { Involvement(rawValue: $0)! < Involvement(rawValue: $1)! }
            #expect(row.letters[department] ?? [] == order, "\(process) × \(department): letters \(row.letters[department] ?? [])")
            for (letter, steps) in letters {
                let shown = row.cells[department]?[letter] ?? []
                #expect(shown.map(\.id) == steps, "\(process) × \(department) \(letter): \(shown.map(\.id))")
                for step in shown {
                    #expect(step.href == "../processes/\(process)/index.html#step-\(step.id)")
                    #expect(step.name == stepNames[process]?[step.id])
                }
            }
        }
    }

    @Test("Each cell holds exactly the right letters, each linking to its steps")
    func cells() async throws {
        let html = try await site().text("matrix/index.html")
        let rows = try Self.rows(html)
        #expect(rows.map(\.title) == ["订单审批流程"])
        let row = try #require(rows.first)
        #expect(!row.draft)
        Self.verify(row, process: "order-approval", expected: Self.approved)
    }

    @Test("Every department is a column, linked to its page")
    func columns() async throws {
        let html = try await site().text("matrix/index.html")
        for (id, name) in [("sales", "销售部"), ("finance", "财务部"), ("legal", "法务部"), ("it", "信息部")] {
            #expect(html.contains("<th scope=\"col\"><a href=\"../departments/\(id)/index.html\">\(name)</a></th>"))
        }
    }

    @Test("The legend explains R, A, C and I")
    func legend() async throws {
        let html = try await site().text("matrix/index.html")
        let legend = try #require(Self.matches("<p class=\"legend small\">(.*?)</p>", in: html).first?[0])
        let text = HTML.text(legend)
        for entry in ["图例", "R 负责", "A 批准", "C 协同", "I 知会"] {
            #expect(text.contains(entry), "legend lacks \(entry): \(text)")
        }
    }

    @Test("Drafts appear only with --drafts, marked; retired processes never")
    func drafts() async throws {
        let without = try await site().text("matrix/index.html")
        #expect(!without.contains("DRAFTSENTINEL"))
        #expect(!without.contains("RETIREDSENTINEL"))

        let with = try await site(drafts: true).text("matrix/index.html")
        let rows = try Self.rows(with)
        #expect(rows.map(\.title) == ["预算草案流程DRAFTSENTINEL", "订单审批流程"], "sorted by id")
        #expect(!with.contains("RETIREDSENTINEL"))
        let draft = try #require(rows.first)
        #expect(draft.draft, "the draft row carries its badge")
        Self.verify(draft, process: "budget-plan", expected: Self.draft)
        if rows.count > 1 {
            #expect(!rows[1].draft)
            Self.verify(rows[1], process: "order-approval", expected: Self.approved)
        }
    }

    @Test("Every link of the matrix page leads to an existing page and step row")
    func links() async throws {
        let site = try await site(drafts: true)
        let problems = LinkAudit.problems(in: site.folder).filter { $0.page == "matrix/index.html" }
        #expect(problems.map(\.description) == [])
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
