import Foundation
import Testing
@testable import HandbookCore

/// `handbook new`: a starting file that `check` accepts, never overwriting anything.
@Suite("Scaffold (handbook new)")
struct ScaffoldTests {
    func handbook(_ files: [String: String] = [:]) throws -> TestHandbook {
        try TestHandbook(fixture: "valid-basic", files)
    }

    func errors(_ handbook: TestHandbook, drafts: Bool = false) async -> [String] {
        await handbook.check(drafts: drafts).diagnostics.filter { $0.severity == .error }.map(\.formatted)
    }

    @Test("A process with a Chinese name: its own id, a file that checks and builds")
    func chineseProcess() async throws {
        let handbook = try handbook()
        let file = try Scaffold.create(.process, name: "退货处理流程", id: nil, root: handbook.root)
        #expect(file.standardizedFileURL.path == handbook.root.appendingPathComponent("content/processes/退货处理流程.md").standardizedFileURL.path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("---\n"))
        #expect(text.contains("id: \"退货处理流程\""))
        #expect(text.contains("title: \"退货处理流程\""))
        #expect(text.contains("owner: \"customer-service\""), "owned by an existing department")
        #expect(text.contains("status: draft"))
        for drafts in [false, true] {
            #expect(await errors(handbook, drafts: drafts) == [], "drafts: \(drafts)")
        }
        let site = try await handbook.build(drafts: true)
        #expect(site.report.published)
        let page = site.text(Routes.process("退货处理流程"))
        #expect(page.contains("<h1>退货处理流程"))
        #expect(HTML.stepRowIDs(in: page) == ["step-1", "step-2"])
        #expect(!(try await handbook.build()).filesContaining("退货处理流程").contains { $0.hasSuffix(".html") },
                "a new process is a draft: not published without --drafts")
    }

    @Test("A department with an English name: a kebab-case id")
    func englishDepartment() async throws {
        let handbook = try handbook()
        let file = try Scaffold.create(.department, name: "Human Resources", id: nil, root: handbook.root)
        #expect(file.lastPathComponent == "human-resources.md")
        #expect(file.deletingLastPathComponent().lastPathComponent == "departments")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("id: \"human-resources\""))
        #expect(text.contains("name: \"Human Resources\""))
        #expect(await errors(handbook) == [])
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(site.text(Routes.department("human-resources")).contains("<h1>Human Resources</h1>"))
    }

    @Test("Ids derived from names", arguments: [
        ("Purchase Approval", "purchase-approval"),
        ("  IT Help-Desk: Tickets & Requests!  ", "it-help-desk-tickets-requests"),
        ("采购/付款流程", "采购-付款流程"),
        ("客户 投诉", "客户-投诉"),
    ])
    func derivedIDs(_ name: String, _ id: String) throws {
        let handbook = try handbook()
        let file = try Scaffold.create(.process, name: name, id: nil, root: handbook.root)
        #expect(file.lastPathComponent == id + ".md")
    }

    @Test("A new process and a new department together still check cleanly, with a given id")
    func both() async throws {
        let handbook = try handbook()
        _ = try Scaffold.create(.department, name: "仓储部", id: "warehouse", root: handbook.root)
        _ = try Scaffold.create(.process, name: "Goods Receipt", id: "goods-receipt", root: handbook.root)
        #expect(FileManager.default.fileExists(atPath: handbook.root.appendingPathComponent("content/departments/warehouse.md").path))
        #expect(FileManager.default.fileExists(atPath: handbook.root.appendingPathComponent("content/processes/goods-receipt.md").path))
        #expect(await errors(handbook, drafts: true) == [])
    }

    @Test("Creating the same file again throws and leaves it unchanged", arguments: Scaffold.Kind.allCases)
    func noOverwrite(_ kind: Scaffold.Kind) throws {
        let handbook = try handbook()
        let file = try Scaffold.create(kind, name: "重复名称", id: nil, root: handbook.root)
        let edited = try String(contentsOf: file, encoding: .utf8) + "\n作者修改过的内容。\n"
        try Data(edited.utf8).write(to: file)
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.create(kind, name: "重复名称", id: nil, root: handbook.root)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == edited)
    }

    @Test("An existing handbook file is never replaced")
    func existingFile() throws {
        let handbook = try handbook()
        let path = handbook.root.appendingPathComponent("content/departments/customer-service.md")
        let before = try Data(contentsOf: path)
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.create(.department, name: "Customer Service", id: nil, root: handbook.root)
        }
        #expect(try Data(contentsOf: path) == before)
    }

    @Test("Ids that cannot be ids are refused, and nothing is written", arguments: ["a/b", "../escape", "/abs", ".hidden", "end", ""])
    func badIDs(_ id: String) throws {
        let handbook = try handbook()
        let before = BuiltSite.files(in: handbook.root)
        for kind in Scaffold.Kind.allCases {
            #expect(throws: Scaffold.Failure.self) {
                try Scaffold.create(kind, name: "测试", id: id, root: handbook.root)
            }
        }
        #expect(BuiltSite.files(in: handbook.root) == before)
        #expect(BuiltSite.files(in: handbook.folder).filter { !$0.hasPrefix("handbook/") } == [])
    }

    @Test("Names that are empty or several lines are refused", arguments: ["", "   ", "第一行\n第二行", "!!!"])
    func badNames(_ name: String) throws {
        let handbook = try handbook()
        let before = BuiltSite.files(in: handbook.root)
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.create(.process, name: name, id: nil, root: handbook.root)
        }
        #expect(BuiltSite.files(in: handbook.root) == before)
    }

    @Test("Names with URL characters give ids whose pages and links work")
    func urlCharacters() async throws {
        let handbook = try handbook()
        let process = try Scaffold.create(.process, name: "问题#1 处理?%20", id: nil, root: handbook.root)
        let department = try Scaffold.create(.department, name: "R&D 中心", id: nil, root: handbook.root)
        #expect(process.lastPathComponent == "问题#1-处理?%20.md")
        #expect(department.lastPathComponent == "R&D-中心.md")
        #expect(await errors(handbook, drafts: true) == [])
        let site = try await handbook.build(drafts: true)
        try #require(site.report.published)
        #expect(site.exists(Routes.process("问题#1-处理?%20")))
        #expect(site.exists(Routes.department("R&D-中心")))
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    @Test("Quotes and backslashes in a name survive the YAML")
    func quoting() async throws {
        let handbook = try handbook()
        let name = #"The "Big" \ Review: #1"#
        _ = try Scaffold.create(.department, name: name, id: "big-review", root: handbook.root)
        #expect(await errors(handbook) == [])
        let site = try await handbook.build()
        #expect(HTML.text(site.text(Routes.department("big-review"))).contains(name))
    }

    @Test("The content folder of handbook.yml is used")
    func contentFolder() async throws {
        let handbook = try TestHandbook(["handbook.yml": "title: T\ncontent: docs\n",
                                         "docs/departments/ops.md": "---\nname: 运营部\n---\n运营。\n"])
        let file = try Scaffold.create(.process, name: "日常巡检", id: nil, root: handbook.root)
        #expect(file.deletingLastPathComponent().path.hasSuffix("docs/processes"))
        #expect(try String(contentsOf: file, encoding: .utf8).contains("owner: \"ops\""))
        #expect(await errors(handbook, drafts: true) == [])
    }

    @Test("In an empty handbook a process is still written, for the author to fill in the owner")
    func emptyHandbook() throws {
        let handbook = try TestHandbook()
        let file = try Scaffold.create(.process, name: "First Process", id: nil, root: handbook.root)
        #expect(file.path.hasSuffix("content/processes/first-process.md"))
    }
}
