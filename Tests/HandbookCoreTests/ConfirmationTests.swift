import Foundation
import Testing
@testable import HandbookCore

/// Departments' confirmations of their duties (issue #29): what `check` says, in both languages,
/// which confirmations carry over, and what the pages and `handbook.json` show.
@Suite("Department confirmations")
struct ConfirmationTests {
    static let departments = [
        "content/departments/cs.md": "---\nname: 客服部\nroles:\n  - {id: agent, name: 客服专员}\n  - {id: supervisor, name: 客服主管}\n---\n",
        "content/departments/qa.md": "---\nname: 品保部\nroles:\n  - {id: qa-lead, name: 品保主管}\n---\n",
    ]

    /// The fixtures' process: 客服部 on step 1 (and informed on 2), 品保部 on step 2; version 2.0.
    static func process(changes2: String = "", confirmations: String, language: String? = nil) -> [String: String] {
        var files = departments
        files["content/processes/intake.md"] = """
        ---
        title: 投诉受理
        owner: cs
        status: approved
        version: "2.0"
        effective: 2025-12-01
        approved_by: 客服部经理
        review_due: 2026-12-01
        changes:
          - {version: "2.0", date: 2025-11-20, summary: 增加品质复核\(changes2)}
          - {version: "1.0", date: 2025-01-10, summary: 首次发布}
        steps:
          - {id: 1, name: 接收投诉, responsible: 客服部/客服专员, accountable: cs/supervisor, duties: 记录投诉, outputs: [投诉工单]}
          - {id: 2, name: 品质复核, input: 投诉工单, responsible: 品保部/品保主管, informed: [客服部], duties: 复核处理结果, outputs: [复核记录]}
        confirmations:
        \(confirmations)
        ---

        """
        if let language { files["handbook.yml"] = "language: \(language)\n" }
        return files
    }

    static let both = """
      - by: 客服部/客服主管
        date: 2025-12-02
        version: "2.0"
      - {by: qa/qa-lead, date: 2025-12-03, version: "2.0"}
    """

    @Test("Confirmed by every department with a duty: no finding; the page shows who, when and which version")
    func allConfirmed() async throws {
        let handbook = try TestHandbook(Self.process(confirmations: Self.both))
        let site = try await handbook.build()
        #expect(site.report.diagnostics.map(\.formatted) == [])
        let html = site.text(Routes.process("intake"))
        let table = PrintedPDF.squeeze(HTML.text(html.components(separatedBy: "id=\"confirmations\"")[1]))
        #expect(table.hasPrefix(">部门职责确认各部门负责人确认本部门在本流程版本2.0中的职责"))
        #expect(table.contains("已确认2/2个部门"))
        #expect(table.contains("客服部客服主管2025-12-022.0品保部品保主管2025-12-032.0"))
        #expect(!html.contains("待确认"))
        let json = site.text("handbook.json")
        #expect(json.contains("\"by\" : \"cs/supervisor\"") || json.contains("\"by\": \"cs/supervisor\""))
        #expect(!json.contains("awaiting"))
        // Nothing awaits: the department and review pages say so or say nothing.
        #expect(!site.text(Routes.department("qa")).contains("本部门待确认的流程"))
        #expect(site.text(Routes.review).contains("各流程的有关部门均已确认本部门职责。"))
    }

    @Test("A missing department: a warning at `confirmations:`, in Chinese and English; the pages show it awaiting")
    func missing() async throws {
        let handbook = try TestHandbook(Self.process(confirmations: "  - {by: 客服部/客服主管, date: 2025-12-02, version: \"2.0\"}"))
        let site = try await handbook.build()
        let found = try #require(site.report.diagnostics.first)
        #expect(site.report.diagnostics.count == 1)
        #expect(found.formatted(in: .zhCN) == "content/processes/intake.md:15:1: warning: 已批准的流程版本 2.0 尚待以下部门确认本部门职责：品保部 [handbook.confirmation.missing]")
        #expect(found.formatted(in: .en) == "content/processes/intake.md:15:1: warning: approved version 2.0 awaits confirmation of their duties by 品保部 [handbook.confirmation.missing]")
        // --strict makes it an error, like every warning.
        let strict = await Pipeline.check(handbook.options(strict: true))
        #expect(strict.diagnostics.map(\.severity) == [.error])
        let html = site.text(Routes.process("intake"))
        #expect(PrintedPDF.squeeze(HTML.text(html)).contains("品保部待确认2.0"))
        #expect(PrintedPDF.squeeze(HTML.text(site.text(Routes.department("qa")))).contains("本部门待确认的流程本部门在以下流程的当前版本中承担职责，尚未确认：投诉受理·版本2.0待确认"))
        #expect(!site.text(Routes.department("cs")).contains("本部门待确认的流程"))
        #expect(PrintedPDF.squeeze(HTML.text(site.text(Routes.review))).contains("投诉受理版本2.0·待确认：品保部"))
        #expect(site.text("handbook.json").contains("\"awaiting\""))
    }

    @Test("Without any confirmations in the handbook nothing is asked and nothing shown")
    func notInUse() async throws {
        var files = Self.process(confirmations: "")
        files["content/processes/intake.md"] = files["content/processes/intake.md"]!.replacingOccurrences(of: "confirmations:\n", with: "")
        let site = try await TestHandbook(files).build()
        #expect(site.report.diagnostics.map(\.formatted) == [])
        #expect(!site.text(Routes.process("intake")).contains("部门职责确认"))
        #expect(!site.text(Routes.review).contains("待部门确认"))
        #expect(!site.text("handbook.json").contains("confirmations"))
    }

    @Test("An older confirmation carries over when the newer version lists its changed steps and none is the department's",
          arguments: [("1", true), ("2", false), ("1, 9", false)])
    func carriedOver(_ changed: String, _ carries: Bool) async throws {
        let confirmations = """
          - {by: 客服部/客服主管, date: 2025-12-02, version: "2.0"}
          - {by: 品保部/品保主管, date: 2025-02-01, version: "1.0"}
        """
        let site = try await TestHandbook(Self.process(changes2: ", steps: [\(changed)]", confirmations: confirmations)).build()
        #expect(site.report.diagnostics.map(\.rule) == (carries ? [] : ["handbook.confirmation.missing"]))
        let page = PrintedPDF.squeeze(HTML.text(site.text(Routes.process("intake"))))
        #expect(page.contains("品保部品保主管2025-02-011.0沿用本部门职责自该版本以来未变，原确认沿用") == carries)
        #expect(page.contains("品保部待确认曾确认版本1.0（2025-02-01）") == !carries)
        #expect(site.text("handbook.json").contains("\"carried\"") == carries)
    }

    @Test("The change log answers only when every newer version lists its steps")
    func changeLog() {
        let step = Step(id: "1", name: "a", input: [], responsible: Party(departmentID: "cs", roleID: nil), accountable: nil,
                        collaborators: [], informed: [], dutiesHTML: "", dutiesText: "", deadline: nil, outputs: [], risk: nil,
                        kind: .task, next: [], source: SourcePosition(path: "p", line: 1, column: 1))
        func ask(_ changes: [HandbookCore.Process.Change], department: String = "qa", since: String = "1.0") -> Bool? {
            DutyChanges.fromChangeLog.changed(.init(processID: "p", currentVersion: "3.0", changes: changes, steps: [step],
                                                    departmentID: department, since: since))
        }
        let v1 = HandbookCore.Process.Change(version: "1.0", date: nil, summary: "", steps: nil)
        #expect(ask([.init(version: "3.0", summary: "", steps: ["1"]), .init(version: "2.0", summary: "", steps: []), v1]) == false)
        #expect(ask([.init(version: "3.0", summary: "", steps: ["1"]), .init(version: "2.0", summary: "", steps: []), v1], department: "cs") == true)
        #expect(ask([.init(version: "3.0", summary: "", steps: ["1"]), .init(version: "2.0", summary: "", steps: nil), v1]) == nil)
        #expect(ask([.init(version: "2.0", summary: "", steps: []), v1]) == nil, "3.0 has no entry")
        #expect(ask([.init(version: "3.0", summary: "", steps: []), v1], since: "0.9") == nil)
        // Another source answers first; the change log where it cannot tell.
        let git = DutyChanges { $0.since == "1.0" ? true : nil }
        #expect(DutyChanges.fromChangeLog.after(git).changed(.init(processID: "p", currentVersion: "3.0",
            changes: [.init(version: "3.0", summary: "", steps: []), v1], steps: [step], departmentID: "qa", since: "1.0")) == true)
    }

    @Test("The fixtures' findings, at their lines, in Chinese and English", arguments: [
        ("confirmation-wrong-department", "content/processes/intake.md:22:9: error: ",
         "「财务部/会计」属于财务部，该部门在本流程中没有职责，不能代为确认；有职责的部门：客服部、品保部",
         "`财务部/会计` belongs to 财务部, which has no duty in this process; departments with duties: 客服部, 品保部"),
        ("confirmation-unknown-version", "content/processes/intake.md:21:15: error: ",
         "确认的版本 1.5 不是本流程的版本（当前版本：2.0；变更记录中的版本：1.0）",
         "confirms version 1.5, which this process never had (current version: 2.0; in `changes:` 1.0)"),
        ("confirmation-before-effective", "content/processes/intake.md:20:11: error: ",
         "确认日期 2025-11-25 早于版本 2.0 的生效日期 2025-12-01：确认的只能是已经定稿的版本",
         "confirmed on 2025-11-25, before version 2.0's effective date 2025-12-01: a confirmation is of a version as written"),
        ("confirmation-old-version", "content/processes/intake.md:15:1: warning: ",
         "已批准的流程版本 2.0 尚待以下部门确认本部门职责：品保部（品保部曾于 2025-01-12 确认版本 1.0；此后的版本若未改动其职责，可在 `changes:` 中用 `steps:` 列出改动的步骤，原确认即可沿用）",
         "approved version 2.0 awaits confirmation of their duties by 品保部 (品保部 confirmed version 1.0 on 2025-01-12; if the versions since did not change its duties, list their changed steps in `changes:` (`steps:`) and that confirmation carries over)"),
    ])
    func fixtureMessages(_ fixture: String, _ at: String, _ zh: String, _ en: String) async throws {
        let marked = try ReviewRuleTests.load(fixture)
        let handbook = try TestHandbook(marked.files)
        let report = await Pipeline.check(handbook.options())
        let first = try #require(report.diagnostics.first { $0.rule.hasPrefix("handbook.confirmation.") && $0.position == marked.positions["1️⃣"] })
        #expect(first.formatted(in: .zhCN) == at + zh + " [\(first.rule)]")
        #expect(first.formatted(in: .en) == at + en + " [\(first.rule)]")
    }

    @Test("A confirmation by an unknown role is reported where `by` names it, with the nearest role")
    func unknownRole() async throws {
        let handbook = try TestHandbook(Self.process(confirmations: """
          - {by: 客服部/客服主管, date: 2025-12-02, version: "2.0"}
          - {by: 品保部/品保主官, date: 2025-12-03, version: "2.0"}
        """))
        let report = await handbook.check()
        let found = report.diagnostics.map { "\($0.position.line):\($0.position.column) \($0.rule)" }
        // Unresolved, it confirms nothing: 品保部 still awaits.
        #expect(found == ["15:1 handbook.confirmation.missing", "17:10 handbook.reference.unknown-role"])
        #expect(report.diagnostics.last?.notes.joined().contains("品保主管") == true)
    }

    @Test("English pages: Awaiting confirmation")
    func english() async throws {
        let site = try await TestHandbook(Self.process(confirmations: "  - {by: 客服部/客服主管, date: 2025-12-02, version: \"2.0\"}",
                                                       language: "en")).build()
        let page = PrintedPDF.squeeze(HTML.text(site.text(Routes.process("intake"))))
        #expect(page.contains("DepartmentconfirmationsEachdepartment'sheadconfirmsthedepartment'sdutiesinversion2.0"))
        #expect(page.contains("1of2departmentsconfirmed"))
        #expect(page.contains("品保部Awaitingconfirmation2.0"))
        #expect(PrintedPDF.squeeze(HTML.text(site.text(Routes.department("qa")))).contains("Processesawaitingthisdepartment'sconfirmation"))
        #expect(PrintedPDF.squeeze(HTML.text(site.text(Routes.review))).contains("投诉受理Version2.0·Awaiting:品保部"))
    }
}
