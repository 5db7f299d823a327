import Foundation
import Testing
@testable import HandbookCore

/// Draft and review processes are published only with `--drafts`, marked; retired never.
@Suite("Drafts and retired processes")
struct DraftTests {
    static let draftMark = "DRAFT-SENTINEL-退款"
    static let reviewMark = "REVIEW-SENTINEL-换货"
    static let retiredMark = "RETIRED-SENTINEL-旧流程"

    static func process(_ id: String, status: String, mark: String) -> String {
        """
        ---
        title: \(mark)流程
        owner: customer-service
        status: \(status)
        version: "0.1"
        effective: 2026-01-01
        approved_by: 客服部经理
        category: \(mark)类别
        summary: \(mark)概述
        steps:
          - id: 1
            name: \(mark)步骤
            responsible: customer-service/cs-agent
            collaborators: [法务部]
            duties: \(mark)职责
            outputs: [\(mark)成果]
        ---
        \(mark)正文
        """
    }

    func handbook() throws -> TestHandbook {
        try TestHandbook(fixture: "valid-basic", [
            "content/processes/refund.md": Self.process("refund", status: "draft", mark: Self.draftMark),
            "content/processes/exchange.md": Self.process("exchange", status: "review", mark: Self.reviewMark),
            "content/processes/old.md": Self.process("old", status: "retired", mark: Self.retiredMark),
            "content/guides/links.md": "# 链接\n\n[退款](../processes/refund.md) [旧](../processes/old.md#step-1)\n",
        ])
    }

    @Test("Without --drafts, no output file mentions a draft, review or retired process")
    func hidden() async throws {
        let site = try await handbook().build()
        #expect(site.report.published, "\(site.errors.map(\.formatted))")
        for mark in [Self.draftMark, Self.reviewMark, Self.retiredMark] {
            #expect(site.filesContaining(mark) == [], "\(mark) leaked")
        }
        for id in ["refund", "exchange", "old"] {
            #expect(!site.exists(Routes.process(id)))
            #expect(site.filesContaining("processes/\(id)/").isEmpty)
        }
        #expect(!site.text("index.html").contains("badge draft"))
        #expect(!site.text(Routes.processIndex).contains("badge draft"))
        #expect(!site.text("departments/customer-service/index.html").contains("draft"))
    }

    @Test("Links to unpublished processes lead to the not-found page, with a warning")
    func linksToUnpublished() async throws {
        let site = try await handbook().build()
        let html = site.text("guides/links/index.html")
        #expect(HTML.count("href=\"../../404.html\"", in: html) == 2)
        #expect(site.report.diagnostics.contains { $0.rule == "handbook.link.unpublished" && $0.severity == .warning })
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    @Test("With --drafts, draft and review processes appear, marked on every page that shows them")
    func shownMarked() async throws {
        let site = try await handbook().build(drafts: true)
        #expect(site.report.published)
        for (id, mark, label) in [("refund", Self.draftMark, "草稿"), ("exchange", Self.reviewMark, "评审中")] {
            let page = site.text(Routes.process(id))
            #expect(page.contains("<h1>\(mark)流程 <span class=\"badge draft\">\(label)</span></h1>"))
            #expect(page.contains("class=\"kind-process is-draft\""))
            #expect(page.contains("class=\"draft-banner\""))
            let index = site.text(Routes.processIndex)
            #expect(index.contains(">\(mark)流程</a> <span class=\"badge draft\">\(label)</span>"))
            for department in ["customer-service", "法务部"] {
                let html = site.text(Routes.department(department))
                #expect(html.contains(">\(mark)流程</a> <span class=\"badge draft\">"), "\(department) page")
            }
            let checklist = site.text(Routes.training("customer-service", role: "cs-agent"))
            #expect(checklist.contains("\(mark)流程</a> <span class=\"badge draft\">"))
        }
        #expect(!site.text(Routes.process("complaint-intake")).contains("is-draft"))
        #expect(site.text("guides/links/index.html").contains("href=\"../../processes/refund/index.html\""))
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }

    @Test("Retired processes never appear, even with --drafts")
    func retired() async throws {
        let site = try await handbook().build(drafts: true)
        #expect(site.filesContaining(Self.retiredMark) == [])
        #expect(!site.exists(Routes.process("old")))
        let json = site.text("handbook.json")
        #expect(json.contains(Self.draftMark))
        #expect(!json.contains("\"old\""))
    }

    @Test("Drafts are checked even when not published")
    func draftsAreChecked() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/refund.md": Self.process("refund", status: "draft", mark: "x")
                .replacingOccurrences(of: "customer-service/cs-agent", with: "customer-service/nobody"),
        ])
        let site = try await handbook.build()
        #expect(!site.report.published)
        #expect(site.errors.map(\.rule) == ["handbook.reference.unknown-role"])
    }
}
