import Foundation
import HandbookCore
import Testing
@testable import HandbookImport

/// 责任部门/岗位 cells matched to the handbook's departments and roles by name or id.
@Suite struct PartyMatchTests {
    static let catalog = DepartmentCatalog(departments: [
        .init(id: "customer-service", name: "客服部", roles: [.init(id: "cs-agent", name: "客服专员"), .init(id: "cs-supervisor", name: "客服主管")],
              path: "content/departments/customer-service.md"),
        .init(id: "quality-assurance", name: "品保部", roles: [.init(id: "qa-engineer", name: "品保工程师")],
              path: "content/departments/quality-assurance.md"),
        .init(id: "hr", name: "人力资源部", roles: [], path: "content/departments/hr.md"),
    ])

    @Test(arguments: [
        ("客服部（客服专员）", "客服部/客服专员"), ("客服部(客服专员)", "客服部/客服专员"), ("客服部/客服专员", "客服部/客服专员"),
        ("客服部／客服专员", "客服部/客服专员"), ("客服专员", "客服部/客服专员"), ("品保部", "品保部"), ("customer-service/cs-agent", "客服部/客服专员"),
        (" 品保工程师 ", "品保部/品保工程师"), ("quality-assurance", "品保部"),
    ])
    func matched(_ cell: String, _ reference: String) {
        let resolution = PartyMatcher(Self.catalog).resolve(cell)
        #expect(resolution.reference == reference)
        if case .matched = resolution.outcome {} else { Issue.record("\(cell) not matched: \(resolution.outcome)") }
        #expect(resolution.dropped == nil)
    }

    /// Words in brackets that are no role are dropped, and said.
    @Test func remarkInBrackets() {
        let resolution = PartyMatcher(Self.catalog).resolve("人力资源部（培训）")
        #expect(resolution.reference == "人力资源部")
        #expect(resolution.dropped == "培训")
    }

    @Test(arguments: ["流程分析师+业务骨干", "项目负责人（统筹）、各部门负责人", "客服部,品保部", "调研小组(流程分析师+业务骨干)"])
    func composite(_ cell: String) {
        let resolution = PartyMatcher(Self.catalog).resolve(cell)
        #expect(resolution.outcome == .composite)
        #expect(resolution.reference == cell.trimmingCharacters(in: .whitespaces))
    }

    @Test func nearMissesGetASuggestion() {
        let matcher = PartyMatcher(Self.catalog)
        #expect(matcher.resolve("客服部门").outcome == .unknown(department: "客服部门", role: nil, suggestion: "客服部"))
        #expect(matcher.resolve("客服部/客服专元").outcome == .unknown(department: "客服部", role: "客服专元", suggestion: "客服部/客服专员"))
        #expect(matcher.resolve("财务部（会计）").outcome == .unknown(department: "财务部", role: "会计", suggestion: nil))
        #expect(matcher.resolve("财务部（会计）").reference == "财务部/会计")
    }

    /// A composite cell is kept as written and reported at its place in the Word table
    /// (`table 2, row 3, column 4`: the first table of the file is no responsibility table).
    @Test func compositeAndUnknownCellsAreReportedWhereTheyAre() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try ImportFixtures.path("mapping.docx")
        let report = await Importer.run(Importer.Options(files: [file], root: root, owner: "客服部", dryRun: true))
        let composite = report.diagnostics.filter { $0.rule == "handbook.import.composite-party" }
        #expect(composite.map(\.position) == [3, 4, 5].map { SourcePosition(path: "\(file):table 2", line: $0, column: 4) })
        #expect(composite.first?.notes.first == "table 2, row 3, column 4")
        #expect(composite.first?.message.contains("流程分析师+业务骨干") == true)
        let unknown = report.diagnostics.filter { $0.rule == "handbook.import.unknown-party" }
        #expect(unknown.map(\.position.line) == [2, 6, 7])
        #expect(unknown[1].notes == ["table 2, row 6, column 4", "did you mean 客服部?"])
        #expect(unknown[1].formatted(in: .zhCN).contains("是不是「客服部」？"))
        let text = try #require(report.files.first?.text)
        #expect(text.contains("responsible: \"流程分析师+业务骨干\"\n"))
        #expect(text.contains("responsible: \"项目负责人(统筹)、各部门负责人\"\n"))
        // 《A》《B》 is two outputs; brackets keep 、 inside one.
        #expect(text.contains("outputs: [\"《业务流程图》\", \"《流程步骤清单》\"]"))
        #expect(text.contains("outputs: [\"《评审会议纪要》(含修改意见)\", \"《优化后流程文件》\"]"))
        #expect(report.files.count == 1 && !report.written)
    }

    /// `--create-departments` writes a department file for each unknown department, with the
    /// roles named beside it; composite cells create none. Then `check` finds only the composite ones.
    @Test func createDepartments() async throws {
        let root = try ImportFixtures.handbook(departments: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let report = await Importer.run(Importer.Options(files: [try ImportFixtures.path("seed-utf8.csv")], root: root,
                                                         createDepartments: true))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.filter { $0.rule == "handbook.import.unknown-party" }.isEmpty)
        let files = ImportFixtures.contents(root)
        let service = try #require(files["departments/客服部.md"])
        #expect(service.contains("name: \"客服部\"\n"))
        #expect(service.contains("name: \"客服专员\"") && service.contains("name: \"客服主管\"") && service.contains("name: \"数据专员\""))
        #expect(files["departments/品保部.md"]?.contains("name: \"品保工程师\"") == true)
        #expect(files["processes/seed-utf8.md"]?.contains("owner: \"客服部\"") == true)
        let checked = await Pipeline.check(Pipeline.Options(root: root))
        #expect(!checked.diagnostics.hasErrors, "\(checked.diagnostics.map(\.formatted))")
    }
}
