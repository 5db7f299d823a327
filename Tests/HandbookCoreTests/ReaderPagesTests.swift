import Foundation
import Testing
@testable import HandbookCore

/// What an employee finds: their role's page with its hand-overs, the header's sections,
/// breadcrumbs, the indexes, the review page, and a home page that stays short.
@Suite("Reader pages")
struct ReaderPagesTests {
    static let agentPage = Routes.role("customer-service", role: "cs-agent")

    /// The visible text of each breadcrumb, in order.
    static func breadcrumbs(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav class=\"breadcrumbs\""),
              let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
        return html[start.lowerBound..<end.lowerBound].matches(of: try! Regex("<li>(.*?)</li>"))
            .compactMap { $0.output[1].substring.map { HTML.text(String($0)) } }
    }

    /// The header's entries (label and `aria-current`, if any).
    static func navEntries(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav class=\"site-nav\""),
              let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
        return html[start.lowerBound..<end.lowerBound].matches(of: try! Regex("<a href=\"[^\"]*\"( aria-current=\"([a-z]+)\")?>([^<]*)</a>"))
            .map { match in
                let label = String(match.output[3].substring ?? "")
                return match.output[2].substring.map { "\(label)[\($0)]" } ?? label
            }
    }

    /// The card of the step whose anchor is `step` in a role page's section (its heading links to it).
    static func card(_ step: String, in section: Substring) -> String? {
        section.components(separatedBy: "<li class=\"duty-card\">").first { $0.contains("<h4><a href=\"../../../processes/complaint-handling/index.html#\(step)\">") }
    }

    /// Text as read: inline tags removed without adding spaces (`客服部（客服主管）` stays whole),
    /// block tags and each hand-over as a space.
    static func plain(_ html: some StringProtocol) -> String {
        let inline = String(html).replacing(try! Regex("<span class=\"hop\">"), with: " ")
            .replacing(try! Regex("</?(a|abbr|span|strong)\\b[^>]*>"), with: "")
        return HTML.decodeEntities(inline.replacing(try! Regex("<[^>]*>"), with: " "))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("A role's page lists the steps it is responsible for, each with where the work comes from and where it goes")
    func rolePage() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Self.agentPage)
        #expect(html.contains("<h1>客服专员</h1>"))
        #expect(html.contains("<title>客服专员 · 客服部 · 流程手册</title>"))
        let parts = html.components(separatedBy: "<h2 id=\"supporting\">")
        try #require(parts.count == 2, "no section for consulted and informed steps")
        let primary = Substring(parts[0]), supporting = Substring(parts[1])
        let step = "../../../processes/complaint-handling/index.html#step-"
        // R and A first: steps 1, 3 and 5 of the complaint process are the agent's.
        for id in [1, 3, 5] { #expect(Self.card("step-\(id)", in: primary) != nil, "step \(id)") }
        #expect(Self.card("step-4", in: primary) == nil, "step 4 the agent is only consulted on")
        #expect(supporting.contains("href=\"\(step)4\">4. 问题处理与反馈</a>"), "C and I apart")

        let first = try #require(Self.card("step-1", in: primary))
        #expect(Self.plain(first).contains("来自 流程外部输入：客户通过电话/线上渠道提交投诉信息"))
        #expect(Self.plain(first).contains("交给 2. 投诉分类与初步判断 · 客服部（客服主管）"))
        #expect(Self.plain(first).contains("输出成果 投诉工单（编号）"))
        let third = try #require(Self.card("step-3", in: primary))
        #expect(Self.plain(third).contains("来自 2. 投诉分类与初步判断 · 客服部（客服主管）"))
        #expect(Self.plain(third).contains("输入 分类结果、协同意见"))
        #expect(Self.plain(third).contains("交给 4. 问题处理与反馈 · 品保部（品保工程师）"))
        #expect(third.contains("<a href=\"../../../roles/quality-assurance/qa-engineer/index.html\">品保部（品保工程师）</a>"), "the next party's role is linked")
        let fifth = try #require(Self.card("step-5", in: primary))
        #expect(Self.plain(fifth).contains("满意/一般 → 6. 投诉数据归档 · 客服部（数据专员）"))
        #expect(Self.plain(fifth).contains("不满意，二次处理 → 4. 问题处理与反馈 · 品保部（品保工程师）"))

        // A duty of the whole department is on the page, marked as such.
        #expect(Self.plain(supporting).contains("5. 评审与优化 I（全部门） 负责人：流程管理办公室（流程管理主任）"))
        #expect(Self.breadcrumbs(html) == ["首页", "部门", "总经办", "运营中心", "客服部", "客服专员"])
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    /// At 2,000 processes a role's own steps ran to 92,000 px on a phone before the steps it is
    /// consulted on: the page opens with both sections as links, with how many steps each holds.
    @Test("A role's page opens with links to its two sections, each with its number of steps and processes")
    func roleJump() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Self.agentPage)
        let nav = try #require(html.components(separatedBy: "<nav class=\"page-jump no-print\" aria-label=\"本页\">").dropFirst().first?
            .components(separatedBy: "</nav>").first, "no links to the sections")
        let parts = html.components(separatedBy: "<h2 id=\"supporting\">")
        try #require(parts.count == 2)
        let cards = HTML.count("<li class=\"duty-card\">", in: parts[0])
        let groups = (HTML.count("<section class=\"duty-group\"", in: parts[0]), HTML.count("<section class=\"duty-group\"", in: parts[1]))
        let rows = HTML.count("<li>", in: parts[1].components(separatedBy: "</article>")[0])
        #expect(cards == 3 && groups.0 == 1)
        #expect(HTML.text(nav) == "负责与批准的步骤 \(cards) 个步骤，\(groups.0) 个流程 协同与知会的步骤 \(rows) 个步骤，\(groups.1) 个流程", "\(HTML.text(nav))")
        #expect(nav.contains("<a href=\"#primary\">") && nav.contains("<a href=\"#supporting\">"))
        #expect(html.contains("<h2 id=\"primary\">"))

        // In English, without a plural to get wrong ("1 processes").
        let english = try await TestHandbook(fixture: "print-en").build()
        try #require(english.report.published)
        let page = english.text(Routes.role("sales", role: "sales-rep"))
        let words = try #require(page.components(separatedBy: "<nav class=\"page-jump no-print\" aria-label=\"On this page\">").dropFirst().first?
            .components(separatedBy: "</nav>").first)
        #expect(HTML.text(words).wholeMatch(of: /Steps it is responsible or accountable for steps: \d+ · processes: \d+ Steps it is consulted or informed on steps: \d+ · processes: \d+/) != nil,
                "\(HTML.text(words))")
    }

    /// At 2,000 processes a department's hand-overs came after 370,000 px of duties on a phone.
    @Test("A department's page opens with links to its sections, each with its size")
    func departmentJump() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Routes.department("customer-service"))
        let nav = try #require(html.components(separatedBy: "<nav class=\"page-jump no-print\" aria-label=\"本页\">").dropFirst().first?
            .components(separatedBy: "</nav>").first, "no links to the sections")
        let duties = try #require(html.components(separatedBy: "id=\"duty-table\"").dropFirst().first?.components(separatedBy: "</table>").first)
        let handovers = try #require(html.components(separatedBy: "id=\"handover-table\"").dropFirst().first?.components(separatedBy: "</table>").first)
        let rows = HTML.count("<tr data-roles=", in: duties), processes = HTML.count("<tbody data-process=", in: duties)
        let passed = HTML.count("<tr data-process=", in: handovers)
        #expect(rows > 0 && passed > 0)
        #expect(HTML.text(nav) == "岗位 4 本部门负责的流程 1 本部门在各流程中的职责 \(rows) 个步骤，\(processes) 个流程 交接 \(passed)", "\(HTML.text(nav))")
        for id in ["roles", "owned", "duties", "handovers"] {
            #expect(nav.contains("<a href=\"#\(id)\">") && html.contains("<h2 id=\"\(id)\">"), "\(id)")
        }
    }

    @Test("Department pages, process pages and search lead to the role's page")
    func linksToRolePage() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let department = site.text(Routes.department("customer-service"))
        let roles = try #require(department.components(separatedBy: "<h2 id=\"roles\">").dropFirst().first)
        #expect(roles.contains("<a href=\"../../roles/customer-service/cs-agent/index.html\">客服专员</a>"), "the roles list")
        let duties = department.components(separatedBy: "<h2 id=\"duties\">").last ?? ""
        #expect(duties.contains("<a href=\"../../roles/customer-service/cs-agent/index.html\">客服专员</a>"), "the duty table")
        let process = site.text(Routes.process("complaint-handling"))
        let row = try #require(HTML.element("tr", id: "step-1", in: process))
        #expect(row.contains("<a href=\"../../departments/customer-service/index.html\">客服部</a>（<a href=\"../../roles/customer-service/cs-agent/index.html\">客服专员</a>）"))
        #expect(row.contains("（<a href=\"../../roles/customer-service/cs-supervisor/index.html\">客服主管</a>）"), "the accountable role too")
        let step4 = try #require(HTML.element("tr", id: "step-4", in: process))
        #expect(step4.contains("（<a href=\"../../roles/customer-service/cs-supervisor/index.html\">客服主管</a>）"), "an informed role")
        #expect(site.text("assets/search-index.js").contains("roles/customer-service/cs-agent/index.html"))
        #expect(site.text(Routes.trainingIndex).contains("href=\"../training/customer-service/cs-agent/index.html\">客服专员</a>"))
    }

    @Test("Every page has the reader's sections in its header, and breadcrumbs back to the home page")
    func navigationAndBreadcrumbs() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages: [(String, [String], [String])] = [
            (Routes.home, ["流程", "部门", "职责矩阵", "培训", "评审", "指南", "文档"], []),
            (Routes.processIndex, ["流程[page]", "部门", "职责矩阵", "培训", "评审", "指南", "文档"], ["首页", "流程"]),
            (Routes.process("complaint-handling"), ["流程[true]", "部门", "职责矩阵", "培训", "评审", "指南", "文档"],
             ["首页", "流程", "客户服务", "客户投诉处理流程"]),
            (Routes.feedbackForm("complaint-handling"), ["流程[true]", "部门", "职责矩阵", "培训", "评审", "指南", "文档"],
             ["首页", "流程", "客户服务", "客户投诉处理流程", "执行反馈表"]),
            (Routes.departmentIndex, ["流程", "部门[page]", "职责矩阵", "培训", "评审", "指南", "文档"], ["首页", "部门"]),
            (Routes.department("customer-service"), ["流程", "部门[true]", "职责矩阵", "培训", "评审", "指南", "文档"],
             ["首页", "部门", "总经办", "运营中心", "客服部"]),
            (Routes.matrix, ["流程", "部门", "职责矩阵[page]", "培训", "评审", "指南", "文档"], ["首页", "职责矩阵"]),
            (Routes.trainingIndex, ["流程", "部门", "职责矩阵", "培训[page]", "评审", "指南", "文档"], ["首页", "培训"]),
            (Routes.training("customer-service", role: "cs-agent"), ["流程", "部门", "职责矩阵", "培训[true]", "评审", "指南", "文档"],
             ["首页", "培训", "客服部", "客服专员"]),
            (Routes.review, ["流程", "部门", "职责矩阵", "培训", "评审[page]", "指南", "文档"], ["首页", "评审"]),
            (Routes.page("guides/writing-processes.md"), ["流程", "部门", "职责矩阵", "培训", "评审", "指南[true]", "文档"],
             ["首页", "指南", "流程编写指南"]),
            (Routes.page("glossary.md"), ["流程", "部门", "职责矩阵", "培训", "评审", "指南", "文档[true]"], ["首页", "术语表"]),
            (Routes.search, ["流程", "部门", "职责矩阵", "培训", "评审", "指南", "文档"], ["首页", "搜索"]),
        ]
        for (path, nav, crumbs) in pages {
            let html = site.text(path)
            #expect(Self.navEntries(html) == nav, "\(path)")
            #expect(Self.breadcrumbs(html) == crumbs, "\(path)")
            if !crumbs.isEmpty {
                #expect(html.contains("<nav class=\"breadcrumbs\" aria-label=\"当前位置\"><ol><li><a href="), "\(path)")
                #expect(html.contains("<span aria-current=\"page\">"), "\(path): the last crumb is the page itself")
            }
        }
        // The authors' guide is no longer in every page's header; the home page lists the
        // sections (指南) and top-level pages, not every page.
        #expect(!Self.navEntries(site.text(Routes.process("complaint-handling"))).contains("流程编写指南"))
        let home = site.text(Routes.home)
        let documents = try #require(home.components(separatedBy: "<h2 id=\"pages\">").dropFirst().first)
        #expect(documents.contains(">指南</a>") && documents.contains(">术语表</a>") && !documents.contains(">流程编写指南</a>"))
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    @Test("The indexes: processes by category, departments in the organisation's tree with their roles, every checklist")
    func indexes() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let processes = site.text(Routes.processIndex)
        for (category, title) in [("客户服务", "客户投诉处理流程"), ("采购与财务", "采购审批流程"), ("人力资源", "新员工入职培训流程")] {
            let section = try #require(processes.components(separatedBy: "<h2 id=\"category-\(category)\">").dropFirst().first,
                                       "no heading for \(category)")
            let ownSection = section.components(separatedBy: "<h2 ").first ?? ""
            #expect(ownSection.contains(">\(title)</a>"), "\(title) under \(category)")
        }
        #expect(processes.contains("href=\"#category-客户服务\""), "the contents link to each category")
        let departments = site.text(Routes.departmentIndex)
        // 客服部 sits under 运营中心, which sits under 总经办.
        let management = try #require(departments.range(of: ">总经办</a>"))
        let operations = try #require(departments.range(of: ">运营中心</a>"))
        let service = try #require(departments.range(of: ">客服部</a>"))
        #expect(management.lowerBound < operations.lowerBound && operations.lowerBound < service.lowerBound)
        #expect(departments.contains("href=\"../roles/customer-service/cs-agent/index.html\">客服专员</a>"))
        let training = site.text(Routes.trainingIndex)
        #expect(training.contains("href=\"../training/customer-service/index.html\">客服部</a>"))
        #expect(training.contains("href=\"../training/quality-assurance/qa-engineer/index.html\">品保工程师</a>"))
    }

    @Test("A plain page where an index or the review page goes is refused, not written over")
    func indexPathsAreTaken() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", ["content/review.md": "# 评审须知\n", "content/training/index.md": "# 培训\n"])
        let report = await handbook.check()
        let collisions = report.diagnostics.filter { $0.rule == "handbook.output.collision" }.map(\.position.path).sorted()
        #expect(collisions == ["content/review.md", "content/training/index.md"])
    }
}
