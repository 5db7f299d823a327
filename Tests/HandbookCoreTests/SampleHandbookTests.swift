import Foundation
import Testing
@testable import HandbookCore

/// The sample handbook at the root of the repository (what `make site` builds).
@Suite("Sample handbook")
struct SampleHandbookTests {
    static var root: URL { TestHandbook.repositoryRoot }

    static let seedSteps = ["客户投诉接收", "投诉分类与初步判断", "投诉转办", "问题处理与反馈", "客户满意度回访", "投诉数据归档"]

    /// Builds the sample into a temporary folder, never into the repository's public/.
    static func build(drafts: Bool = false) async throws -> (BuiltSite, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-sample-\(UUID().uuidString)")
        let output = folder.appendingPathComponent("site")
        let report = try await Pipeline.build(Pipeline.Options(root: root, output: output, drafts: drafts, date: TestHandbook.date))
        return (BuiltSite(report: report, folder: output), folder)
    }

    @Test("It builds with no errors")
    func builds() async throws {
        let (site, folder) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(site.errors.map(\.formatted) == [])
        #expect(site.report.published)
        #expect(site.report.pageCount > 20)
        for path in ["index.html", "404.html", "handbook.json", "assets/style.css", "glossary/index.html",
                     "guides/writing-processes/index.html", "departments/customer-service/index.html",
                     "training/customer-service/cs-agent/index.html"] {
            #expect(site.exists(path), "missing \(path)")
        }
        #expect(!site.exists(Routes.process("supplier-evaluation")), "the draft is not published")
    }

    @Test("The complaint-handling page has the seed's six steps, in order")
    func complaintHandling() async throws {
        let (site, folder) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Routes.process("complaint-handling"))
        #expect(html.contains("<h1>客户投诉处理流程</h1>"))
        #expect(HTML.stepRowIDs(in: html) == (1...6).map { "step-\($0)" })
        for (index, name) in Self.seedSteps.enumerated() {
            let row = try #require(HTML.element("tr", id: "step-\(index + 1)", in: html))
            #expect(HTML.text(row).contains(name), "row \(index + 1) is not \(name)")
        }
        let transfer = try #require(HTML.element("tr", id: "step-3", in: html))
        #expect(transfer.contains(">品保部</a>（<a href=\"../../roles/quality-assurance/qa-engineer/index.html\">品保工程师</a>）"))
        #expect(HTML.text(transfer).contains("转办后1小时内"))
        // The loop back from the satisfaction call: its condition one piece of text along the loop, not wrapped.
        #expect(html.contains("class=\"branch\">不满意，二次处理</text>"))
        // Where a step goes is said with an arrow, a branch's condition before it.
        let visit = try #require(HTML.element("tr", id: "step-5", in: html))
        #expect(visit.contains("<li>不满意，二次处理 → <a href=\"#step-4\">"), "\(visit)")
        // An unconditional `next: end` reads "→ 结束", not a bare 结束 under the step's name.
        let payment = try #require(HTML.element("tr", id: "step-8", in: site.text(Routes.process("purchase-approval"))))
        #expect(payment.contains("<li>→ 结束</li>"), "\(payment)")
    }

    @Test("Every link of the sample site resolves, with and without drafts", arguments: [false, true])
    func links(drafts: Bool) async throws {
        let (site, folder) = try await Self.build(drafts: drafts)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(site.report.published)
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    @Test("The quality department page shows the complaint steps it collaborates on")
    func collaboration() async throws {
        let (site, folder) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Routes.department("quality-assurance"))
        for step in 2...6 {
            #expect(html.contains("processes/complaint-handling/index.html#step-\(step)\""), "step \(step)")
        }
        #expect(!html.contains("processes/complaint-handling/index.html#step-1\""))
    }
}
