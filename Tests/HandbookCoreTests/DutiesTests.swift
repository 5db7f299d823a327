import Foundation
import Testing
@testable import HandbookCore

/// Department pages and training checklists list exactly the steps each one takes part in.
@Suite("Duties on department and training pages")
struct DutiesTests {
    /// Step names of the fixture, each unique across the handbook.
    static let allSteps = ["接收投诉", "分类判断", "质量调查", "结果回复", "复核调查报告"]

    func site() async throws -> BuiltSite {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        return site
    }

    /// The step names a page lists, among the fixture's.
    func listedSteps(_ html: String) -> [String] {
        Self.allSteps.filter { html.contains("\($0)</a></th>") || html.contains(". \($0)</a> <abbr") }
    }

    /// The fixture's step names in each `<table class="…">` of a training record, in order of the steps.
    func steps(in table: String, of html: String) -> [String] {
        let tables = html.components(separatedBy: "<table class=\"\(table)\">").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        return Self.allSteps.filter { step in tables.contains { $0.contains(". \(step)</a>") } }
    }

    /// The `process#step-N` targets of the step rows of the duties section of a department page.
    func dutyLinks(_ html: String) -> Set<String> {
        guard let start = html.range(of: "aria-labelledby=\"duties\""),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return [] }
        let section = html[start.upperBound..<end.lowerBound]
        let rows = String(section).matches(of: try! Regex("<th scope=\"row\"><a href=\"([^\"]*)\""))
        return Set(rows.compactMap { match -> String? in
            guard let href = match.output[1].substring.map(String.init), let hash = href.firstIndex(of: "#") else { return nil }
            let process = href.split(separator: "/").dropLast().last.map(String.init) ?? ""
            return process + href[hash...]
        })
    }

    @Test("Each department page lists the steps it takes part in, whatever its letter", arguments: [
        ("customer-service", ["complaint-intake#step-1", "complaint-intake#step-2", "complaint-intake#step-3", "complaint-intake#step-4"]),
        ("quality-assurance", ["complaint-intake#step-2", "complaint-intake#step-3", "quality-review#step-1"]),
        ("operations", ["complaint-intake#step-4"]),
        ("法务部", ["complaint-intake#step-2"]),
    ])
    func departmentDuties(_ department: String, _ expected: [String]) async throws {
        let html = try await site().text(Routes.department(department))
        #expect(dutyLinks(html) == Set(expected))
    }

    @Test("A department that only collaborates on a step shows it, marked C")
    func collaboratorOnly() async throws {
        let html = try await site().text("departments/法务部/index.html")
        #expect(listedSteps(html) == ["分类判断"])
        #expect(html.contains("<abbr class=\"raci raci-C\""))
        #expect(!html.contains("raci-R"))
        #expect(html.contains("href=\"../../processes/complaint-intake/index.html\">投诉受理流程</a>"))
    }

    @Test("Letters are merged per step: accountable and responsible on one row")
    func mergedLetters() async throws {
        let html = try await site().text("departments/customer-service/index.html")
        let row = try #require(html.components(separatedBy: "<tr").first { $0.contains("结果回复</a></th>") })
        #expect(row.contains("raci-R") && row.contains("raci-A"))
        #expect(HTML.count("结果回复</a></th>", in: html) == 1)
        // Each party with its own letters: the department as a whole is R, its manager A.
        let parties = row.matches(of: /<div class="party">(.*?)<\/div>/).map { HTML.text(String($0.output.1)) }
        #expect(parties.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") } == ["R 全部门", "A 客服部经理"], "\(parties)")
    }

    /// The titles heading the row groups of `html`, in order, with the markup they contain.
    func groupHeads(_ html: String, columns: Int) -> [String] {
        // A department's row group also says, for assets/filter.js, which process it is and where its title is.
        html.components(separatedBy: "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(columns)\"").dropFirst()
            .map { String($0.drop { $0 != ">" }.dropFirst().prefix { $0 != "\n" }.dropLast("</th></tr>".count)) }
    }

    @Test("A department's duties are one table: one header, a row group per process headed by its link")
    func oneDutyTable() async throws {
        let html = try await site().text("departments/quality-assurance/index.html")
        #expect(HTML.count("<table class=\"duties\" id=\"duty-table\">", in: html) == 1)
        #expect(HTML.count("<thead>", in: html) == 2, "the duties and the hand-overs each have one header")
        #expect(groupHeads(html, columns: 5) == [
            "<a href=\"../../processes/complaint-intake/index.html\">投诉受理流程</a>",
            "<a href=\"../../processes/quality-review/index.html\">质量复核流程</a>",
        ])
        // Each group holds its process's rows: the quality review's step comes after its heading.
        let review = try #require(html.range(of: "质量复核流程</a></th></tr>"))
        #expect(html[review.upperBound...].contains("复核调查报告</a></th>"))
        #expect(!html[..<review.lowerBound].contains("复核调查报告</a></th>"))
    }

    @Test("A checklist sheet is one table: one header, a row group per process with its version and date")
    func oneChecklistTable() async throws {
        let html = try await site().text("training/quality-assurance/qa-manager/index.html")
        #expect(HTML.count("<table class=\"checks\">", in: html) == 1)
        let heads = groupHeads(html, columns: 8).map(HTML.text)
        #expect(heads.count == 2)
        #expect(heads.first?.hasPrefix("投诉受理流程 版本 1.2 · 生效日期 2026-01-01") == true, "\(heads)")
        #expect(heads.last?.hasPrefix("质量复核流程") == true, "\(heads)")
    }

    @Test("Hand-overs: what the department receives and hands on, each under its own heading, with the other side linked")
    func handOvers() async throws {
        let html = try await site().text("departments/quality-assurance/index.html")
        let start = try #require(html.range(of: "aria-labelledby=\"handovers\""))
        let section = String(html[start.upperBound...]).components(separatedBy: "</section>")[0]
        // Per group: its heading, then each row's cells as text.
        let groups = section.components(separatedBy: "<tr class=\"group\">").dropFirst().map { group in
            group.components(separatedBy: "</tr>").dropLast().map { HTML.text($0).split(separator: " ").joined(separator: " ") }
        }
        #expect(groups == [
            ["本部门接收", "分类结果 客服部 · 2. 分类判断 3. 质量调查 投诉受理流程"],
            ["本部门移交", "调查报告 3. 质量调查 客服部 · 4. 结果回复 投诉受理流程"],
        ])
        // The other department and both steps are linked; the page's own department is not linked to itself.
        #expect(section.contains("href=\"../../departments/customer-service/index.html\">客服部</a>"))
        #expect(!section.contains("departments/quality-assurance/"))
        #expect(HTML.count("href=\"../../processes/complaint-intake/index.html#step-3\">3. 质量调查</a>", in: section) == 2)
    }

    @Test("Hand-overs in one direction only: the other group is not there")
    func oneWayHandOvers() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/archive.md": """
                ---
                title: 档案移交流程
                owner: operations
                status: approved
                version: "1.0"
                effective: 2026-02-01
                steps:
                  - {id: 1, name: 整理档案, responsible: operations, duties: 整理, outputs: [档案清单], next: [2]}
                  - {id: 2, name: 审阅档案, responsible: 法务部, input: [档案清单], duties: 审阅, outputs: [审阅意见]}
                ---
                """,
        ])
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        let heads = { (html: String) in groupHeads(html, columns: 4) }
        #expect(heads(site.text("departments/operations/index.html")) == ["本部门移交"])
        #expect(heads(site.text("departments/法务部/index.html")) == ["本部门接收"])
        #expect(site.text("departments/法务部/index.html").contains("<th scope=\"row\">档案清单</th>"))
    }

    @Test("A department without duties: the note, and no empty table, on its page and its checklists")
    func noDuties() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/departments/archive-room.md": """
                ---
                name: 档案室
                roles:
                  - {id: archivist, name: 档案员}
                ---
                """,
        ])
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        let page = site.text(Routes.department("archive-room"))
        #expect(page.contains("暂无职责。") && !page.contains("<table class=\"duties\">") && !page.contains("aria-labelledby=\"handovers\""))
        for path in [Routes.training("archive-room"), Routes.training("archive-room", role: "archivist")] {
            let sheet = site.text(path)
            #expect(sheet.contains("暂无职责。") && !sheet.contains("<table class=\"checks\">") && !sheet.contains("本岗位没有"), "\(path)")
            #expect(sheet.contains("签字确认"), "the sign-off is still there: \(path)")
        }
    }

    @Test("A checklist's process heading shows version and date only when the process has them")
    func checklistDates() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/undated.md": """
                ---
                title: 无版本流程
                owner: operations
                status: approved
                effective: 2026-05-01
                steps:
                  - {id: 1, name: 年度盘点, responsible: operations/ops-director, duties: 盘点, outputs: [盘点表]}
                ---
                """,
        ])
        let site = try await handbook.build()
        let heads = groupHeads(site.text(Routes.training("operations", role: "ops-director")), columns: 8)
        #expect(heads.contains("<a href=\"../../../processes/undated/index.html\">无版本流程</a> <span class=\"small\">生效日期 2026-05-01</span>"), "\(heads)")
        #expect(heads.allSatisfy { !$0.contains("<span class=\"small\"></span>") && !$0.contains(">· ") })
    }

    @Test("Owned processes and the org tree are on the department page")
    func ownedAndTree() async throws {
        let site = try await site()
        let qa = site.text("departments/quality-assurance/index.html")
        #expect(qa.contains("aria-labelledby=\"owned\""))
        #expect(qa.contains("href=\"../../processes/quality-review/index.html\">质量复核流程</a>"))
        #expect(qa.contains("href=\"../../departments/operations/index.html\">运营中心</a>"))
        let operations = site.text("departments/operations/index.html")
        #expect(operations.contains(">客服部</a>") && operations.contains(">品保部</a>"))
        #expect(!operations.contains("aria-labelledby=\"owned\""))
    }

    @Test("A role's record trains its R and A steps (its own and the department-wide ones) and lists its C and I steps apart, unsigned", arguments: [
        ("customer-service", "cs-agent", ["接收投诉", "结果回复"], ["质量调查"]),
        ("customer-service", "cs-supervisor", ["接收投诉", "分类判断", "结果回复"], []),
        ("customer-service", "cs-manager", ["结果回复"], []),
        ("quality-assurance", "qa-engineer", ["质量调查"], ["分类判断"]),
        ("quality-assurance", "qa-manager", ["质量调查", "复核调查报告"], ["分类判断"]),
        ("operations", "ops-director", [], ["结果回复"]),
    ])
    func roleChecklist(_ department: String, _ role: String, _ trained: [String], _ known: [String]) async throws {
        let html = try await site().text(Routes.training(department, role: role))
        #expect(steps(in: "checks", of: html) == trained)
        #expect(steps(in: "known", of: html) == known)
        // A checkbox and the hand-filled columns only on trained rows.
        #expect(HTML.count("<td class=\"box\"></td>", in: html) == trained.count)
        #expect(html.contains("本岗位没有须培训签字的步骤。") == trained.isEmpty)
        #expect(html.contains("<table class=\"known\">") == !known.isEmpty)
    }

    @Test("A department-wide duty is on every role's record, marked as the whole department's; no sheet is the department's alone")
    func departmentWideOnEveryRole() async throws {
        let site = try await site()
        for role in ["cs-agent", "cs-supervisor", "cs-manager"] {
            let html = site.text(Routes.training("customer-service", role: role))
            let row = try #require(html.components(separatedBy: "<tr>").first { $0.contains(". 结果回复</a>") }, "\(role)")
            #expect(row.contains("<span class=\"small\">全部门</span>"), "\(role): \(row)")
        }
        let booklet = site.text(Routes.training("customer-service"))
        #expect(!booklet.contains("客服部 · 全部门"))
        #expect(HTML.count("<section class=\"sheet ", in: booklet) == 3)
    }

    @Test("The department checklist lists every step of the department and links to role checklists")
    func departmentChecklist() async throws {
        let html = try await site().text("training/customer-service/index.html")
        #expect(listedSteps(html) == ["接收投诉", "分类判断", "质量调查", "结果回复"])
        for role in ["cs-agent", "cs-supervisor", "cs-manager"] {
            #expect(html.contains("href=\"../../training/customer-service/\(role)/index.html\""))
        }
    }

    @Test("A checklist has duties, deadlines, outputs, the print date and sign-off lines")
    func checklistContents() async throws {
        let html = try await site().text("training/customer-service/cs-agent/index.html")
        let text = HTML.text(html)
        for value in ["客服部 · 客服专员", "投诉受理流程", "记录投诉并 生成工单", "接收后15分钟内", "投诉工单", "版本 1.2",
                      "2026-01-01", "受训人", "培训师", "人力资源部", "签字确认"] {
            #expect(text.contains(value), "checklist lacks \(value)")
        }
    }
}
